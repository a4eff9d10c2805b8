import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATA } from '../../scripts/eval-stories.ts';
import { ingestPaths } from '../../src/articles/ingest.ts';
import { ExtractiveBriefer } from '../../src/briefing/extractive-briefer.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';

/**
 * Key points on real text: the 840-article stream (wire copy with datelines, live blogs, "The
 * Latest" posts) ingested as users do, then every story covered by two outlets or more briefed
 * by its id. Each key point must be a whole sentence of its source, never a dateline or a
 * fragment cut at an abbreviation.
 */
const DATELINE = /^[A-Z][A-Z.'’-]+(?:[ ,]+[A-Z][A-Za-z.'’-]*)*\s*(?:\([A-Za-z]{2,8}\)\s*)?[-–—]/;
const AGENCY = /^[^.]{0,60}\((?:AP|Reuters|AFP|UPI)\)\s*[-–—]/;

let dir: string;
let store: SqliteStore;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'newsbrief-real-points-'));
  store = new SqliteStore(join(dir, 'real.db'));
  const summary = await ingestPaths([DATA], { store, log: pino({ level: 'silent' }) });
  expect(summary.failed).toEqual([]);
}, 120_000);
afterAll(async () => {
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('key points of real stories', () => {
  it('are whole sentences: no dateline, no fragment, no live-blog furniture', async () => {
    const stories = (await store.recentStories(1000)).filter((s) => s.outlets.length >= 2);
    expect(stories.length).toBeGreaterThan(20);
    const briefer = new ExtractiveBriefer(store);
    let points = 0;
    const bad: string[] = [];
    for (const s of stories) {
      const b = await briefer.brief(s.id);
      for (const p of b.points) {
        points++;
        const t = p.text;
        if (
          DATELINE.test(t) ||
          AGENCY.test(t) ||
          /^The Latest\b/i.test(t) ||
          !/^(?:["“‘'(]\s*)?[A-Z0-9]/.test(t) ||
          !/[.!?]["”’')\]]*$/.test(t)
        )
          bad.push(`${s.id}: ${t.slice(0, 100)}`);
      }
    }
    expect(points).toBeGreaterThan(stories.length);
    expect(bad).toEqual([]);
  }, 120_000);
});

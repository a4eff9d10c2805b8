import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { chooseBriefer } from '../../../src/briefing/llm/choose-briefer.ts';
import { evidenceFromStore } from '../../../src/briefing/llm/evidence-from-store.ts';
import { loadConfig } from '../../../src/config.ts';
import type { SearchOptions, Store } from '../../../src/store/store.ts';
import { fakeExtractive } from './helpers.ts';
import { seedPassages, seedQuotes } from './seed-evidence.ts';

const log = pino({ level: 'silent' });

describe('chooseBriefer', () => {
  it('uses the extractive summarizer alone when no LLM is configured', () => {
    const { briefer } = fakeExtractive();
    const chosen = chooseBriefer(loadConfig({}), {
      extractive: briefer,
      retrieve: async () => ({ passages: [], quotes: [] }),
      log,
    });
    expect(chosen).toBe(briefer);
  });

  it('uses the LLM briefer when OPENAI_BASE_URL is set, the extractive one as its fallback', async () => {
    const { briefer, calls } = fakeExtractive();
    const chosen = chooseBriefer(loadConfig({ OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' }), {
      extractive: briefer,
      retrieve: async () => ({ passages: [], quotes: [] }),
      log,
    });
    expect(chosen).not.toBe(briefer);
    expect('digest' in chosen).toBe(true);
    // Nothing retrieved: the extractive summarizer answers without a request.
    await chosen.brief('idlib');
    expect(calls).toEqual(['brief:idlib']);
  });
});

describe('evidenceFromStore', () => {
  it('asks the store for passages and quotes on the same words and window', async () => {
    const asked: [string, string, SearchOptions | undefined][] = [];
    const copy = { ...seedQuotes[0]!, articleId: 'copy' };
    const store = {
      searchPassages: async (topic: string, o?: SearchOptions) => {
        asked.push(['passages', topic, o]);
        return seedPassages;
      },
      quotesByTopic: async (topic: string, o?: SearchOptions) => {
        asked.push(['quotes', topic, o]);
        // Another outlet's copy of the first quote, ranked before it.
        return [copy, ...seedQuotes];
      },
    } as unknown as Store;
    const evidence = await evidenceFromStore(store, { passages: 30, quotes: 3 })('idlib', {
      since: '2018-09-01',
    });
    // The words are given once; twice the quotes are read so that the limit is still filled.
    expect(evidence).toEqual({ passages: seedPassages, quotes: [copy, ...seedQuotes.slice(1, 3)] });
    expect(asked).toEqual([
      ['passages', 'idlib', { limit: 30, since: '2018-09-01' }],
      ['quotes', 'idlib', { limit: 6, since: '2018-09-01' }],
    ]);
    expect(seedQuotes.length).toBeGreaterThan(3);
  });
});

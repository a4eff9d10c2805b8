import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { who } from '../../commands/who.ts';
import { type App, createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import type { Reply } from '../../src/core/reply.ts';
import { article, quote } from '../store/contract/test-database.ts';

describe('/who names one person once, and says when a surname means several', () => {
  const dir = mkdtempSync(join(tmpdir(), 'newsbrief-who-'));
  let app: App;
  const ask = (query: string): Promise<Reply> =>
    who.run!(
      {
        services: app.services,
        invocation: { id: 't', platform: 'console', channelId: 'c', userId: 'u' },
        log: app.services.log,
      },
      { query },
    );
  const text = (reply: Reply) =>
    reply.blocks.flatMap((b) => (b.type === 'text' ? [b.text] : [])).join('\n');
  const speakers = (reply: Reply) => [
    ...new Set(reply.blocks.flatMap((b) => (b.type === 'quote' ? [b.speaker] : []))),
  ];

  beforeAll(async () => {
    app = await createApp(
      loadConfig({ NEWSBRIEF_DB: join(dir, 'store.db') }),
      pino({ level: 'silent' }),
    );
    const said = (id: string, speaker: string) =>
      article(id, [`"Point ${id}," ${speaker} said.`], { quotes: [quote(speaker, `Point ${id}`)] });
    await app.store.addArticles([
      said('h1', 'Hillary Clinton'),
      said('h2', 'Hillary Rodham Clinton'),
      said('h3', 'Clinton'),
      said('h4', 'Hillary Clinton'),
      said('h5', 'Hillary Clinton'),
      said('b1', 'Bill Clinton'),
      said('r1', 'Marco Rubio'),
      said('r2', 'Rubio'),
      // One quote in two outlets' copies and as a pull quote.
      article('k1', ['"We stay," Ana Kent said.', '"We stay," Ana Kent said.'], {
        quotes: [quote('Ana Kent', 'We stay'), quote('Ana Kent', 'We stay', 1)],
      }),
      article('k2', ['"We stay," Ana Kent said.'], { quotes: [quote('Ana Kent', 'We stay')] }),
      said('k3', 'Ana Kent'),
    ]);
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gathers a surname alone under the one full name the store knows', async () => {
    const reply = await ask('rubio');
    expect(reply.title).toBe('Quotes: Marco Rubio');
    expect(speakers(reply)).toEqual(['Marco Rubio']);
    expect(text(reply)).toBe('');
  });

  it('lists the candidates of an ambiguous surname and shows the most quoted', async () => {
    const reply = await ask('clinton');
    expect(reply.title).toBe('Quotes: Hillary Clinton');
    expect(speakers(reply)).toEqual(['Hillary Clinton']);
    expect(text(reply)).toMatch(
      /may mean 2 people: Hillary Clinton \(5 quotes\), Bill Clinton \(1 quote\)/,
    );
    expect(speakers(await ask('Bill Clinton'))).toEqual(['Bill Clinton']);
  });

  it("shows a quote repeated word for word once, as a speaker's and as a topic's", async () => {
    const quotes = (reply: Reply) =>
      reply.blocks.flatMap((b) => (b.type === 'quote' ? [b.text] : [])).sort();
    expect(quotes(await ask('kent'))).toEqual(['Point k3', 'We stay']);
    expect(quotes(await ask('stay'))).toEqual(['We stay']);
  });
});

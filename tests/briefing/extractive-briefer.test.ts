import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { overlap } from '../../src/articles/cleaning/compare-text.ts';
import { prepareArticle } from '../../src/articles/prepare-article.ts';
import { ExtractiveBriefer } from '../../src/briefing/extractive-briefer.ts';
import { UserError } from '../../src/core/errors.ts';
import { SAMPLES } from '../../src/paths.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';

const SECOND = `Ceasefire talks resume in Geneva

Negotiators from both sides met in Geneva on Monday to resume talks on a ceasefire in Idlib, where some 800,000 people could be displaced by an offensive.

"We will not leave the table until civilians are safe," said Maria Lopez, the UN envoy.

She added that aid convoys had reached 40,000 families in the north of the province.`;

describe('the extractive briefer on the seed and a second article', () => {
  const store = new SqliteStore(':memory:');
  const briefer = new ExtractiveBriefer(store);
  const raw = readFileSync(join(SAMPLES, 'idlib-tehran-summit.txt'), 'utf8');

  beforeAll(async () => {
    await store.addArticles([
      prepareArticle({ raw, format: 'text', origin: 'seed', published: '2018-09-07T10:00:00Z' }),
      prepareArticle({
        raw: SECOND,
        format: 'text',
        origin: 'second',
        published: '2018-09-10T10:00:00Z',
      }),
    ]);
  });

  it('briefs idlib with 3-7 distinct, cited points from both articles', async () => {
    const b = await briefer.brief('idlib');
    expect(b.points.length).toBeGreaterThanOrEqual(3);
    expect(b.points.length).toBeLessThanOrEqual(7);
    for (const [i, p] of b.points.entries()) {
      for (const q of b.points.slice(i + 1)) expect(overlap(p.text, q.text)).toBeLessThan(0.6);
    }
    const cited = new Set([...b.points, ...b.numbers].flatMap((p) => p.cites ?? []));
    for (const q of b.quotes) cited.add(q.cite);
    expect([...cited].sort()).toEqual(b.sources.map((s) => s.n).sort());
    expect(b.sources).toHaveLength(2);
  });

  it('quotes only words that are verbatim in the cited article', async () => {
    const b = await briefer.brief('idlib');
    expect(b.quotes.length).toBeGreaterThan(0);
    for (const q of b.quotes) {
      const source = b.sources.find((s) => s.n === q.cite);
      const article = await store.getArticle(source?.articleId ?? '');
      expect(article?.paragraphs.join('\n\n')).toContain(q.text);
    }
  });

  it('keeps key numbers with what they count, one per figure', async () => {
    const b = await briefer.brief('idlib');
    const texts = b.numbers.map((n) => n.text).join(' | ');
    expect(texts).toMatch(/800,000 people|3 million people|three million people/);
    expect(
      b.numbers.filter((n) => /3 million people|three million people/.test(n.text)).length,
    ).toBeLessThanOrEqual(1);
  });

  it('honours a time window and refuses a topic nothing mentions', async () => {
    const recent = await briefer.brief('idlib', { since: '2018-09-09T00:00:00Z' });
    expect(recent.sources.map((s) => s.title)).toEqual(['Ceasefire talks resume in Geneva']);
    await expect(briefer.brief('zanzibar')).rejects.toBeInstanceOf(UserError);
  });

  it('searches query syntax as plain words and never throws on it', async () => {
    for (const topic of [
      '"idlib',
      'idlib*',
      '-idlib',
      'idlib NEAR ceasefire',
      'idlib OR',
      'text:idlib',
      '(idlib',
    ]) {
      const b = await briefer.brief(topic);
      expect(b.points.length).toBeGreaterThan(0);
    }
  });

  it('answers /ask from the sources, or says it is not in them', async () => {
    const yes = await briefer.ask('How many families did aid convoys reach?');
    expect(yes.points[0]?.text).toMatch(/40,000 families/);
    const no = await briefer.ask('What is the price of bitcoin?');
    expect(no.points).toEqual([]);
    expect(no.note).toBe('Not in the sources.');
  });
});

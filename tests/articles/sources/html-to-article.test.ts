import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanInput } from '../../../src/articles/prepare-article.ts';
import { htmlToArticle, toIsoDate } from '../../../src/articles/sources/html-to-article.ts';
import { ROOT } from '../../../src/paths.ts';

const page = readFileSync(join(ROOT, 'tests/fixtures/articles/summit-page.html'), 'utf8');

describe('htmlToArticle on a realistic page', () => {
  const article = htmlToArticle(page);

  it('takes title, outlet and date from the meta tags', () => {
    expect(article?.title).toBe('Rouhani warns US over Syria as leaders meet in Tehran');
    expect(article?.outlet).toBe('World Wire');
    expect(article?.published).toBe('2018-09-07T11:30:00.000Z');
  });

  it('keeps the body paragraphs, decoded, and the caption apart', () => {
    const paragraphs = article?.paragraphs ?? [];
    expect(paragraphs).toContain(
      '"We never want Idlib to become a bloodbath," Turkish President Recep Tayyip Erdoğan told his counterparts, calling for a ceasefire in the province.',
    );
    expect(paragraphs.filter((p) => /Idlib|Rouhani|Putin|three million/.test(p))).toHaveLength(5);
    expect(article?.captions).toEqual([
      'Rouhani (center) with Putin and Erdogan in Tehran. Photo: Presidential Press Service',
    ]);
    const text = paragraphs.join('\n');
    for (const junk of [
      'Home',
      'Sport',
      'Buy now',
      'Privacy',
      'var ads',
      'Turkey seals its border',
      'Photo:',
    ]) {
      expect(text, junk).not.toContain(junk);
    }
  });

  it('cleans into an article with its metadata', () => {
    const cleaned = cleanInput({ raw: page, format: 'html', origin: 'summit-page.html' });
    expect(cleaned.title).toBe('Rouhani warns US over Syria as leaders meet in Tehran');
    expect(cleaned.outlet).toBe('World Wire');
    expect(cleaned.captions).toHaveLength(1);
    expect(cleaned.paragraphs[0]).toMatch(/^Iranian President Hassan Rouhani said on Friday/);
    expect(cleaned.paragraphs.some((p) => p.includes('Advertisement'))).toBe(false);
  });

  it('lets the JSON source title win over the page title', () => {
    const cleaned = cleanInput({
      raw: page,
      format: 'html',
      origin: 'x',
      title: 'Given title',
      outlet: 'AFP',
    });
    expect(cleaned.title).toBe('Given title');
    expect(cleaned.outlet).toBe('AFP');
  });
});

describe('htmlToArticle without an article', () => {
  it.each([
    '<html><body><nav><a href="/">Home</a></nav></body></html>',
    '<html><body></body></html>',
    '',
    '<p>Too short.</p>',
  ])('%j -> undefined', (html) => {
    expect(htmlToArticle(html)).toBeUndefined();
  });

  it('reads a fragment with no <html>', () => {
    const fragment = `<article>${'<p>Officials in Tehran said on Friday that families had fled the fighting near Idlib in large numbers.</p>'.repeat(3)}</article>`;
    expect(htmlToArticle(fragment)?.paragraphs.length).toBeGreaterThan(0);
  });
});

describe('toIsoDate', () => {
  it.each([
    ['2018-09-07', '2018-09-07T00:00:00.000Z'],
    ['Fri, 07 Sep 2018 11:30:00 GMT', '2018-09-07T11:30:00.000Z'],
    ['not a date', undefined],
    [undefined, undefined],
  ])('%j -> %j', (value, expected) => {
    expect(toIsoDate(value)).toBe(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { cleanInput } from '../../../src/articles/prepare-article.ts';
import { markdownToText } from '../../../src/articles/sources/markdown-to-text.ts';

describe('markdownToText', () => {
  it.each([
    ['# Rouhani warns the US', 'Rouhani warns the US'],
    ['## Sub heading ##', 'Sub heading'],
    ['A **bold** and *emphasised* and _under_ word', 'A bold and emphasised and under word'],
    ['See [the report](https://example.org/r) now', 'See the report now'],
    ['![a photo](/img.jpg)Text', 'Text'],
    ['> "We never want a bloodbath," he said.', '"We never want a bloodbath," he said.'],
    ['- one\n* two\n1. three', 'one\ntwo\nthree'],
    ['Use `code` here', 'Use code here'],
    ['before<!-- hidden -->after', 'beforeafter'],
    ['---', ''],
    ['2 * 3 * 4 = 24', '2 * 3 * 4 = 24'],
    ['snake_case_name stays', 'snake_case_name stays'],
  ])('%j -> %j', (markdown, expected) => {
    expect(markdownToText(markdown)).toBe(expected);
  });

  it('cleans a Markdown article, keeping paragraphs and quote marks', () => {
    const md = `# Leaders meet in Tehran\n\nIranian President **Hassan Rouhani** said the "illegal interference" of the US must end.\n\n> "We never want Idlib to become a bloodbath," Erdogan said.\n\nAdvertisement\n\n- Turkey hosts 3.5 million refugees.`;
    const out = cleanInput({ raw: md, format: 'markdown', origin: 'a.md' });
    expect(out.title).toBe('Leaders meet in Tehran');
    expect(out.paragraphs).toEqual([
      'Iranian President Hassan Rouhani said the "illegal interference" of the US must end.',
      '"We never want Idlib to become a bloodbath," Erdogan said.',
      'Turkey hosts 3.5 million refugees.',
    ]);
  });
});

describe('markdownToText keeps paragraph breaks', () => {
  it('after a heading, before a list and around a rule', () => {
    expect(markdownToText('# Title here\n\nBody.\n\nText\n\n- item\n\n***\n\nEnd.')).toBe(
      'Title here\n\nBody.\n\nText\n\nitem\n\n\n\nEnd.',
    );
  });
});

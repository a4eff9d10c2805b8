import { describe, expect, it } from 'vitest';
import { cleanInput } from '../../../src/articles/prepare-article.ts';
import { checkHtmlBudget, HTML_BUDGET } from '../../../src/articles/sources/html-budget.ts';
import { SourceError } from '../../../src/articles/sources/source-error.ts';
import { nestedPage } from '../../fakes/hostile-pages.ts';

function refusal(f: () => unknown): Error {
  try {
    f();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a refusal');
}

describe('checkHtmlBudget (issue 13, item 1)', () => {
  it('lets an ordinary page through, nesting up to the limit included', () => {
    expect(() => checkHtmlBudget(nestedPage(50))).not.toThrow();
    // html, body and the paragraph are three levels of their own.
    expect(() => checkHtmlBudget(nestedPage(HTML_BUDGET.maxDepth - 3))).not.toThrow();
    expect(() => checkHtmlBudget(nestedPage(HTML_BUDGET.maxDepth - 2))).toThrow(SourceError);
  });

  it('refuses a page nested deeper than the limit with a SourceError that says why', () => {
    const error = refusal(() => checkHtmlBudget(nestedPage(HTML_BUDGET.maxDepth)));
    expect(error).toBeInstanceOf(SourceError);
    expect(error.message).toBe(
      'page refused: its elements nest more than 200 levels deep, which no article layout needs and which would stall the reader',
    );
  });

  it('counts depth as the parser builds the tree: implied end tags do not add up', () => {
    // 1,000 unclosed <p> and <li> close each other, as a browser (and linkedom) would close them.
    expect(() =>
      checkHtmlBudget(`<html><body>${'<p>word '.repeat(1000)}</body></html>`),
    ).not.toThrow();
    expect(() => checkHtmlBudget(`<ul>${'<li>item '.repeat(1000)}</ul>`)).not.toThrow();
    // Unclosed divs do nest.
    expect(() => checkHtmlBudget(`<html><body>${'<div>x '.repeat(1000)}</body></html>`)).toThrow(
      /nest more than 200 levels/,
    );
  });

  it('refuses too many elements and too many characters', () => {
    expect(() => checkHtmlBudget('<br>'.repeat(HTML_BUDGET.maxElements + 1))).toThrow(
      'page refused: more than 100,000 HTML elements, over the limit for one article',
    );
    expect(() => checkHtmlBudget('x'.repeat(HTML_BUDGET.maxChars + 1))).toThrow(
      'page refused: 5.0 million characters of HTML is over the limit of 5 million',
    );
  });
});

describe('cleaning a hostile page ends in a clear refusal (issue 13, item 1)', () => {
  it.each([2_000, 10_000, 100_000])(
    '%i nested levels: a SourceError naming the depth, not a stall or a stack overflow',
    (levels) => {
      // Before the budget: 2,000 levels took 13 s in Readability; 10,000 overflowed the stack in
      // Readability._cleanStyles; 100,000 spent minutes in linkedom's own parse.
      const error = refusal(() =>
        cleanInput({ raw: nestedPage(levels), format: 'html', origin: 'deep.html' }),
      );
      expect(error).toBeInstanceOf(SourceError);
      expect(error.message).toMatch(/^page refused: its elements nest more than 200 levels deep/);
    },
  );
});

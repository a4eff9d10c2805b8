import { Parser } from 'htmlparser2';
import { SourceError } from './source-error.ts';

/**
 * What one page may cost before it is parsed into a DOM. Measured on this machine: Readability's
 * time grows with the cube of the nesting depth (400 levels 0.5 s, 800 levels 3.8 s, 1,200 levels
 * 15 s; at 10,000 it overflows the stack), and linkedom's own parse with its square (100,000
 * levels 16 s). Real article pages nest 20-60 elements deep and hold a few thousand elements.
 */
export const HTML_BUDGET = Object.freeze({
  /** Characters of HTML; a longer page is refused before any parsing. */
  maxChars: 5_000_000,
  /** Elements nested inside each other. */
  maxDepth: 200,
  /** Elements in the whole page. */
  maxElements: 100_000,
});

/** Stops the scan as soon as a limit is passed: a hostile page costs no more than a legal one. */
class OverBudget extends Error {}

/**
 * Refuses, with a `SourceError` that says why, a page whose size, nesting depth or element count
 * is over `HTML_BUDGET`. It reads the tags with htmlparser2, the tokenizer linkedom parses with,
 * so the depth counted is the depth of the tree linkedom would build (implied end tags included);
 * it builds no tree, so its cost is linear in the page whatever the page holds.
 */
export function checkHtmlBudget(html: string, budget = HTML_BUDGET): void {
  if (html.length > budget.maxChars) {
    throw new SourceError(
      `page refused: ${(html.length / 1e6).toFixed(1)} million characters of HTML is over the limit of ${budget.maxChars / 1e6} million`,
    );
  }
  let depth = 0;
  let elements = 0;
  let problem: string | undefined;
  const parser = new Parser(
    {
      onopentag() {
        elements++;
        depth++;
        if (depth > budget.maxDepth) {
          problem = `page refused: its elements nest more than ${budget.maxDepth} levels deep, which no article layout needs and which would stall the reader`;
          throw new OverBudget();
        }
        if (elements > budget.maxElements) {
          problem = `page refused: more than ${budget.maxElements.toLocaleString('en-US')} HTML elements, over the limit for one article`;
          throw new OverBudget();
        }
      },
      onclosetag() {
        depth--;
      },
    },
    { decodeEntities: false, lowerCaseAttributeNames: false },
  );
  try {
    parser.write(html);
    parser.end();
  } catch (error) {
    if (!(error instanceof OverBudget)) throw error;
  }
  if (problem) throw new SourceError(problem);
}

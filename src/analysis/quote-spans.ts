import { wordCharAt } from './word-char-at.ts';

/** One quotation inside a paragraph; offsets are paragraph-relative. */
export interface QuoteSpan {
  /** Offset of the opening mark. */
  open: number;
  /** The quoted words: `paragraph.slice(start, end)`, marks excluded. */
  start: number;
  end: number;
  /** Offset just after the closing mark (or the paragraph's end when the quote never closes). */
  close: number;
  closed: boolean;
  /** Marked with single quotes ('…'): more often a title or a word than speech. */
  single?: boolean;
}

const OPENERS = new Set(['“', '„', '«']);
const CLOSERS = new Set(['”', '»']);
/** A single-quoted span longer than this is taken for apostrophes, not a quotation. */
const MAX_SINGLE = 300;

const SPACE = /\s/;

function isSpace(c: string | undefined): boolean {
  if (c === undefined) return true;
  const code = c.charCodeAt(0);
  return code < 128 ? code === 32 || (code >= 9 && code <= 13) : SPACE.test(c);
}

/** One code unit, as the regex `/[\p{L}\p{N}]/u` read it (half a surrogate pair is no letter). */
const isLetter = (c: string | undefined) => c !== undefined && wordCharAt(c, 0) > 0;

/**
 * Finds the quotations of one paragraph in one pass. Straight double marks toggle; curly marks say
 * which side they are; a quote left open runs to the paragraph's end (newspaper convention for a
 * quote continued in the next paragraph, and the seed's unbalanced marks). Single marks inside a
 * double quotation are nesting and ignored; outside one they count only when they close in time.
 */
export function quoteSpans(paragraph: string): QuoteSpan[] {
  return scanSpans(paragraph, false);
}

/**
 * The quotations as the labels of real news delimit them where a paragraph mixes straight and
 * curly double marks: like marks pair, so a straight quotation closes only at a straight mark and
 * a curly one only at a curly mark (`“Our roads are crumbling," she said. "Families…”` is one
 * quotation, run to its curly close). Undefined when the paragraph does not mix them: the spans
 * are then `quoteSpans`'.
 */
export function likeMarkSpans(paragraph: string): QuoteSpan[] | undefined {
  const straight = paragraph.includes('"') || paragraph.includes("''");
  if (!straight || !/[“”„«»]/.test(paragraph)) return undefined;
  return scanSpans(paragraph, true);
}

function scanSpans(paragraph: string, likeMarks: boolean): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  let openAt = -1;
  /** Curly quotations open inside a quotation that a straight mark opened. */
  let nested = -1;
  let singleAt = -1;
  const n = paragraph.length;
  const marks = /''|["“”„«»'‘’]/g;
  for (let m = marks.exec(paragraph); m; m = marks.exec(paragraph)) {
    const i = m.index;
    // Two apostrophes stand for a straight double mark in some archives (''Yes,'' he said).
    const c = m[0] === "''" ? '"' : m[0];
    const width = m[0].length;
    if (c === '"' || OPENERS.has(c) || CLOSERS.has(c)) {
      singleAt = -1;
      const opens = OPENERS.has(c) || (c === '"' && openAt < 0);
      if (openAt < 0) {
        if (opens) {
          openAt = i;
          nested = c === '"' ? 0 : -1;
        }
      } else if (likeMarks && nested >= 0 !== (c === '"')) {
        // A mark of the other kind: text inside the quotation.
      } else if (nested >= 0 && OPENERS.has(c)) {
        // `"Scott defended Trump's “Look at me!” line…"`: a curly pair inside a quotation that
        // a straight mark opened is nested (a straight-opened one closed by a curly mark, mixed
        // typing, still closes at its first curly closer).
        nested++;
      } else if (nested > 0 && CLOSERS.has(c)) {
        nested--;
      } else if (nested < 0 && OPENERS.has(c) && isSpace(paragraph[i - 1])) {
        // `…revel in it. “There's another side…”`: an opening mark inside an open curly quotation
        // starts a new one; the open one was left unclosed (a quotation continued across lines,
        // or a stray mark), as the labels of real news read it.
        spans.push(span(paragraph, openAt, i, i, false));
        openAt = i;
      } else if (!OPENERS.has(c) || (!isSpace(paragraph[i - 1]) && !isLetter(paragraph[i + 1]))) {
        spans.push(span(paragraph, openAt, i, i + width, true));
        openAt = -1;
      }
      continue;
    }
    if (openAt >= 0 || (c !== "'" && c !== '‘' && c !== '’')) continue;
    const before = paragraph[i - 1];
    const after = paragraph[i + 1];
    if (singleAt >= 0 && i - singleAt > MAX_SINGLE) singleAt = -1;
    if (
      c !== '’' &&
      singleAt < 0 &&
      (before === undefined || /[\s(]/.test(before)) &&
      isLetter(after)
    ) {
      singleAt = i;
    } else if (c !== '‘' && singleAt >= 0 && !isSpace(before) && !isLetter(after)) {
      spans.push({ ...span(paragraph, singleAt, i, i + 1, true), single: true });
      singleAt = -1;
    }
  }
  if (openAt >= 0) spans.push(span(paragraph, openAt, n, n, false));
  return spans.filter((s) => s.end > s.start);
}

function span(
  paragraph: string,
  open: number,
  end: number,
  close: number,
  closed: boolean,
): QuoteSpan {
  let start = open + (paragraph.startsWith("''", open) ? 2 : 1);
  let stop = end;
  while (start < stop && /\s/.test(paragraph[start]!)) start++;
  while (stop > start && /\s/.test(paragraph[stop - 1]!)) stop--;
  return { open, start, end: stop, close, closed };
}

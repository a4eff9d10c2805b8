import { abbreviation } from '../analysis/abbreviations.ts';

const NUMBER_WORDS =
  'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|hundreds|thousand|thousands|dozen|dozens|half';
const SCALE = '(?:\\s*(?:million|billion|trillion|thousand|hundred|per ?cent|%))?';
/** A figure: digits (2,000; 3.5; 350,000) or number words with a scale ("three million"). */
const FIGURE = new RegExp(
  `(?:\\b(?:about|some|nearly|almost|more than|over|around|approximately|at least|up to|an estimated)\\s+)?` +
    `(?:\\b\\d[\\d,.]*${SCALE}|\\b(?:${NUMBER_WORDS})(?:[ -](?:${NUMBER_WORDS}))*\\s+(?:million|billion|thousand|hundred)\\b)`,
  'i',
);
// Years and dates are figures too, but not key numbers.
const YEAR_ONLY = /^(?:in |since |from )?(?:1[89]|20)\d\d$/;
const MONTHS =
  '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)';
const MONTH_BEFORE = new RegExp(`\\b${MONTHS}\\.?\\s*$`);
const MONTH_AFTER = new RegExp(`^(?:st|nd|rd|th)?,?\\s+(?:of\\s+)?${MONTHS}\\b`);

/** "March 25" or "25 March": a date, not a count. */
function isDate(sentence: string, index: number, length: number): boolean {
  return (
    MONTH_BEFORE.test(sentence.slice(Math.max(0, index - 12), index)) ||
    MONTH_AFTER.test(sentence.slice(index + length, index + length + 16))
  );
}

/** Where the clause holding `index` starts: after the last ", ", "; ", ": " or "(" before it. */
function lastClauseStart(sentence: string, index: number): number {
  let start = 0;
  for (const m of sentence.slice(0, index).matchAll(/[,;:(]\s+/g)) start = m.index + m[0].length;
  return start;
}

/**
 * `rest` up to the punctuation that ends the clause, a full stop after a title or other
 * abbreviation excepted ("…45 percent backed Mrs. Clinton" goes on past "Mrs.").
 */
function clauseTail(rest: string): string {
  for (const m of rest.matchAll(/[,;:.)](?:\s|$)/g)) {
    const before =
      /([A-Za-z][A-Za-z.]*)$/.exec(rest.slice(Math.max(0, m.index - 12), m.index))?.[1] ?? '';
    if (m[0][0] === '.' && abbreviation(before) === 'title') continue;
    return rest.slice(0, m.index);
  }
  return rest;
}

/** The words of `text` with their offsets. */
function wordSpans(text: string): { start: number; end: number }[] {
  return [...text.matchAll(/\S+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

/**
 * A clause cut from inside a quotation keeps its quote marks paired: a closing mark whose opening
 * lay earlier in the paragraph gets one in front, an opening mark cut off before its closing one
 * gets one at the end (`I never had a case …,” said Giuliani` reads as a quote again).
 */
export function balanceQuotes(text: string): string {
  let open = 0;
  let unopened = 0;
  for (const ch of text) {
    if (ch === '“') open++;
    else if (ch === '”') {
      if (open > 0) open--;
      else unopened++;
    }
  }
  return `${'“'.repeat(unopened)}${text}${'”'.repeat(open)}`;
}

/** Words shown before and after a figure: enough to say what it counts, short enough to scan. */
const BEFORE = 8;
const AFTER = 6;
/** Counts of people weigh more in a briefing than counts of things. */
const HUMAN =
  /\b(?:people|civilians|refugees|lives|soldiers|troops|fighters|children|families|residents|migrants|dead|killed|wounded|injured|displaced|casualties|victims|workers|voters)\b/i;

/** Words a shown name may add to `BEFORE`: "New York Attorney General Eric Schneiderman". */
const NAME_REACH = 3;

/**
 * How many of the clause's words before a figure to show: `BEFORE`, or a few more so that a
 * capitalised name is never cut ("…York Attorney General Eric Schneiderman filed a $40 million
 * lawsuit" starts at "New").
 */
function namedStart(
  sentence: string,
  clauseStart: number,
  before: { start: number; end: number }[],
): number {
  let shown = Math.min(BEFORE, before.length);
  const capital = (k: number) =>
    /^[“"'‘(]*\p{Lu}/u.test(sentence.slice(clauseStart + before[k]!.start));
  while (
    shown < before.length &&
    shown < BEFORE + NAME_REACH &&
    capital(before.length - shown) &&
    capital(before.length - shown - 1)
  )
    shown++;
  return shown;
}

/**
 * A figure with the words around it, e.g. "It is home to some three million people" or
 * "…the seven-year civil war that has claimed some 350,000 lives since 2011": at most a few words
 * either side, never across a clause's punctuation, "…" where it was cut. `weight` ranks it:
 * counts of people, and large figures, first. Undefined when the sentence has no figure worth
 * showing (years, single digits, bare figures).
 */
export function figureClause(
  sentence: string,
): { text: string; figure: string; weight: number } | undefined {
  const re = new RegExp(FIGURE.source, 'gi');
  for (let m = re.exec(sentence); m; m = re.exec(sentence)) {
    const figure = m[0].trim().replace(/[.,]+$/, '');
    const digits = figure.replace(/^\D+/, '');
    if (YEAR_ONLY.test(digits) || /^\d$/.test(digits)) continue;
    if (isDate(sentence, m.index, m[0].length)) continue;
    // The words shown are a slice of the sentence itself, so ".45-caliber" stays as printed.
    const clauseStart = lastClauseStart(sentence, m.index);
    const before = wordSpans(sentence.slice(clauseStart, m.index));
    const figureEnd = m.index + m[0].replace(/[.,]+$/, '').length;
    const tail = clauseTail(sentence.slice(figureEnd));
    const after = wordSpans(tail);
    if (after.length === 0) continue;
    const shownBefore = before.slice(-namedStart(sentence, clauseStart, before));
    const shownAfter = after.slice(0, AFTER);
    const start = clauseStart + (shownBefore[0]?.start ?? m.index - clauseStart);
    const end = figureEnd + (shownAfter.at(-1)?.end ?? 0);
    const text = balanceQuotes(
      `${before.length > shownBefore.length ? '…' : ''}${sentence.slice(start, end).trim()}${after.length > AFTER ? '…' : ''}`,
    );
    const around = sentence.slice(clauseStart + (before.at(-3)?.start ?? 0), end);
    const large = /million|billion|thousand|\d{1,3},\d{3}/i.test(figure) ? 1.5 : 1;
    const small = /^\d{1,2}$/.test(digits) ? 0.5 : 1;
    return { text, figure, weight: (HUMAN.test(around) ? 2 : 1) * large * small };
  }
  return undefined;
}

const WORD_VALUES: Record<string, string> = {
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
  ten: '10',
  eleven: '11',
  twelve: '12',
  fifteen: '15',
  twenty: '20',
  thirty: '30',
  forty: '40',
  fifty: '50',
  half: '0.5',
};

/** A figure reduced for comparison: "some three million" and "3 million" are one figure. */
export function figureKey(figure: string): string {
  return figure
    .toLowerCase()
    .replace(
      /^(?:about|some|nearly|almost|more than|over|around|approximately|at least|up to|an estimated)\s+/,
      '',
    )
    .replace(/[a-z]+/g, (w) => WORD_VALUES[w] ?? w)
    .replace(/,/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Words between a figure and what it counts ("84 million *more* viewers"). */
const BETWEEN = new Set(
  'more fewer additional new other total of the than registered eligible american'.split(' '),
);
/** What a count of which says nothing about disagreement (poll shares, durations, ranks). */
const NOT_A_COUNT = new Set(
  'percent percentage points point per year years day days week weeks month months hour hours minute minutes times time am pm th st nd rd'.split(
    ' ',
  ),
);

/**
 * Every count in a sentence with the word it counts: "84 million viewers" gives
 * `{ key: '84 million', noun: 'viewers' }`. Years, single digits and shares are skipped, as is
 * a figure with no plain word after it.
 */
export function countedFigures(sentence: string): { figure: string; key: string; noun: string }[] {
  const out: { figure: string; key: string; noun: string }[] = [];
  const re = new RegExp(FIGURE.source, 'gi');
  for (let m = re.exec(sentence); m; m = re.exec(sentence)) {
    const figure = m[0].trim().replace(/[.,]+$/, '');
    const digits = figure.replace(/^\D+/, '');
    if (YEAR_ONLY.test(digits) || /^\d$/.test(digits) || /%|per ?cent/i.test(figure)) continue;
    if (isDate(sentence, m.index, m[0].length)) continue;
    const after = sentence
      .slice(m.index + m[0].length)
      .split(/[,;:.)(](?:\s|$)/)[0]
      ?.toLowerCase()
      .split(/\s+/)
      .filter(Boolean);
    const noun = after?.find((w) => !BETWEEN.has(w));
    if (!noun || !/^[a-z][a-z-]{2,}$/.test(noun) || NOT_A_COUNT.has(noun)) continue;
    out.push({ figure, key: figureKey(figure), noun });
  }
  return out;
}

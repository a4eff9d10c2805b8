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

/**
 * The clause of a sentence that holds a figure, trimmed to what the figure counts, e.g.
 * "It is home to some three million people" or "displace 800,000 people". Undefined when the
 * sentence has no figure worth showing.
 */
export function figureClause(sentence: string): { text: string; figure: string } | undefined {
  const clauses = sentence.split(/(?<=[,;:])\s+|\s+(?:and|but|while|which|who)\s+(?=\S)/);
  for (const clause of clauses) {
    const m = FIGURE.exec(clause);
    if (!m) continue;
    const figure = m[0].trim().replace(/[.,]+$/, '');
    const digits = figure.replace(/^\D+/, '');
    if (YEAR_ONLY.test(digits) || /^\d$/.test(digits)) continue;
    // A bare figure without the words around it counts nothing.
    const text = clause.replace(/[,;:]$/, '').trim();
    if (text.split(/\s+/).length < 3) continue;
    return {
      text: text.length > 160 ? `${text.slice(0, 157).replace(/\s+\S*$/, '')}…` : text,
      figure,
    };
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

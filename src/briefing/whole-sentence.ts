/**
 * A dateline before the first sentence of wire copy: "COLUMBIA, S.C. (AP) —", "WASHINGTON —",
 * "NEW YORK, Nov. 19 (UPI) —", "Cleveland (AFP) –", "DES MOINES -": a place in capitals, or any
 * place with an agency in brackets, an optional state or date, then a dash. ("Donald Trump — the
 * nominee — said" is a sentence: a capitalised name alone is no dateline.)
 */
const PLACE_CAPS = "[A-Z][A-Z.'’-]+(?:\\s+[A-Z][A-Z.'’-]+)*";
const PLACE = "[A-Z][A-Za-z.'’-]*(?:\\s+[A-Z][A-Za-z.'’-]*)*";
const AFTER_PLACE = '(?:,\\s+[A-Z][A-Za-z.]*(?:\\s+\\d{1,2})?(?:\\s+[A-Z][A-Za-z.]*)?)?';
const AGENCY = '\\s+\\([A-Za-z]{2,8}\\)';
const DATELINE = new RegExp(
  `^(?:${PLACE_CAPS}${AFTER_PLACE}(?:${AGENCY})?|${PLACE}${AFTER_PLACE}${AGENCY})\\s+[-–—]+\\s+`,
);

/** Live-blog and newsletter furniture that is not a fact: "The Latest on …", "(all times local)". */
const FURNITURE =
  /^(?:The Latest(?: on)?\b|Here(?:'s|’s| is) the latest\b|Read (?:more|the latest)\b|Watch\b|Click\b|Sign up\b|Related\b)|\(all times [a-z ]+\)|^\W*\d{1,2}[:.L]\d{2}\s*(?:a\.m\.|p\.m\.)/i;

/**
 * A sentence of an article as a key point shows it: without a leading dateline, or undefined when
 * it is not a whole sentence one can quote alone. Sentence splitting is shared (`analysis`), but
 * a briefing still refuses what a splitter can leave behind: a fragment cut after an abbreviation
 * ("C.) sent a letter …", lower case or a closing bracket first), a headline-like line with no
 * closing punctuation, live-blog furniture ("The Latest on the race for the White House:").
 */
export function wholeSentence(text: string): string | undefined {
  let s = text.trim();
  const dateline = DATELINE.exec(s);
  if (dateline) s = s.slice(dateline[0].length).trim();
  if (s.length < 20) return undefined;
  // It must start like a sentence: a capital, a digit, or an opening quote before one.
  if (!/^(?:["“‘'(]\s*)?[A-Z0-9]/.test(s)) return undefined;
  // ...and end like one, possibly inside a closing quote or bracket.
  if (!/[.!?]["”’')\]]*$/.test(s)) return undefined;
  if (FURNITURE.test(s) || /:\s*$/.test(s)) return undefined;
  // Unbalanced brackets mean the splitter cut inside a parenthesis ("(D-S.C.) sent …").
  if (count(s, '(') !== count(s, ')')) return undefined;
  return s;
}

function count(s: string, c: string): number {
  let n = 0;
  for (const ch of s) if (ch === c) n++;
  return n;
}

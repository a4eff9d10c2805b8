// Photo positions and picture language that only captions use. "(R)" alone is a party tag
// ("Gov. Phil Bryant (R) said…"), so a caption's "(L)… (R)" row is known by its "(L)" or "(C)".
const POSITION =
  /\((?:(?:far |second from |2nd from )?(?:left|right|center|centre|top|bottom|above|below|front|back|foreground|background|inset)|pictured|pictured[^)]{0,40}|(?:left|right|center|centre) with [^)]{1,40}|l|c)\)/i;
const PICTURED =
  /\b(?:is|are|was|were) (?:photographed|pictured|seen here)\b|\bpictured (?:here|today|above|below|left|right)\b/i;
const CREDIT =
  /(?:^|[\s(])(?:photo|picture|image|photograph)s?\s*(?::|by|credit|courtesy)\s|\b(?:getty images|ap photo|afp photo|reuters\/|epa\/|shutterstock|file photo)\b/i;

/** Why a paragraph reads as a photo caption, or undefined when it reads as body text. */
export function captionReason(paragraph: string): string | undefined {
  if (POSITION.test(paragraph)) return 'photo caption (position marker)';
  if (PICTURED.test(paragraph)) return 'photo caption (pictured)';
  if (CREDIT.test(paragraph) && paragraph.length < 300) return 'photo caption (credit line)';
  return undefined;
}

/** Scraped galleries repeat each caption, usually three times in a row; body text never does. */
export const CAPTION_RUN = 3;

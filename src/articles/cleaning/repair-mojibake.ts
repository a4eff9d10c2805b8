/**
 * Undoes UTF-8 text read as Windows-1252 somewhere upstream ("Marc TrÃ©vidic", "â€œYesâ€\u009d"),
 * as 13 of the 840 real PolNeAR articles carry it: each run of characters such a misreading
 * makes is turned back into its bytes and read as UTF-8. A run is replaced only when its bytes
 * are valid UTF-8 and read as letters or punctuation of Latin text (`é`, `’`, `—`), so real text
 * that happens to hold such pairs ("Straße“" would read as a letter of N'Ko) is left as it is.
 * Left broken, "TrÃ©vidic" is no name (the quote went to "at the time") and no search finds it.
 */

/** Windows-1252's characters for the bytes 0x80-0x9F (Latin-1 keeps 0xA0-0xFF as they are). */
const CP1252: Record<string, number> = {
  '€': 0x80,
  '‚': 0x82,
  ƒ: 0x83,
  '„': 0x84,
  '…': 0x85,
  '†': 0x86,
  '‡': 0x87,
  ˆ: 0x88,
  '‰': 0x89,
  Š: 0x8a,
  '‹': 0x8b,
  Œ: 0x8c,
  Ž: 0x8e,
  '‘': 0x91,
  '’': 0x92,
  '“': 0x93,
  '”': 0x94,
  '•': 0x95,
  '–': 0x96,
  '—': 0x97,
  '˜': 0x98,
  '™': 0x99,
  š: 0x9a,
  '›': 0x9b,
  œ: 0x9c,
  ž: 0x9e,
  Ÿ: 0x9f,
};

/** A UTF-8 continuation byte (0x80-0xBF) as Windows-1252 shows it (or as a C1 control). */
const CONT = `[\\u0080-\\u00bf${Object.keys(CP1252).join('')}]`;
/** Lead bytes of 2-, 3- and 4-byte UTF-8 sequences, each with its continuation bytes. */
const MISREAD = new RegExp(
  `(?:[\\u00c2-\\u00df]${CONT}|[\\u00e0-\\u00ef]${CONT}{2}|[\\u00f0-\\u00f4]${CONT}{3})+`,
  'g',
);
/** What a repaired run may read as: Latin letters and marks, general punctuation, € and ™. */
const PLAUSIBLE = /^(?:[\u00a0-\u024f\u2010-\u206f\u20ac\u2122]|\p{M})+$/u;
/** A quick test before the regex: every misread run starts with one of these. */
const LEAD = /[\u00c2-\u00f4]/;

const utf8 = new TextDecoder('utf-8', { fatal: true });

function bytesOf(run: string): Uint8Array {
  const bytes = new Uint8Array(run.length);
  for (let i = 0; i < run.length; i++) {
    const c = run[i]!;
    bytes[i] = CP1252[c] ?? c.charCodeAt(0);
  }
  return bytes;
}

function repairOnce(text: string): string {
  return text.replace(MISREAD, (run) => {
    try {
      const read = utf8.decode(bytesOf(run));
      return PLAUSIBLE.test(read) ? read : run;
    } catch {
      return run;
    }
  });
}

/** A combining mark: decomposed text ("A" and U+0303 for "Ã", as one real feed sent it). */
const COMBINING = /[\u0300-\u036f]/;

/** The text with its misread runs read again, twice at most (text misread twice: "Ã¢€"). */
export function repairMojibake(text: string): string {
  const composed = COMBINING.test(text) ? text.normalize('NFC') : text;
  if (!LEAD.test(composed)) return text;
  const once = repairOnce(composed);
  return once === composed ? text : repairOnce(once);
}

/**
 * Undoes UTF-8 text read as Windows-1252 somewhere upstream ("Marc TrÃ©vidic", "â€œYesâ€\u009d"),
 * as 31 of the 840 real PolNeAR articles carry it: each sequence such a misreading makes is
 * turned back into its bytes and read as UTF-8. Only in a text that shows a misreading ("Ã©",
 * "â€"), and a sequence is replaced only when its bytes are valid UTF-8 and read as a letter or a
 * punctuation mark (`é`, `ğ`, `’`, `—`), so real text that holds such pairs ("Straße“" would
 * read as a letter of N'Ko, "CAFÉ…" as "Ʌ") is left as it is. Left broken, "TrÃ©vidic" is no
 * name (his quote went to "at the time") and no search finds it.
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
/** One 2-, 3- or 4-byte UTF-8 sequence misread: its lead byte and its continuation bytes. */
const MISREAD = new RegExp(
  `[\\u00c2-\\u00df]${CONT}|[\\u00e0-\\u00ef]${CONT}{2}|[\\u00f0-\\u00f4]${CONT}{3}`,
  'g',
);
/**
 * Evidence that a text was misread at all: "Ã" or "Â" before a continuation byte (é, ñ, ü, a
 * no-break space), or "â€" (curly quotes and dashes). Without it nothing is repaired: an
 * upper-case letter before a curly quote ("TÄMÄ”", "CAFÉ…") reads as a misread pair too.
 */
const EVIDENCE = new RegExp(`[ÃÂ]${CONT}|â€${CONT}`);
/**
 * What one repaired sequence may read as: Latin letters and marks, Greek and Cyrillic, dashes,
 * quotes and other punctuation, € and ™; no line separator, no bidirectional control.
 */
const PLAUSIBLE = /^(?:[\u00a0-\u024f\u0370-\u04ff\u2010-\u2027\u2030-\u205e\u20ac\u2122]|\p{M})$/u;
/** A combining mark: decomposed text ("A" and U+0303 for "Ã", as one real feed sent it). */
const COMBINING = /[\u0300-\u036f]/;

const utf8 = new TextDecoder('utf-8', { fatal: true });

function bytesOf(run: string): Uint8Array {
  const bytes = new Uint8Array(run.length);
  for (let i = 0; i < run.length; i++) {
    const c = run[i]!;
    bytes[i] = CP1252[c] ?? c.charCodeAt(0);
  }
  return bytes;
}

/** Each misread sequence read again, one at a time, so one that is not does not stop the rest. */
function repairOnce(text: string): string {
  return text.replace(MISREAD, (sequence) => {
    try {
      const read = utf8.decode(bytesOf(sequence));
      return PLAUSIBLE.test(read) ? read : sequence;
    } catch {
      return sequence;
    }
  });
}

/** The text with its misread sequences read again, twice at most (misread twice: "Ã¢€"). */
export function repairMojibake(text: string): string {
  const composed = COMBINING.test(text) ? text.normalize('NFC') : text;
  if (!EVIDENCE.test(composed)) return text;
  const once = repairOnce(composed);
  return once === composed || !EVIDENCE.test(once) ? once : repairOnce(once);
}

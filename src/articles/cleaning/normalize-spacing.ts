/**
 * Tidies the spacing scrapers leave behind: `today .` -> `today.`, runs of spaces, stray control
 * characters, Unicode NFC. Quote marks are kept exactly as they are: who-said-what reads them.
 */
export function normalizeSpacing(text: string): string {
  return (
    text
      .normalize('NFC')
      // Zero-width and control characters (but not newlines and tabs) carry nothing readable;
      // nor does a soft hyphen (U+00AD), which would cut "Lind\u00adsey" into two words.
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u00ad\u200b-\u200d\u2060\ufeff]/g, '')
      // Runs of spaces, tabs and no-break spaces; a lone space is left alone (matching every
      // space between words made this the costliest step of cleaning).
      .replace(/ [ \t\u00a0]+|[\t\u00a0][ \t\u00a0]*/g, ' ')
      // No space after a sentence's end, where a scraper joined two blocks: `Trump said.Trump`,
      // `here.Read`. A whole lower-case word, then a capitalised one ending at a space or a
      // stop: not `U.S.A`, `Ph.D`, `news.Google.com`, `Amazon.Com`, `search?Query=`.
      .replace(/(^|\s)([a-z]{2,}[.!?])([A-Z][a-z]+)(?=[\s,;:!?)]|$)/g, '$1$2 $3')
      // A space before closing punctuation: `today .`, `word ,`.
      .replace(/(\S) +([.,;:!?)\]])(?=\s|$|["'”’])/g, '$1$2')
      // A lone quote mark dangling after closed quotes at the end (`"bloodbath" "`).
      .replace(/(["”]) +["“]$/, '$1')
      .trim()
  );
}

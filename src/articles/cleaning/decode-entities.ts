import { decodeHTMLStrict } from 'entities';

// Scrapers and machine translation break entities apart (`& # 039;`, `& amp;`) or encode them
// twice (`&amp;#39;`). Put them back together first, then let the `entities` package decode.
const SPACED_NUMERIC = /&\s*#\s*(x\s*[0-9a-f]+|[0-9]+)\s*;/gi;
const SPACED_NAMED =
  /&\s+(amp|lt|gt|quot|apos|nbsp|ndash|mdash|hellip|lsquo|rsquo|ldquo|rdquo)\s*;/gi;
const DOUBLE_ENCODED = /&amp;(#x?[0-9a-f]+;|[a-z][a-z0-9]{1,31};)/gi;

// The breaking also pads the entity with spaces (`the & # 39; illegal presence & # 39; of`,
// `UU & # 039; s`): a decoded apostrophe or quote mark from such a form is re-attached.
const SPACED_APOSTROPHE = /\s?&\s+#\s*0*(39|34|x0*27|x0*22)\s*;\s?/gi;
const MARK = '\u0001';

function reattachMarks(text: string): string {
  if (!text.includes(MARK)) return text;
  let open = true;
  return text
    .replace(new RegExp(`(?<=\\w)${MARK}(["'])${MARK}(?=(?:s|t|d|ll|re|ve|m)\\b)`, 'g'), '$1')
    .replace(new RegExp(`${MARK}(["'])${MARK}`, 'g'), (_, mark: string) => {
      const out = open ? ` ${mark}` : `${mark} `;
      open = !open;
      return out;
    })
    .replace(/ {2,}/g, ' ')
    .replace(/ (["']) /g, ' $1');
}

/** Decodes named, numeric, broken spaced and double-encoded HTML entities in plain text. */
export function decodeEntities(text: string): string {
  let fixed = text
    .replace(SPACED_APOSTROPHE, (_, code: string) =>
      /^(x0*22|34)$/i.test(code) ? `${MARK}"${MARK}` : `${MARK}'${MARK}`,
    )
    .replace(SPACED_NUMERIC, (_, code: string) => `&#${code.replace(/\s+/g, '')};`)
    .replace(SPACED_NAMED, (_, name: string) => `&${name.toLowerCase()};`);
  // Twice-encoded text needs two passes; three is the most seen in the wild.
  for (let i = 0; i < 3 && DOUBLE_ENCODED.test(fixed); i++) {
    fixed = fixed.replace(DOUBLE_ENCODED, '&$1');
  }
  return reattachMarks(decodeHTMLStrict(fixed).replace(/\u00a0/g, ' '));
}

/** True when the text still holds something that looks like an entity. */
export function hasEntityResidue(text: string): boolean {
  return /&\s*#\s*x?[0-9a-f]+\s*;|&[a-z]{2,8};/i.test(text);
}

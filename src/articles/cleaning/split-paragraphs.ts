/** A block with a line this long is not wrapped at a fixed width: its line breaks mean something. */
const WRAP_WIDTH = 100;

/**
 * Splits plain text into paragraphs on blank lines. Text with no blank line at all but many
 * lines (some scrapers emit one paragraph per line) is split on single line breaks instead.
 * Inside a block, lines wrapped at a fixed width are joined; a block with long lines (a live
 * blog's posts, one paragraph a line) is split at each line break, so that a quotation left open
 * on one line does not run on into the next; not where the sentence visibly goes on (a line
 * ending on a lower-case word or a comma, the next starting with one, a tag left open).
 */
export function splitParagraphs(text: string): string[] {
  const unified = text.replace(/\r\n?/g, '\n');
  const blocks = /\n[ \t]*\n/.test(unified) ? unified.split(/\n[ \t]*\n+/) : unified.split('\n');
  const out: string[] = [];
  for (const b of blocks) {
    if (!b.includes('\n')) {
      const t = b.trim();
      if (t !== '') out.push(t);
      continue;
    }
    const lines = b.split('\n');
    const parts = lines.some((l) => l.trim().length > WRAP_WIDTH)
      ? lines.reduce<string[]>((acc, l) => {
          const prev = acc[acc.length - 1];
          // `…, the candidate said` + `Donald Trump…`, `…he added, “have` + `in caucuses.”`,
          // `<tweet date="March 9, 2016` + `">Rubio…`: one line going on in the next.
          if (
            prev !== undefined &&
            (/^\s*\p{Ll}/u.test(l) ||
              /(?:^|\s)\p{Ll}[\p{L}’'-]*,?\s*$|,\s*$/u.test(prev) ||
              prev.lastIndexOf('<') > prev.lastIndexOf('>'))
          )
            acc[acc.length - 1] = `${prev}\n${l}`;
          else acc.push(l);
          return acc;
        }, [])
      : [b];
    for (const part of parts) {
      const t = part.replace(/\s*\n\s*/g, ' ').trim();
      if (t !== '') out.push(t);
    }
  }
  return out;
}

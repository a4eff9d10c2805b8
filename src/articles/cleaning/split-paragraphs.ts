/**
 * Splits plain text into paragraphs on blank lines. Text with no blank line at all but many
 * lines (some scrapers emit one paragraph per line) is split on single line breaks instead.
 */
export function splitParagraphs(text: string): string[] {
  const unified = text.replace(/\r\n?/g, '\n');
  const blocks = /\n[ \t]*\n/.test(unified) ? unified.split(/\n[ \t]*\n+/) : unified.split('\n');
  return blocks
    .map((b) => (b.includes('\n') ? b.replace(/\s*\n\s*/g, ' ') : b).trim())
    .filter((b) => b !== '');
}

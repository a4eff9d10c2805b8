/** True when a first line reads as a headline: short, one line, not a finished sentence. */
export function looksLikeHeadline(line: string): boolean {
  const text = line.trim();
  const words = text.split(/\s+/).length;
  if (text.length < 10 || text.length > 200 || words < 3 || words > 30) return false;
  // A quoted line is a quote, not a headline.
  if (/^["“'‘]/.test(text)) return false;
  return !/[.:;,]$/.test(text);
}

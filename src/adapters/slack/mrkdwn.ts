import { stripBidiControls } from '../untrusted-text.ts';

/**
 * Slack mrkdwn for untrusted text (article words, titles, speakers).
 *
 * Slack parses `<…>` as links and mentions (`<!channel>`, `<@U123>`, `<https://x|y>`) and `&` as the
 * start of an entity, so these three must be escaped as `&amp;`, `&lt;`, `&gt;`
 * (https://api.slack.com/reference/surfaces/formatting#escaping). Slack has no escape for the
 * formatting characters `*_~\``, so a pair of them in an article ("*Update*", "`rm`") would turn
 * bold or code; we swap them for look-alike characters, which reads the same and formats nothing.
 * An underscore inside a word (`snake_case`) cannot format and is kept.
 */
export function escapeMrkdwn(text: string): string {
  return stripBidiControls(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\*/g, '\u2217')
    .replace(/~/g, '\u223C')
    .replace(/`/g, '\u02CB')
    .replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, '\uFF3F');
}

const RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;

/**
 * Isolates right-to-left text (U+2068 … U+2069) so that what we append after it, such as a
 * citation " [1]", stays at the end instead of being reordered into the Arabic or Hebrew run.
 */
export function isolateBidi(text: string): string {
  return RTL.test(text) ? `\u2068${text}\u2069` : text;
}

/**
 * A link `<url|label>`, or the escaped label alone when the URL is not plain http(s). Inside the
 * angle brackets `|` and `>` would end the URL early, so they are percent-encoded; `&` is escaped
 * as Slack asks.
 */
export function mrkdwnLink(url: string | undefined, label: string): string {
  const text = escapeMrkdwn(label).replace(/\|/g, '\u2223');
  if (!url || !/^https?:\/\/[^\s]+$/i.test(url) || url.length > 2000) return text;
  const safe = stripBidiControls(url)
    .replace(/&/g, '&amp;')
    .replace(/</g, '%3C')
    .replace(/>/g, '%3E')
    .replace(/\|/g, '%7C');
  return `<${safe}|${text}>`;
}

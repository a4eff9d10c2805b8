import { stripBidiControls } from '../untrusted-text.ts';

/** Zero-width space: breaks a token's parsing without changing how the text reads. */
const ZWSP = '\u200b';

/**
 * Makes untrusted article text inert on Discord: markdown shown as written, and nothing that
 * even looks like a ping. `allowedMentions: { parse: [] }` already stops the notification;
 * the zero-width space also stops `<@123>` rendering as a mention pill and `@everyone` as a
 * highlighted ping. See https://discord.com/developers/docs/reference#message-formatting
 */
export function escapeDiscord(text: string): string {
  return (
    stripBidiControls(text)
      .replace(/[\\*_~`|[\]]/g, '\\$&')
      // Block syntax only counts at the start of a line: quotes, headings, lists, subtext. An
      // ordered list's marker is escaped at its dot (`1\. n`): `\1.` shows the backslash.
      .replace(/^(\s*)(>|#|-# |-(?= ))/gm, '$1\\$2')
      .replace(/^(\s*\d+)\.(?= )/gm, '$1\\.')
      .replace(/@(everyone|here)/gi, `@${ZWSP}$1`)
      // User, role, channel, slash-command, emoji and timestamp tokens: <@1>, <@&2>, <#3>, </a:4>, <t:5>.
      .replace(/<(?=[@#/:]|a:|t:|id:)/g, `<${ZWSP}`)
  );
}

/** Lines that are page furniture, not article text. Each pattern is matched against a whole paragraph. */
const BOILERPLATE: readonly [RegExp, string][] = [
  [/^[\p{P}\p{S}\s]*$/u, 'punctuation only'],
  [/^advertisement\.?$/i, 'advertisement'],
  [/^(sponsored( content)?|promoted( content)?)$/i, 'advertisement'],
  [/^share (this|on|via)\b.{0,80}$/i, 'share prompt'],
  [/^(like us on facebook|follow us\b.{0,60}|subscribe (to|now)\b.{0,80})$/i, 'social prompt'],
  [/^follow\b.{1,60}\bon (twitter|x|facebook|instagram)\.?$/i, 'social prompt'],
  [
    /^sign up (to|for)\b.{0,60}\b(e-?mails?|newsletters?|alerts?)\b.{0,60}$/i,
    'subscription prompt',
  ],
  // "… via email! Just click here, enter your email address, and click “sign up.” … (and you can
  // unsubscribe anytime)": a newsletter's sign-up line, whose quoted button is no one's words.
  [
    /^(?=.{0,400}$)(?=.*\bclick\b)(?=.*\bunsubscribe\b)(?=.*\b(sign up|subscribe|via email)\b).*$/i,
    'subscription prompt',
  ],
  [/^loading (photo )?gallery\.?$/i, 'gallery placeholder'],
  [/^(click|tap) (here|to)\b.{0,80}$/i, 'navigation'],
  [/^(read more|read next|more on this story)\b.{0,80}$/i, 'navigation'],
  // "Related" alone or as a label; a sentence that starts with the word is article text.
  [
    /^related( (articles?|stories|coverage|content|links|news|topics))?\s*(:.{0,80})?$/i,
    'navigation',
  ],
  // A year or the sign after "Copyright": "Copyright law was discussed…" is article text.
  [/^(©|\(c\)|copyright\s+(©|\(c\)|\d{4}\b)).{0,120}$/i, 'copyright line'],
];

/** The reason a paragraph is boilerplate, or undefined when it is article text. */
export function boilerplateReason(paragraph: string): string | undefined {
  const text = paragraph.trim();
  for (const [pattern, reason] of BOILERPLATE) if (pattern.test(text)) return reason;
  return undefined;
}

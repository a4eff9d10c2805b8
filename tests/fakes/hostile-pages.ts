/** A paragraph of ordinary news text, long enough for Readability to keep. */
export const PARAGRAPH = `<p>${'The council voted on Tuesday to approve the new budget for the harbour district. '.repeat(3)}</p>`;

/** A page whose body sits inside `levels` nested divs (issue 13: Readability's time grows steeply). */
export const nestedPage = (levels: number, body = PARAGRAPH) =>
  `<html><body>${'<div>'.repeat(levels)}${body}${'</div>'.repeat(levels)}</body></html>`;

/**
 * A page within the size and depth budget that still takes Readability seconds: `paragraphs`
 * paragraphs 190 levels deep (3,000 take 3 s or more on this 2-core machine).
 */
export const heavyPage = (paragraphs = 3000) => nestedPage(190, PARAGRAPH.repeat(paragraphs));

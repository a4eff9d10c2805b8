/**
 * Tokens a GPT-style BPE tokenizer would use for `text`, estimated without one: about one token
 * per common word, one more per six letters of a long word, one per three digits (numbers are
 * split into groups of up to three), one per punctuation mark. Never below chars/4, the usual
 * rule of thumb, so budgets stay on the safe side.
 */
export function estimateTokens(text: string): number {
  let tokens = 0;
  for (const m of text.matchAll(/\p{L}+|\p{N}+|[^\s\p{L}\p{N}]/gu)) {
    const piece = m[0];
    if (/^\p{L}/u.test(piece)) tokens += 1 + Math.floor((piece.length - 1) / 6);
    else if (/^\p{N}/u.test(piece)) tokens += Math.ceil(piece.length / 3);
    else tokens += 1;
  }
  return Math.max(tokens, Math.ceil(text.length / 4));
}

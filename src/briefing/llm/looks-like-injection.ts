const PATTERNS: readonly RegExp[] = [
  /\b(ignore|disregard|forget|override)\b[^.!?\n]{0,40}\b(previous|prior|above|earlier|all|your|the)\b[^.!?\n]{0,30}\b(instructions?|prompts?|rules|guidelines)\b/i,
  /\b(system|developer)\s+(prompt|message|instructions?)\b/i,
  /\byou\s+are\s+(now\s+)?(an?\s+)?(ai|assistant|chatbot|language model|llm|newsbrief)\b/i,
  /\b(as an ai|new instructions?|jailbreak)\b/i,
  /@(everyone|here)\b|<!(channel|here|everyone)>|<@[!&]?\d+>/i,
];

/**
 * Whether article text speaks to the model rather than to readers ("ignore previous
 * instructions", "@everyone"). Such passages are kept from the model: delimiting and verification
 * already stop them, and a news paragraph is rarely worth that risk.
 */
export function looksLikeInjection(text: string): boolean {
  return PATTERNS.some((p) => p.test(text));
}

import type { Passage } from '../../store/store.ts';
import { estimateTokens } from './estimate-tokens.ts';
import { looksLikeInjection } from './looks-like-injection.ts';
import { normalizeText } from './normalize-text.ts';

/** A passage as the model saw it: its number and the (possibly trimmed) text it was shown. */
export interface ShownPassage extends Passage {
  n: number;
  shown: string;
}

export interface FormatOptions {
  /** Tokens the passages may take, all blocks included. */
  budget: number;
  /** Longest text of one passage, in characters; longer ones are cut at a sentence end. */
  maxPassageChars?: number;
  maxPassages?: number;
  /** Most passages of one article, so a briefing hears more than one outlet. */
  maxPerArticle?: number;
}

export interface FormattedPassages {
  /** The `<passage>` blocks, one per shown passage. */
  text: string;
  shown: ShownPassage[];
  tokens: number;
  /** Passages kept from the model because they address it (see `looksLikeInjection`). */
  withheld: Passage[];
  /** Passages that did not fit the budget or were duplicates. */
  skipped: number;
}

/** Tag-like text in an article cannot close or open our delimiters. */
function defuse(text: string): string {
  return text.replace(
    /<(\/?)(passages?|topics?|question|system|user|assistant)\b/gi,
    (_, slash: string, tag: string) => `‹${slash}${tag}`,
  );
}

function oneLine(text: string): string {
  return defuse(text).replace(/\s+/g, ' ').replace(/"/g, "'").trim();
}

/** Cuts at the last sentence end before `max`, else at a word boundary: never mid-word. */
export function trimPassage(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max);
  const sentenceEnd = Math.max(
    ...['. ', '! ', '? ', '." ', '.” '].map((s) => {
      const i = head.lastIndexOf(s);
      return i < 0 ? -1 : i + s.length - 1;
    }),
  );
  if (sentenceEnd > max / 3) return head.slice(0, sentenceEnd).trim();
  const space = head.lastIndexOf(' ');
  return head.slice(0, space > 0 ? space : max).trim();
}

function block(p: ShownPassage): string {
  const about = [p.outlet, p.published?.slice(0, 10), p.title].filter(Boolean).join(' · ');
  return `<passage n="${p.n}" source="${oneLine(about)}">\n${defuse(p.shown)}\n</passage>`;
}

/**
 * Numbers passages [1]..[k] in rank order inside `<passage>` tags, within a token budget: drops
 * near-duplicates (the same paragraph repeated, or a cut-off lead contained in its full version)
 * and passages that address the model, takes at most `maxPerArticle` from one article, trims
 * long ones, and skips any that would not fit.
 */
export function formatPassages(
  passages: readonly Passage[],
  { budget, maxPassageChars = 900, maxPassages = 24, maxPerArticle = 4 }: FormatOptions,
): FormattedPassages {
  const shown: ShownPassage[] = [];
  const blocks: string[] = [];
  const seen: string[] = [];
  const withheld: Passage[] = [];
  let tokens = 0;
  let skipped = 0;
  for (const passage of passages) {
    if (looksLikeInjection(passage.text) || looksLikeInjection(passage.title)) {
      withheld.push(passage);
      continue;
    }
    const key = normalizeText(passage.text);
    if (key === '' || seen.some((s) => s.includes(key))) {
      skipped++;
      continue;
    }
    const fromArticle = shown.filter((p) => p.articleId === passage.articleId).length;
    if (shown.length >= maxPassages || fromArticle >= maxPerArticle) {
      skipped++;
      continue;
    }
    const candidate: ShownPassage = {
      ...passage,
      n: shown.length + 1,
      shown: trimPassage(passage.text.trim(), maxPassageChars),
    };
    const text = block(candidate);
    const cost = estimateTokens(text) + 1;
    if (tokens + cost > budget) {
      skipped++;
      continue;
    }
    // A later, longer version of a paragraph already shown: the model sees both, which is rare
    // enough (the cleaner removes most repeats) not to warrant renumbering.
    seen.push(key);
    shown.push(candidate);
    blocks.push(text);
    tokens += cost;
  }
  return { text: blocks.join('\n'), shown, tokens, withheld, skipped };
}

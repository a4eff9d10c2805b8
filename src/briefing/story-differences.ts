import { speakerKey } from '../analysis/quotes/speaker-key.ts';
import { overlap } from '../articles/cleaning/compare-text.ts';
import type { CitedText } from '../core/reply.ts';
import type { StoredQuote } from '../store/store.ts';
import { storyWord } from '../stories/story-terms.ts';
import { countedFigures } from './key-numbers.ts';

/** One outlet's article of a story, as comparing outlets reads it. */
export interface OutletArticle {
  articleId: string;
  outlet: string;
  sentences: readonly string[];
  quotes: readonly Pick<StoredQuote, 'speaker' | 'quote' | 'kind'>[];
}

/** Quotes this alike are one quote run by two outlets (trimmed or cut differently). */
const SAME_QUOTE = 0.6;
/** Two sentences about one count share at least this many words besides the count. */
const SAME_CONTEXT = 3;
const MAX_FIGURES = 2;
const MAX_EXCLUSIVE = 2;
const MAX_OUTLETS = 5;
/** Longest quotation shown whole; longer ones are cut at a word with "…". */
const MAX_QUOTE_WORDS = 40;

/** Words an attribution can mistake for a speaker's name. */
const NOT_A_NAME =
  /^(?:he|she|i|we|they|it|you|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|january|february|march|april|may|june|july|august|september|october|november|december)$/i;

/** A speaker with a name: not "unnamed: …", not a pronoun or a day, not "a US official". */
export function isNamed(speaker: string): boolean {
  return /^\p{Lu}/u.test(speaker) && !/^unnamed\b/i.test(speaker) && !NOT_A_NAME.test(speaker);
}

function wordsOf(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of text.split(/\s+/)) {
    const s = storyWord(w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''));
    if (s) out.add(s);
  }
  return out;
}

function shorten(quote: string): string {
  const words = quote.split(/\s+/);
  return words.length > MAX_QUOTE_WORDS ? `${words.slice(0, MAX_QUOTE_WORDS).join(' ')}…` : quote;
}

function listOf(names: readonly string[]): string {
  return names.length <= 1
    ? (names[0] ?? '')
    : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** Counts on which outlets disagree: one outlet gives one figure for a thing, another another. */
function figures(articles: readonly OutletArticle[], cite: (id: string) => number): CitedText[] {
  // noun -> outlet -> the figures it gives, with their sentences
  const byNoun = new Map<
    string,
    Map<string, { key: string; figure: string; sentence: string; articleId: string }[]>
  >();
  for (const a of articles) {
    for (const sentence of a.sentences) {
      for (const f of countedFigures(sentence)) {
        const noun = storyWord(f.noun) ?? f.noun;
        const outlets = byNoun.get(noun) ?? new Map();
        byNoun.set(noun, outlets);
        const list = outlets.get(a.outlet) ?? [];
        list.push({ key: f.key, figure: f.figure, sentence, articleId: a.articleId });
        outlets.set(a.outlet, list);
      }
    }
  }
  const lines: CitedText[] = [];
  for (const [noun, outlets] of byNoun) {
    if (lines.length >= MAX_FIGURES) break;
    // Only outlets that give one figure for the thing: several (polls, tallies) are not a claim.
    const single = [...outlets].filter(([, fs]) => new Set(fs.map((f) => f.key)).size === 1);
    if (single.length < 2) continue;
    const [first, ...rest] = single;
    if (!first) continue;
    const base = first[1][0];
    const other = rest
      .map(([outlet, fs]) => ({ outlet, f: fs[0] }))
      .find(({ f }) => {
        if (!f || !base || f.key === base.key) return false;
        const a = wordsOf(base.sentence);
        let shared = 0;
        for (const w of wordsOf(f.sentence)) if (w !== noun && a.has(w)) shared++;
        return shared >= SAME_CONTEXT;
      });
    if (!base || !other?.f) continue;
    const na = cite(base.articleId);
    const nb = cite(other.f.articleId);
    lines.push({
      text: `Figures differ on ${noun}: ${base.figure} in ${first[0]}, ${other.f.figure} in ${other.outlet}.`,
      cites: [na, nb],
    });
  }
  return lines;
}

/** Quotes only one outlet ran, the voices no other outlet quoted first. */
function exclusiveQuotes(
  articles: readonly OutletArticle[],
  cite: (id: string) => number,
): CitedText[] {
  const quotes = articles.flatMap((a) =>
    a.quotes
      .filter((q) => q.kind === 'direct' && isNamed(q.speaker) && q.quote.split(/\s+/).length >= 6)
      .map((q) => ({ ...q, outlet: a.outlet, articleId: a.articleId })),
  );
  // By key: "George W. Bush" in one outlet is "George W Bush" in another.
  const speakersOf = new Map<string, Set<string>>();
  for (const q of quotes) {
    const key = speakerKey(q.speaker);
    const set = speakersOf.get(key) ?? new Set<string>();
    set.add(q.outlet);
    speakersOf.set(key, set);
  }
  const outletsQuoting = (speaker: string) => speakersOf.get(speakerKey(speaker))?.size ?? 0;
  const only = quotes.filter(
    (q) => !quotes.some((o) => o.outlet !== q.outlet && overlap(o.quote, q.quote) >= SAME_QUOTE),
  );
  only.sort(
    (a, b) =>
      outletsQuoting(a.speaker) - outletsQuoting(b.speaker) || b.quote.length - a.quote.length,
  );
  const lines: CitedText[] = [];
  const shown = new Set<string>();
  for (const q of only) {
    if (lines.length >= MAX_EXCLUSIVE) break;
    const key = speakerKey(q.speaker);
    if (shown.has(key)) continue;
    shown.add(key);
    lines.push({
      text: `Only ${q.outlet} quoted ${q.speaker}: “${shorten(q.quote)}”`,
      cites: [cite(q.articleId)],
    });
  }
  return lines;
}

/** Whom each outlet quotes, the most quoted first: where the outlets' lists differ. */
function whoEachQuotes(
  articles: readonly OutletArticle[],
  cite: (id: string) => number,
): CitedText[] {
  // Counted by key, each shown as the outlet first wrote it: outlets that spell one name
  // differently ("George W. Bush", "George W Bush") quote the same person.
  const byOutlet = new Map<
    string,
    { counts: Map<string, number>; names: Map<string, string>; articleId: string }
  >();
  for (const a of articles) {
    for (const q of a.quotes) {
      if (!isNamed(q.speaker)) continue;
      const entry = byOutlet.get(a.outlet) ?? {
        counts: new Map(),
        names: new Map(),
        articleId: a.articleId,
      };
      const key = speakerKey(q.speaker);
      entry.counts.set(key, (entry.counts.get(key) ?? 0) + 1);
      if (!entry.names.has(key)) entry.names.set(key, q.speaker);
      byOutlet.set(a.outlet, entry);
    }
  }
  if (byOutlet.size < 2) return [];
  const lists = [...byOutlet].map(([outlet, { counts, names, articleId }]) => {
    const keys = [...counts]
      .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
      .slice(0, 3)
      .map(([key]) => key);
    return { outlet, articleId, keys, speakers: keys.map((key) => names.get(key) as string) };
  });
  const same = lists.every((l) => l.keys.join('|') === lists[0]?.keys.join('|'));
  if (same) return [];
  return lists.slice(0, MAX_OUTLETS).map((l) => ({
    text: `${l.outlet} quotes ${listOf(l.speakers)}.`,
    cites: [cite(l.articleId)],
  }));
}

/**
 * Where the outlets covering one story differ: counts they give differently, quotes only one of
 * them ran, and whom each of them quotes. Nothing when fewer than two outlets cover it.
 * `cite` numbers the article a line rests on.
 */
export function whereTheyDiffer(
  articles: readonly OutletArticle[],
  cite: (articleId: string) => number,
): CitedText[] {
  if (new Set(articles.map((a) => a.outlet)).size < 2) return [];
  return [
    ...figures(articles, cite),
    ...exclusiveQuotes(articles, cite),
    ...whoEachQuotes(articles, cite),
  ];
}

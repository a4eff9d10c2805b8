import { speakerKey } from '../analysis/quotes/speaker-key.ts';
import { comparable, NEAR_DUPLICATE, overlap } from '../articles/cleaning/compare-text.ts';
import { UserError } from '../core/errors.ts';
import type { CitedText } from '../core/reply.ts';
import type { Passage, Store, StoredQuote } from '../store/store.ts';
import type { Story } from '../store/story-store.ts';
import type { Briefer, Briefing, BriefingQuote } from './briefing.ts';
import { Citations } from './citations.ts';
import { figureClause, figureKey } from './key-numbers.ts';
import {
  briefingStories,
  coverageLine,
  findStories,
  relatedLines,
  relatedStories,
  STORY_ID,
  storyReading,
} from './story-briefing.ts';
import { whereTheyDiffer } from './story-differences.ts';
import { wholeSentence } from './whole-sentence.ts';

/** Briefing sizes: the 3-7 key points. */
const MAX_POINTS = 7;
const MAX_NUMBERS = 5;
/**
 * The longest sentence that may be a key point. Key points are whole sentences, never cut; a
 * longer "sentence" is a run the splitter could not break (5,000 quote marks made a 5,068-character
 * point), which no reader wants as one bullet.
 */
export const MAX_POINT_CHARS = 500;
const MAX_QUOTES = 6;
/** Articles a briefing reads in full, the best-matching first. */
const MAX_ARTICLES = 12;
/** Points more alike than this are one point said twice (lower than cleaning's duplicate bar). */
const SAME_POINT = 0.6;
/** What each point already taken from an article leaves of its other sentences' scores. */
const SPREAD = 0.8;

const QUESTION_WORDS = new Set(
  'what who whom whose which when where why how did does do is are was were the a an of to in on about for and or say said has have had any there their they it its this that with from by tell me please'.split(
    ' ',
  ),
);

interface Sentence {
  text: string;
  passage: Passage;
  score: number;
}

/** The whole sentences of a passage (no dateline, no fragment a splitter left behind). */
function sentencesOf(passage: Passage): string[] {
  const spans = passage.sentences?.length
    ? passage.sentences
    : [[0, passage.text.length] as [number, number]];
  return spans
    .map(([s, e]) => wholeSentence(passage.text.slice(s, e)))
    .filter((t): t is string => t !== undefined);
}

/** How much a sentence reads as a fact worth a key point: figures and named actors count. */
function factWeight(sentence: string): number {
  let w = 1;
  if (/\d|\b(?:million|thousand|hundred)s?\b/i.test(sentence)) w += 0.35;
  const names = sentence.slice(1).match(/\b[A-Z][a-z]+/g)?.length ?? 0;
  w += Math.min(names, 4) * 0.08;
  const words = sentence.split(/\s+/).length;
  if (words < 8) w *= 0.5;
  if (words > 45) w *= 0.7;
  // A sentence that is mostly a quotation belongs in "who said what", not the key points.
  if (/^["“]/.test(sentence)) w *= 0.6;
  if (/^(?:He|She|They|It|This|That|These|But|And)\b/.test(sentence)) w *= 0.8;
  return w;
}

const STOP = new Set(
  'the a an of to in on at by for from with and or but as is are was were be been has have had that this it its his her their they he she we you i not no will would could should said says which who there than also into after before about more most some all any one two'.split(
    ' ',
  ),
);

function words(text: string): string[] {
  return comparable(text)
    .split(' ')
    .filter((w) => w.length > 2 && !STOP.has(w));
}

/**
 * Centroid weight of each sentence (as in MEAD/LexRank-lite): how much it shares the words that
 * recur across all the retrieved text. A sentence central to the story scores high; an aside
 * that happens to mention the topic word scores low. Normalised to 0..1.
 */
function centrality(texts: readonly string[]): number[] {
  const df = new Map<string, number>();
  const bags = texts.map((t) => new Set(words(t)));
  for (const bag of bags) for (const w of bag) df.set(w, (df.get(w) ?? 0) + 1);
  const raw = bags.map((bag) => {
    let sum = 0;
    for (const w of bag) sum += (df.get(w) ?? 1) - 1;
    return bag.size === 0 ? 0 : sum / Math.sqrt(bag.size);
  });
  const max = Math.max(1e-9, ...raw);
  return raw.map((r) => r / max);
}

/** Two sentences built around the same figure ("3 million", "three million") make one point. */
function sameFigure(a: string, b: string): boolean {
  const fa = figureClause(a);
  const fb = fa && figureClause(b);
  return Boolean(fa && fb && figureKey(fa.figure) === figureKey(fb.figure));
}

/**
 * Picks diverse high scorers (maximal marginal relevance): never two near-identical sentences.
 * With `spread`, each point taken from an article lowers that article's other sentences, so a
 * story's points come from across its outlets rather than all from its longest article.
 */
function pickDiverse(candidates: Sentence[], max: number, spread = false): Sentence[] {
  const chosen: Sentence[] = [];
  const taken = new Map<string, number>();
  const left = [...candidates];
  const worth = (s: Sentence) =>
    s.score * SPREAD ** (spread ? (taken.get(s.passage.articleId) ?? 0) : 0);
  while (chosen.length < max && left.length > 0) {
    let best = 0;
    for (let i = 1; i < left.length; i++)
      if (worth(left[i] as Sentence) > worth(left[best] as Sentence)) best = i;
    const [s] = left.splice(best, 1) as [Sentence];
    if (chosen.some((c) => overlap(c.text, s.text) >= SAME_POINT || sameFigure(c.text, s.text)))
      continue;
    chosen.push(s);
    taken.set(s.passage.articleId, (taken.get(s.passage.articleId) ?? 0) + 1);
  }
  return chosen;
}

/** Verbatim quotes, the most relevant first, at most two per speaker, direct before reported. */
export function pickQuotes(
  quotes: readonly StoredQuote[],
  citations: Citations,
  max = MAX_QUOTES,
): BriefingQuote[] {
  const perSpeaker = new Map<string, number>();
  const seen: string[] = [];
  const picked: BriefingQuote[] = [];
  const ordered = [...quotes].sort((a, b) =>
    a.kind === b.kind ? 0 : a.kind === 'direct' ? -1 : 1,
  );
  for (const q of ordered) {
    if (picked.length >= max) break;
    // By key: one person's quotes from outlets spelling the name differently count together.
    const speaker = speakerKey(q.speaker);
    const count = perSpeaker.get(speaker) ?? 0;
    if (count >= 2 || q.quote.split(/\s+/).length < 3) continue;
    if (seen.some((s) => s === comparable(q.quote) || overlap(s, q.quote) >= NEAR_DUPLICATE))
      continue;
    seen.push(comparable(q.quote));
    perSpeaker.set(speaker, count + 1);
    picked.push({
      speaker: q.speaker,
      role: q.role,
      text: q.quote,
      kind: q.kind,
      cite: citations.cite(q),
    });
  }
  return picked;
}

/**
 * The offline summarizer: BM25 passages from the store, sentences scored by relevance and facts,
 * picked for diversity; key figures; verbatim quotes from the quote index; numbered sources.
 */
export class ExtractiveBriefer implements Briefer {
  constructor(private readonly store: Store) {}

  async brief(topic: string, options: { since?: string } = {}): Promise<Briefing> {
    // "/brief s1a2b3c4d5e6" briefs that story; its title finds the earlier and related ones.
    const asked = topic.trim();
    let briefed: Story | undefined;
    if (STORY_ID.test(asked)) {
      [briefed] = await this.store.getStories([asked]);
      if (!briefed)
        throw new UserError(`No story "${asked}". Try /stories to see the current ones.`);
    }
    const query = briefed ? await this.#aboutStory(briefed) : topic;
    const hits = await this.store.searchPassages(query, { limit: 80, ...options });
    if (!briefed && hits.length === 0) {
      throw new UserError(
        `No stored article mentions "${topic}" yet. Try /sources to see what I hold.`,
      );
    }
    const ranked = await findStories(this.store, hits, query);
    briefed ??= ranked[0]?.story;
    // Earlier and related stories may share only some of the topic's words ("comey" and
    // "emails" but not "letter"): they are looked for among passages with any of them.
    const wider = briefed
      ? await this.store.searchPassages(query, { limit: 80, ...options, anyWord: true })
      : [];
    const relatedHits = [
      ...hits,
      ...wider.filter(
        (w) => !hits.some((h) => h.articleId === w.articleId && h.paragraph === w.paragraph),
      ),
    ];
    const citations = new Citations();
    // The articles that match best are about the topic as a whole: their other paragraphs
    // (what Rouhani said, the warnings) belong in the briefing even without the topic's word.
    const articleScore = new Map<string, number>();
    for (const h of hits)
      articleScore.set(h.articleId, (articleScore.get(h.articleId) ?? 0) + h.score);
    const members = briefed ? await this.store.storyMembers([briefed.id]) : [];
    // A story's articles, every outlet heard; with no stories yet, the best-matching articles.
    const reading =
      members.length > 0
        ? storyReading(members, articleScore, MAX_ARTICLES)
        : [...articleScore.entries()]
            .sort((a, b) => b[1] - a[1])
            .slice(0, MAX_ARTICLES)
            .map(([id]) => id);
    const hitScore = new Map(hits.map((h) => [`${h.articleId}:${h.paragraph}`, h.score]));
    const top = hits[0]?.score || 1;
    const passages = (await this.store.articlePassages(reading)).map((p) => ({
      ...p,
      score: hitScore.get(`${p.articleId}:${p.paragraph}`) ?? 0,
    }));
    const sentences: Sentence[] = passages.flatMap((p) =>
      sentencesOf(p).map((text, i) => ({
        text,
        passage: p,
        // Paragraphs that name the topic, the lead sentence of a paragraph, the article's lead.
        score:
          (0.75 + (0.25 * p.score) / top) *
          factWeight(text) *
          (i === 0 ? 1.1 : 1) *
          (p.paragraph < 2 ? 1.5 : 1),
      })),
    );
    const central = centrality(sentences.map((s) => s.text));
    sentences.forEach((s, i) => {
      s.score *= 0.3 + (central[i] ?? 0);
    });
    const readable = sentences.filter((s) => s.text.length <= MAX_POINT_CHARS);
    const points: CitedText[] = pickDiverse(readable, MAX_POINTS, members.length > 0).map((s) => ({
      text: s.text,
      cites: [citations.cite(s.passage)],
    }));
    // Figures ranked by their sentence's score and by what they count (people before posts).
    const candidates = sentences
      .map((s) => ({ s, found: figureClause(s.text) }))
      .filter(
        (c): c is { s: Sentence; found: NonNullable<typeof c.found> } => c.found !== undefined,
      )
      .sort((a, b) => b.s.score * b.found.weight - a.s.score * a.found.weight);
    const numbers: CitedText[] = [];
    const figures = new Set<string>();
    for (const { s, found } of candidates) {
      if (numbers.length >= MAX_NUMBERS) break;
      if (figures.has(figureKey(found.figure))) continue;
      if (numbers.some((n) => overlap(n.text, found.text) >= SAME_POINT)) continue;
      figures.add(figureKey(found.figure));
      numbers.push({ text: found.text, cites: [citations.cite(s.passage)] });
    }
    if (!briefed || members.length === 0) {
      const quotes = pickQuotes(await this.store.quotesIn(hits, { limit: 100 }), citations);
      return { topic, points, numbers, quotes, sources: citations.list, summarizer: 'extractive' };
    }
    // The story's quotes, those in paragraphs that name the topic first.
    const storyQuotes = await this.store.quotesIn(passages, { limit: 300 });
    const onTopic = (q: StoredQuote) => hitScore.has(`${q.articleId}:${q.paragraph}`);
    const quotes = pickQuotes(
      [...storyQuotes].sort((a, b) => Number(onTopic(b)) - Number(onTopic(a))),
      citations,
    );
    const coverage = coverageLine(members, citations);
    const byArticle = new Map<string, Passage[]>();
    for (const p of passages)
      byArticle.set(p.articleId, [...(byArticle.get(p.articleId) ?? []), p]);
    const outletOf = new Map(members.map((m) => [m.articleId, m.outlet]));
    const differences = whereTheyDiffer(
      reading
        .filter((id) => outletOf.get(id))
        .map((id) => ({
          articleId: id,
          outlet: outletOf.get(id) as string,
          sentences: (byArticle.get(id) ?? []).flatMap(sentencesOf),
          quotes: storyQuotes.filter((q) => q.articleId === id),
        })),
      (id) => {
        const p = byArticle.get(id)?.[0];
        return p ? citations.cite(p) : 0;
      },
    );
    const related = relatedStories(await findStories(this.store, relatedHits, query), briefed.id);
    const relatedText = relatedLines(related, relatedHits, citations);
    const storyOfArticle = new Map<string, string>(members.map((m) => [m.articleId, briefed.id]));
    for (const r of related) for (const id of r.articles) storyOfArticle.set(id, r.story.id);
    const stories = briefingStories(
      [briefed, ...related.map((r) => r.story)],
      citations,
      storyOfArticle,
    );
    return {
      topic,
      points,
      numbers,
      quotes,
      sources: citations.list,
      summarizer: 'extractive',
      stories,
      coverage,
      differences,
      related: relatedText,
    };
  }

  /** Words a story is about, to find the earlier and related ones: its heaviest terms. */
  async #aboutStory(story: Story): Promise<string> {
    const [member] = await this.store.storyMembers([story.id]);
    const state =
      member && (await this.store.storiesOfArticles([member.articleId])).get(member.articleId);
    const terms = state?.centroid.slice(0, 4).map(([t]) => t) ?? [];
    return terms.length > 0 ? terms.join(' ') : story.title;
  }

  async ask(question: string): Promise<Briefing> {
    const words = comparable(question)
      .split(' ')
      .filter((w) => w.length > 1 && !QUESTION_WORDS.has(w));
    const citations = new Citations();
    const empty: Briefing = {
      topic: question,
      points: [],
      numbers: [],
      quotes: [],
      sources: [],
      summarizer: 'extractive',
    };
    if (words.length === 0) return { ...empty, note: 'Not in the sources.' };
    const passages = await this.store.searchPassages(words.join(' '), { limit: 40 });
    const scored: Sentence[] = passages.flatMap((p) =>
      sentencesOf(p).map((text) => {
        const have = new Set(comparable(text).split(' '));
        const hits = words.filter((w) => have.has(w)).length;
        return { text, passage: p, score: (hits / words.length) * factWeight(text) };
      }),
    );
    // Half the question's words in one sentence, or it is not answered by the sources.
    const answers = pickDiverse(
      scored.filter((s) => s.score >= 0.5),
      3,
    );
    if (answers.length === 0) return { ...empty, note: 'Not in the sources.' };
    const points = answers.map((s) => ({ text: s.text, cites: [citations.cite(s.passage)] }));
    const speakerQuotes = await this.store.quotesIn(
      answers.map((a) => a.passage),
      { limit: 50 },
    );
    return {
      ...empty,
      points,
      quotes: pickQuotes(speakerQuotes, citations, 3),
      sources: citations.list,
    };
  }
}

import { comparable, NEAR_DUPLICATE, overlap } from '../articles/cleaning/compare-text.ts';
import { UserError } from '../core/errors.ts';
import type { CitedText } from '../core/reply.ts';
import type { Passage, Store, StoredQuote } from '../store/store.ts';
import type { Briefer, Briefing, BriefingQuote } from './briefing.ts';
import { Citations } from './citations.ts';
import { figureClause, figureKey } from './key-numbers.ts';

/** Briefing sizes: the 3-7 key points. */
const MAX_POINTS = 7;
const MAX_NUMBERS = 5;
const MAX_QUOTES = 6;
/** Articles a briefing reads in full, the best-matching first. */
const MAX_ARTICLES = 12;
/** Points more alike than this are one point said twice (lower than cleaning's duplicate bar). */
const SAME_POINT = 0.6;

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

function sentencesOf(passage: Passage): string[] {
  const spans = passage.sentences?.length
    ? passage.sentences
    : [[0, passage.text.length] as [number, number]];
  return spans.map(([s, e]) => passage.text.slice(s, e).trim()).filter((t) => t.length > 0);
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

/** Picks diverse high scorers (maximal marginal relevance): never two near-identical sentences. */
function pickDiverse(candidates: Sentence[], max: number): Sentence[] {
  const chosen: Sentence[] = [];
  const sorted = [...candidates].sort((a, b) => b.score - a.score);
  for (const s of sorted) {
    if (chosen.length >= max) break;
    if (chosen.some((c) => overlap(c.text, s.text) >= SAME_POINT || sameFigure(c.text, s.text)))
      continue;
    chosen.push(s);
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
    const count = perSpeaker.get(q.speaker) ?? 0;
    if (count >= 2 || q.quote.split(/\s+/).length < 3) continue;
    if (seen.some((s) => s === comparable(q.quote) || overlap(s, q.quote) >= NEAR_DUPLICATE))
      continue;
    seen.push(comparable(q.quote));
    perSpeaker.set(q.speaker, count + 1);
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
    const hits = await this.store.searchPassages(topic, { limit: 80, ...options });
    if (hits.length === 0) {
      throw new UserError(
        `No stored article mentions "${topic}" yet. Try /sources to see what I hold.`,
      );
    }
    const citations = new Citations();
    // The articles that match best are about the topic as a whole: their other paragraphs
    // (what Rouhani said, the warnings) belong in the briefing even without the topic's word.
    const articleScore = new Map<string, number>();
    for (const h of hits)
      articleScore.set(h.articleId, (articleScore.get(h.articleId) ?? 0) + h.score);
    const topArticles = [...articleScore.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, MAX_ARTICLES)
      .map(([id]) => id);
    const hitScore = new Map(hits.map((h) => [`${h.articleId}:${h.paragraph}`, h.score]));
    const top = hits[0]?.score || 1;
    const passages = (await this.store.articlePassages(topArticles)).map((p) => ({
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
    const points: CitedText[] = pickDiverse(sentences, MAX_POINTS).map((s) => ({
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
    const quotes = pickQuotes(await this.store.quotesIn(hits, { limit: 100 }), citations);
    return { topic, points, numbers, quotes, sources: citations.list, summarizer: 'extractive' };
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

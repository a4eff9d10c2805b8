import { speakerKey } from '../analysis/quotes/speaker-key.ts';
import type { Article } from '../articles/article.ts';
import { overlap } from '../articles/cleaning/compare-text.ts';
import type { Briefing, BriefingQuote } from '../briefing/briefing.ts';
import { Citations } from '../briefing/citations.ts';
import { wholeSentence } from '../briefing/whole-sentence.ts';
import type { CitedText } from '../core/reply.ts';
import type { Store } from '../store/store.ts';
import type { StoryMember } from '../store/story-store.ts';

/** Stories a digest covers, and quotes it shows. */
const MAX_STORIES = 7;
const MAX_QUOTES = 5;
/** New articles read per story, and earlier ones an update is compared with. */
const NEW_READ = 3;
const OLD_READ = 4;
/** Sentences of a new article's lead looked at for what is new. */
const LEAD_SENTENCES = 5;
/** A sentence this close to one already told is not news (as a briefing's "no fact twice"). */
const TOLD = 0.6;

/** The whole sentences an article opens with, in order. */
function leadSentences(a: Article, max = LEAD_SENTENCES): string[] {
  const out: string[] = [];
  a.paragraphs.forEach((p, i) => {
    for (const [s, e] of a.sentences[i] ?? [[0, p.length]]) {
      if (out.length >= max) return;
      const sentence = wholeSentence(p.slice(s, e));
      if (sentence) out.push(sentence);
    }
  });
  return out;
}

/**
 * A digest organised by story, from the articles new since the last one (in the order given,
 * best or newest first): each new story once, with its lead and its outlets; a story that had
 * articles before says only what is new, the first lead sentence of its new articles that none
 * of its earlier articles already told. An article stored before stories existed is a story of
 * its own.
 */
export async function storyDigest(store: Store, newIds: readonly string[]): Promise<Briefing> {
  const citations = new Citations();
  const isNew = new Set(newIds);
  const storyOf = await store.storyIdsOf(newIds);
  // Groups in the order of their first new article.
  const groups = new Map<string, string[]>();
  for (const id of newIds) {
    const key = storyOf.get(id) ?? `article:${id}`;
    groups.set(key, [...(groups.get(key) ?? []), id]);
  }
  const keys = [...groups.keys()].slice(0, MAX_STORIES);
  const storyIds = keys.filter((k) => !k.startsWith('article:'));
  const stories = new Map((await store.getStories(storyIds)).map((s) => [s.id, s]));
  const members = await store.storyMembers(storyIds);
  const points: CitedText[] = [];
  const quotes: BriefingQuote[] = [];
  const speakers = new Set<string>();
  // What each story reads: its first new articles, and the latest earlier ones (all in one read).
  const reads = new Map(
    keys.map((key) => {
      const own = members.filter((m) => m.storyId === key);
      const earlier = own.filter((m) => !isNew.has(m.articleId));
      const fresh = (groups.get(key) ?? []).slice(0, NEW_READ);
      const old = [...new Set(earlier.map((m) => m.articleId))].slice(-OLD_READ);
      return [key, { own, earlier, fresh, old }];
    }),
  );
  const read = new Map(
    (await store.getArticles([...reads.values()].flatMap((r) => [...r.fresh, ...r.old]))).map(
      (a) => [a.id, a],
    ),
  );
  const found = (ids: readonly string[]) => ids.flatMap((id) => read.get(id) ?? []);
  for (const [key, { own, earlier, ...ids }] of reads) {
    const fresh = found(ids.fresh);
    if (fresh.length === 0) continue;
    const story = stories.get(key);
    const told = found(ids.old).flatMap((a) => leadSentences(a, 20));
    // The first lead sentence of the new articles that was not told before.
    let news: { sentence: string; article: Article } | undefined;
    for (const a of fresh) {
      const sentence = leadSentences(a).find((s) => !told.some((t) => overlap(s, t) >= TOLD));
      if (sentence) {
        news = { sentence, article: a };
        break;
      }
    }
    if (!news) continue;
    // Each new outlet cited once, with its own link (a syndicated copy's too).
    const newMembers: Pick<StoryMember, 'articleId' | 'title' | 'outlet' | 'url' | 'published'>[] =
      own.length > 0
        ? own.filter((m) => isNew.has(m.articleId))
        : fresh.map((a) => ({ articleId: a.id, ...a }));
    const cites = [citations.cite({ ...news.article, articleId: news.article.id })];
    const outlets: string[] = [];
    for (const m of newMembers) {
      if (m.outlet && !outlets.includes(m.outlet)) outlets.push(m.outlet);
      const n = citations.cite(
        m,
        m.outlet === news.article.outlet ? m.articleId : `${m.articleId}\u0000${m.outlet}`,
      );
      if (!cites.includes(n)) cites.push(n);
    }
    const from = outlets.length > 0 ? ` (${outlets.join(', ')})` : '';
    const text =
      story && earlier.length > 0
        ? `Update on “${story.title}”, since ${story.first.slice(0, 10)}: ${news.sentence}${from}`
        : `${news.sentence}${from}`;
    points.push({ text, cites });
    for (const a of fresh) {
      for (const q of a.quotes) {
        // By key: "George W. Bush" and "George W Bush" are one voice.
        const speaker = speakerKey(q.speaker);
        if (quotes.length >= MAX_QUOTES || q.kind !== 'direct' || speakers.has(speaker)) continue;
        if (q.quote.split(/\s+/).length < 4) continue;
        speakers.add(speaker);
        quotes.push({
          speaker: q.speaker,
          role: q.role,
          text: q.quote,
          kind: q.kind,
          cite: citations.cite({ ...a, articleId: a.id }),
        });
      }
    }
  }
  const sources = citations.list;
  const storyByArticle = new Map(members.map((m) => [m.articleId, m.storyId]));
  for (const c of sources) {
    const s = storyByArticle.get(c.articleId);
    if (s) c.story = s;
  }
  return {
    topic: '',
    points,
    numbers: [],
    quotes,
    sources,
    summarizer: 'extractive',
  };
}

import model from 'wink-eng-lite-web-model';
import winkNLP from 'wink-nlp';

type Nlp = ReturnType<typeof winkNLP>;
type Doc = ReturnType<Nlp['readDoc']>;

/**
 * A wink-nlp instance used for at most `limit` documents, then loaded afresh. wink adds every
 * token it has not seen to its lexicon and never forgets it: 1.2 million new tokens (names,
 * figures) grew the heap by 270 MB, so a bot that reads feeds for months would grow without
 * bound. Loading costs ~150 ms, about 3 µs per article at the limit used below.
 */
export function renewingReader(limit: number, load: () => Pick<Nlp, 'readDoc'>) {
  let nlp: Pick<Nlp, 'readDoc'> | undefined;
  let used = 0;
  return (text: string): Doc => {
    if (!nlp || used >= limit) {
      nlp = load();
      used = 0;
    }
    used++;
    return nlp.readDoc(text);
  };
}

// Only sentence boundary detection: the full pipeline (POS, entities) costs 3x and nothing reads it.
// Loaded on first use, not at import: commands that never split sentences skip the ~150 ms.
const readDoc = renewingReader(50_000, () => winkNLP(model, ['sbd']));

/** A sentence as `[start, end)` character offsets in its paragraph. */
export type SentenceSpan = [number, number];

const PARAGRAPH_BREAK = '\n\n';

/**
 * The sentences of each paragraph, by wink-nlp (which knows abbreviations such as "U.S." and
 * "Mr." and quotes that close after the full stop). The article is read as one document, with
 * paragraphs apart by a blank line, which costs less than a document per paragraph and gives the
 * same sentences (checked on the 10,000-article bench corpus and the seed). wink ends a sentence
 * at a blank line; should a future model not, a sentence is still cut at each paragraph break.
 */
export function paragraphSentences(paragraphs: readonly string[]): SentenceSpan[][] {
  const text = paragraphs.join(PARAGRAPH_BREAK);
  const starts: number[] = [];
  let offset = 0;
  for (const p of paragraphs) {
    starts.push(offset);
    offset += p.length + PARAGRAPH_BREAK.length;
  }
  const spans: SentenceSpan[][] = paragraphs.map(() => []);
  let from = 0;
  let k = 0;
  for (const sentence of readDoc(text).sentences().out() as string[]) {
    const start = text.indexOf(sentence, from);
    // wink-nlp normalises nothing, so every sentence is found; be safe if a future model does.
    if (start < 0) continue;
    const end = start + sentence.length;
    from = end;
    // Cut the sentence at each paragraph it covers.
    while (k + 1 < paragraphs.length && (starts[k + 1] as number) <= start) k++;
    for (let p = k; p < paragraphs.length && (starts[p] as number) < end; p++) {
      const base = starts[p] as number;
      const paragraph = paragraphs[p] as string;
      const s = Math.max(start, base) - base;
      const e = Math.min(end, base + paragraph.length) - base;
      const trimmed = trimSpan(paragraph, s, e);
      if (trimmed) spans[p]?.push(trimmed);
    }
  }
  // A paragraph wink found nothing in (only spaces and symbols) is one sentence.
  paragraphs.forEach((p, i) => {
    if (spans[i]?.length === 0 && p.trim()) spans[i]?.push([0, p.length]);
  });
  return spans;
}

/** The span without the spaces at its ends, or undefined when nothing else is left. */
function trimSpan(text: string, start: number, end: number): SentenceSpan | undefined {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s] as string)) s++;
  while (e > s && /\s/.test(text[e - 1] as string)) e--;
  return s < e ? [s, e] : undefined;
}

import model from 'wink-eng-lite-web-model';
import winkNLP from 'wink-nlp';

// Loading the model costs ~100 ms and some memory: once per process, on first use.
let nlp: ReturnType<typeof winkNLP> | undefined;

/**
 * Sentence boundaries of one paragraph as `[start, end)` character offsets, by wink-nlp (which
 * knows abbreviations such as "U.S." and "Mr." and quotes that close after the full stop).
 */
export function splitSentences(paragraph: string): Array<[number, number]> {
  // Only sentence boundary detection: the full pipeline (POS, entities) costs 3x and nothing reads it.
  nlp ??= winkNLP(model, ['sbd']);
  const sentences = nlp.readDoc(paragraph).sentences().out() as string[];
  const spans: Array<[number, number]> = [];
  let from = 0;
  for (const sentence of sentences) {
    const start = paragraph.indexOf(sentence, from);
    // wink-nlp normalises nothing, so every sentence is found; be safe if a future model does.
    if (start < 0) continue;
    spans.push([start, start + sentence.length]);
    from = start + sentence.length;
  }
  if (spans.length === 0 && paragraph.trim()) spans.push([0, paragraph.length]);
  return spans;
}

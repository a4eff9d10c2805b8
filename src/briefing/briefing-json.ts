import type { Briefing } from './briefing.ts';

/** `newsbrief brief --json`: the contract's fields, in the contract's shape. */
export function briefingJson(b: Briefing) {
  return {
    topic: b.topic,
    points: b.points,
    numbers: b.numbers,
    quotes: b.quotes,
    sources: b.sources.map((c) => ({
      n: c.n,
      title: c.title,
      outlet: c.outlet,
      published: c.published,
      url: c.url,
      story: c.story,
    })),
    stories: b.stories ?? [],
    summarizer: b.summarizer,
    ...(b.note ? { note: b.note } : {}),
  };
}

import type { Citation, CitedText } from '../core/reply.ts';

/** A quote as a briefing shows it: verbatim from a stored article, with its citation. */
export interface BriefingQuote {
  speaker: string;
  role?: string;
  text: string;
  kind: 'direct' | 'reported';
  cite: number;
}

/** A story as a briefing lists it: the briefed one first, then earlier or related ones. */
export interface BriefingStory {
  id: string;
  title: string;
  outlets: string[];
  /** Citation numbers of its articles in this briefing. */
  sources: number[];
  first: string;
  last: string;
}

/** The platform-neutral result of `/brief`, `/ask` and a digest; adapters render it. */
export interface Briefing {
  topic: string;
  /** 3-7 key points, each citing its sources. */
  points: CitedText[];
  /** Figures with what they count. */
  numbers: CitedText[];
  quotes: BriefingQuote[];
  sources: Citation[];
  /** Which summarizer produced it, and why the LLM's answer was not used when it was not. */
  summarizer: 'extractive' | 'llm';
  note?: string;
  /** The briefed story first, then earlier or related ones (absent before stories exist). */
  stories?: BriefingStory[];
  /** "Covered by N outlets: …", each outlet citing its own article. */
  coverage?: CitedText;
  /** Where the outlets differ: figures, quotes only some ran, whom each quotes. */
  differences?: CitedText[];
  /** One line per earlier or related story, with its date and how to ask for it. */
  related?: CitedText[];
}

/** Writes briefings and answers from the store: the extractive summarizer or an LLM. */
export interface Briefer {
  brief(topic: string, options?: { since?: string }): Promise<Briefing>;
  ask(question: string): Promise<Briefing>;
}

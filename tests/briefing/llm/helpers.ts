import pino, { type Logger } from 'pino';
import type { Briefer, Briefing } from '../../../src/briefing/briefing.ts';

/** A pino logger whose lines land in an array, so tests assert on logs as data. */
export function captureLog(): { log: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const log = pino(
    { level: 'debug' },
    { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
  );
  return { log, lines };
}

/** A stand-in for the extractive summarizer that records what it was asked. */
export function fakeExtractive(): { briefer: Briefer; calls: string[] } {
  const calls: string[] = [];
  const briefing = (topic: string): Briefing => ({
    topic,
    points: [{ text: `extractive point on ${topic}`, cites: [1] }],
    numbers: [],
    quotes: [],
    sources: [{ n: 1, articleId: 'a1', title: 'Extractive source' }],
    summarizer: 'extractive',
  });
  return {
    calls,
    briefer: {
      async brief(topic, options) {
        calls.push(`brief:${topic}${options?.since ? `:${options.since}` : ''}`);
        return briefing(topic);
      },
      async ask(question) {
        calls.push(`ask:${question}`);
        return briefing(question);
      },
    },
  };
}

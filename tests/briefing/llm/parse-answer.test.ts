import { describe, expect, it } from 'vitest';
import { MalformedAnswerError, parseAnswer } from '../../../src/briefing/llm/parse-answer.ts';

describe('parseAnswer', () => {
  it('reads the asked-for object, with cites in any of the usual shapes', () => {
    const a = parseAnswer(
      JSON.stringify({
        status: 'ok',
        points: [
          { text: 'a', cites: [1, '2'] },
          { text: 'b', cites: '[3], [4]' },
          { text: 'c', cites: null },
          'd',
        ],
        quotes: [{ speaker: 'Putin', text: 'words here', cite: '5' }],
      }),
    );
    expect(a.points.map((p) => p.cites)).toEqual([[1, 2], [3, 4], [], []]);
    expect(a.numbers).toEqual([]);
    expect(a.quotes).toEqual([{ speaker: 'Putin', quote: 'words here', cites: [5] }]);
    expect(a.notInSources).toBe(false);
  });

  it('finds the object inside a code fence or prose', () => {
    const a = parseAnswer('Sure!\n```json\n{"points": [{"text": "x", "cites": [1]}]}\n```\nDone.');
    expect(a.points).toEqual([{ text: 'x', cites: [1] }]);
  });

  it('recognises "not in the sources" however it is spelt', () => {
    for (const status of ['not_in_sources', 'Not in the sources', 'NOT-IN-SOURCES']) {
      expect(parseAnswer(JSON.stringify({ status })).notInSources).toBe(true);
    }
  });

  it('rejects what is not the answer format', () => {
    for (const bad of [
      '',
      'I cannot help with that.',
      '{"points": [{"text": "cut off',
      '{"status": "ok"}',
      '{"points": "none"}',
      '[1, 2]',
    ]) {
      expect(() => parseAnswer(bad), bad).toThrow(MalformedAnswerError);
    }
  });
});

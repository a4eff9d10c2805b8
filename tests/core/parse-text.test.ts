import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.ts';
import { UserError } from '../../src/core/errors.ts';
import { parseCommandLine, parseCommandText, splitWords } from '../../src/core/parse-text.ts';
import { Registry } from '../../src/core/registry.ts';

const registry = new Registry(COMMANDS);

function refusal(run: () => unknown): UserError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return error as UserError;
  }
  throw new Error('not refused');
}

describe('parseCommandText', () => {
  it.each([
    ['brief', 'idlib', { command: 'brief', args: { topic: 'idlib' } }],
    [
      'brief',
      'idlib ceasefire talks',
      { command: 'brief', args: { topic: 'idlib ceasefire talks' } },
    ],
    ['/brief', 'topic:idlib', { command: 'brief', args: { topic: 'idlib' } }],
    ['who', '"Recep Tayyip Erdogan"', { command: 'who', args: { query: 'Recep Tayyip Erdogan' } }],
    [
      'ask',
      'What did Rouhani say?',
      { command: 'ask', args: { question: 'What did Rouhani say?' } },
    ],
    ['sources', '', { command: 'sources', args: {} }],
    [
      'digest',
      'subscribe 08:00 Europe/Istanbul idlib syria',
      {
        command: 'digest',
        subcommand: 'subscribe',
        args: { time: '08:00', timezone: 'Europe/Istanbul', topics: 'idlib syria' },
      },
    ],
    [
      'digest',
      'subscribe timezone:UTC time:07:30',
      { command: 'digest', subcommand: 'subscribe', args: { time: '07:30', timezone: 'UTC' } },
    ],
    ['digest', 'LIST', { command: 'digest', subcommand: 'list', args: {} }],
  ])('/%s %s', (name, text, expected) => {
    expect(parseCommandText(registry, name, text)).toEqual(expected);
  });

  it('passes emoji and right-to-left text through unchanged', () => {
    for (const topic of ['🔥 إدلب', 'שלום עולם', 'Erdoğan 🇹🇷']) {
      expect(parseCommandText(registry, 'brief', topic).args.topic).toBe(topic);
    }
  });

  it('refuses an unknown command', () => {
    expect(refusal(() => parseCommandText(registry, '/nope', 'x')).message).toBe(
      'Unknown command "/nope". Try /help for the list.',
    );
  });

  it('refuses extra words, with the usage', () => {
    const e = refusal(() => parseCommandText(registry, 'digest', 'list everything now'));
    expect(e.message).toMatch(/^Unexpected extra words: everything now/);
    expect(e.usage).toBe('/digest list');
  });

  it('refuses an unknown or missing subcommand', () => {
    expect(refusal(() => parseCommandText(registry, 'digest', 'explode')).message).toMatch(
      /^Unknown subcommand "explode"; use one of: subscribe, list, unsubscribe, now\.$/,
    );
    expect(refusal(() => parseCommandText(registry, 'digest', '')).message).toMatch(
      /^Choose one of/,
    );
  });

  it('refuses a 10,000-character text with a clear message', () => {
    const e = refusal(() => parseCommandText(registry, 'brief', 'x'.repeat(10_000)));
    expect(e.message).toBe('That is 10000 characters; commands take at most 4000.');
    expect(e.usage).toBe('/brief <topic…>');
  });
});

describe('parseCommandLine and splitWords', () => {
  it('parses a console line', () => {
    expect(parseCommandLine(registry, '  /brief   idlib  ')).toEqual({
      command: 'brief',
      args: { topic: 'idlib' },
    });
    expect(parseCommandLine(registry, 'help')).toEqual({ command: 'help', args: {} });
  });

  it('keeps quoted groups', () => {
    expect(splitWords('a "b c" “d e” f').map((w) => w.value)).toEqual(['a', 'b c', 'd e', 'f']);
  });

  it('keeps a rest option as typed, quote marks and punctuation included', () => {
    const parsed = parseCommandLine(registry, '/ask what did “Rouhani say”?');
    expect(parsed.args.question).toBe('what did “Rouhani say”?');
  });
});

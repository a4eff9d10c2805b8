import { type CommandDef, type OptionDef, type ParsedCommand, usageOf } from './command.ts';
import { UserError } from './errors.ts';
import type { Registry } from './registry.ts';

/** Longest command text accepted from Slack or the console. */
export const MAX_COMMAND_TEXT = 4000;

/** A word of command text, with where it stands in that text. */
export interface Word {
  value: string;
  start: number;
  end: number;
}

/** Splits on whitespace, keeping "double quoted" or “curly quoted” groups as one word. */
export function splitWords(text: string): Word[] {
  const words: Word[] = [];
  const re = /"([^"]*)"|“([^”]*)”|(\S+)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const value = m[1] ?? m[2] ?? m[3] ?? '';
    if (value !== '') words.push({ value, start: m.index, end: m.index + m[0].length });
  }
  return words;
}

/**
 * Fills a command's options from text: `name:value` pairs first, then positional words in
 * option order; a `rest` option takes every remaining word, as typed (quote marks and
 * punctuation kept: `/ask what did “Rouhani say”?`). Used by Slack and the console;
 * Discord's typed options arrive already parsed.
 */
export function parseOptions(
  options: readonly OptionDef[],
  words: readonly Word[],
  usage: string,
  text = '',
): Record<string, string> {
  const args: Record<string, string> = {};
  const positional: Word[] = [];
  let namedAfterPositional = false;
  for (const word of words) {
    const pair = /^([a-z][a-z0-9_-]*):(.+)$/i.exec(word.value);
    const named = pair ? options.find((o) => o.name === pair[1]?.toLowerCase()) : undefined;
    if (pair && named) {
      args[named.name] = pair[2] ?? '';
      if (positional.length > 0) namedAfterPositional = true;
    } else positional.push(word);
  }
  for (const option of options) {
    if (args[option.name] !== undefined || positional.length === 0) continue;
    if (option.rest) {
      const taken = positional.splice(0);
      const first = taken[0] as Word;
      const last = taken.at(-1) as Word;
      // The words as typed, unless a name:value pair sits among them.
      args[option.name] =
        text && !namedAfterPositional && taken.length > 1
          ? text.slice(first.start, last.end)
          : taken.map((w) => w.value).join(' ');
    } else args[option.name] = positional.shift()?.value ?? '';
  }
  if (positional.length > 0) {
    throw new UserError(
      `Unexpected extra words: ${positional
        .map((w) => w.value)
        .join(' ')
        .slice(0, 100)}`,
      usage,
    );
  }
  return args;
}

/** Parses `/name text…` (console) or a Slack command's name plus its text. */
export function parseCommandText(registry: Registry, name: string, text: string): ParsedCommand {
  const command = registry.get(name.replace(/^\//, ''));
  if (!command) {
    throw new UserError(
      `Unknown command "/${name.replace(/^\//, '').slice(0, 40)}". Try /help for the list.`,
    );
  }
  if (text.length > MAX_COMMAND_TEXT) {
    throw new UserError(
      `That is ${text.length} characters; commands take at most ${MAX_COMMAND_TEXT}.`,
      usageOf(command),
    );
  }
  const words = splitWords(text);
  if (command.subcommands) return parseSubcommand(command, words, text);
  return {
    command: command.name,
    args: parseOptions(command.options ?? [], words, usageOf(command), text),
  };
}

function parseSubcommand(
  command: CommandDef & { subcommands: NonNullable<CommandDef['subcommands']> },
  words: Word[],
  text: string,
): ParsedCommand {
  const [firstWord, ...rest] = words;
  const first = firstWord?.value;
  const sub = command.subcommands.find((s) => s.name === first?.toLowerCase());
  if (!sub) {
    const names = command.subcommands.map((s) => s.name).join(', ');
    throw new UserError(
      first
        ? `Unknown subcommand "${first.slice(0, 40)}"; use one of: ${names}.`
        : `Choose one of: ${names}.`,
      usageOf(command),
    );
  }
  return {
    command: command.name,
    subcommand: sub.name,
    args: parseOptions(sub.options ?? [], rest, usageOf(command, sub), text),
  };
}

/** Parses a whole console line such as `/brief idlib`. */
export function parseCommandLine(registry: Registry, line: string): ParsedCommand {
  const trimmed = line.trim();
  const m = /^\/?(\S+)\s*([\s\S]*)$/.exec(trimmed);
  if (!m) throw new UserError('Type a command, e.g. /help');
  return parseCommandText(registry, m[1] ?? '', m[2] ?? '');
}

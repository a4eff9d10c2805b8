import { type CommandDef, type OptionDef, type ParsedCommand, usageOf } from './command.ts';
import { UserError } from './errors.ts';
import type { Registry } from './registry.ts';

/** Longest command text accepted from Slack or the console. */
export const MAX_COMMAND_TEXT = 4000;

/** Splits on whitespace, keeping "double quoted" or “curly quoted” groups as one word. */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  const re = /"([^"]*)"|“([^”]*)”|(\S+)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) words.push(m[1] ?? m[2] ?? m[3] ?? '');
  return words.filter((w) => w !== '');
}

/**
 * Fills a command's options from text: `name:value` pairs first, then positional words in
 * option order; a `rest` option takes every remaining word. Used by Slack and the console;
 * Discord's typed options arrive already parsed.
 */
export function parseOptions(
  options: readonly OptionDef[],
  words: readonly string[],
  usage: string,
): Record<string, string> {
  const args: Record<string, string> = {};
  const positional: string[] = [];
  for (const word of words) {
    const pair = /^([a-z][a-z0-9_-]*):(.+)$/i.exec(word);
    const named = pair ? options.find((o) => o.name === pair[1]?.toLowerCase()) : undefined;
    if (pair && named) args[named.name] = pair[2] ?? '';
    else positional.push(word);
  }
  for (const option of options) {
    if (args[option.name] !== undefined || positional.length === 0) continue;
    args[option.name] = option.rest ? positional.splice(0).join(' ') : (positional.shift() ?? '');
  }
  if (positional.length > 0) {
    throw new UserError(`Unexpected extra words: ${positional.join(' ').slice(0, 100)}`, usage);
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
  if (command.subcommands) return parseSubcommand(command, words);
  return {
    command: command.name,
    args: parseOptions(command.options ?? [], words, usageOf(command)),
  };
}

function parseSubcommand(
  command: CommandDef & { subcommands: NonNullable<CommandDef['subcommands']> },
  words: string[],
): ParsedCommand {
  const [first, ...rest] = words;
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
    args: parseOptions(sub.options ?? [], rest, usageOf(command, sub)),
  };
}

/** Parses a whole console line such as `/brief idlib`. */
export function parseCommandLine(registry: Registry, line: string): ParsedCommand {
  const trimmed = line.trim();
  const m = /^\/?(\S+)\s*([\s\S]*)$/.exec(trimmed);
  if (!m) throw new UserError('Type a command, e.g. /help');
  return parseCommandText(registry, m[1] ?? '', m[2] ?? '');
}

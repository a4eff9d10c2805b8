import type { Logger } from 'pino';
import type { Reply } from './reply.ts';
import type { Services } from './services.ts';

/** Where a command came from. */
export type Platform = 'discord' | 'slack' | 'console';

/** One typed option of a command. On Discord a slash-command option; in Slack and console text
 * a `name:value` pair or the next positional word. */
export interface OptionDef {
  name: string;
  description: string;
  required?: boolean;
  /** Takes every remaining positional word (a topic, a question, a list of topics). */
  rest?: boolean;
  /** Longest accepted value, in characters. */
  maxLength?: number;
}

/** Who asked, where, and how to log about it. */
export interface Invocation {
  /** Short unique id, in every log line and in the apology for an unexpected error. */
  id: string;
  platform: Platform;
  /** Channel key unique across platforms' own ids, e.g. `C123` on Slack or a Discord snowflake. */
  channelId: string;
  userId: string;
  /** Discord guild or Slack team. */
  workspaceId?: string;
}

export interface CommandContext {
  services: Services;
  invocation: Invocation;
  log: Logger;
}

/** Parsed option values by option name; absent options are missing. */
export type Args = Readonly<Record<string, string | undefined>>;

interface Runnable {
  name: string;
  /** One line; it is also the help text and the Discord/Slack description. */
  description: string;
  options?: readonly OptionDef[];
  /**
   * Replies only the invoking user sees (help, settings). Known before running so Discord can
   * defer privately: a deferred reply keeps the visibility the defer chose.
   */
  private?: boolean;
  run(ctx: CommandContext, args: Args): Promise<Reply>;
}

export type SubcommandDef = Runnable;

/** A command: one definition, rendered to Discord, Slack, the console and `/help`. */
export type CommandDef =
  | (Runnable & { subcommands?: undefined })
  | {
      name: string;
      description: string;
      subcommands: readonly SubcommandDef[];
      options?: undefined;
      run?: undefined;
    };

/** A command invocation after parsing, before running. */
export interface ParsedCommand {
  command: string;
  subcommand?: string;
  args: Args;
}

/** The `name:value` usage line of a command or subcommand, e.g. `/brief <topic>`. */
export function usageOf(command: CommandDef, sub?: SubcommandDef): string {
  const target = sub ?? command;
  const opts = (target.options ?? []).map((o) =>
    o.required ? `<${o.name}${o.rest ? '…' : ''}>` : `[${o.name}${o.rest ? '…' : ''}]`,
  );
  if (!sub && command.subcommands) {
    return `/${command.name} ${command.subcommands.map((s) => s.name).join('|')}`;
  }
  return [`/${command.name}`, sub?.name, ...opts].filter(Boolean).join(' ');
}

/** True when the command (or its subcommand) answers privately. */
export function isPrivate(command: CommandDef | undefined, subcommand?: string | null): boolean {
  if (!command) return true;
  if (command.subcommands)
    return command.subcommands.find((s) => s.name === subcommand)?.private === true;
  return command.private === true;
}

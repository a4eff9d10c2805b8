import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  REST,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  Routes,
} from 'discord.js';
import type { CommandDef, OptionDef } from '../../core/command.ts';
import { MAX_OPTION_LENGTH } from '../../core/dispatch.ts';

/** Discord's own bounds on names, descriptions and string option lengths. */
const NAME = /^[-_\p{Ll}\p{Lo}\p{N}]{1,32}$/u;
const MAX_DESCRIPTION = 100;
const MAX_STRING_OPTION = 6000;

function description(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim() || '-';
  return one.length <= MAX_DESCRIPTION ? one : `${one.slice(0, MAX_DESCRIPTION - 1)}…`;
}

function checkName(name: string, where: string): string {
  if (!NAME.test(name)) {
    throw new Error(
      `${where} "${name}" is not a valid Discord name: 1-32 lowercase letters, digits, - or _`,
    );
  }
  return name;
}

function toOptions(
  command: string,
  options: readonly OptionDef[] = [],
): APIApplicationCommandBasicOption[] {
  // Discord rejects a required option after an optional one; keep each group in definition order.
  const ordered = [...options.filter((o) => o.required), ...options.filter((o) => !o.required)];
  return ordered.map((o) => ({
    type: ApplicationCommandOptionType.String,
    name: checkName(o.name, `Option of /${command}`),
    description: description(o.description),
    required: Boolean(o.required),
    max_length: Math.min(o.maxLength ?? MAX_OPTION_LENGTH, MAX_STRING_OPTION),
  }));
}

/** The slash-command bodies for Discord: string options typed as such, subcommands for `/digest`. */
export function toDiscordCommands(
  commands: readonly CommandDef[],
): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return commands.map((command) => {
    const name = checkName(command.name, 'Command');
    const base = {
      type: ApplicationCommandType.ChatInput,
      name,
      description: description(command.description),
    } as const;
    if (!command.subcommands) return { ...base, options: toOptions(name, command.options) };
    const subcommands: APIApplicationCommandSubcommandOption[] = command.subcommands.map((sub) => ({
      type: ApplicationCommandOptionType.Subcommand,
      name: checkName(sub.name, `Subcommand of /${name}`),
      description: description(sub.description),
      options: toOptions(`${name} ${sub.name}`, sub.options),
    }));
    return { ...base, options: subcommands };
  });
}

export interface RegisterDiscordCommandsOptions {
  token: string;
  applicationId: string;
  /** Registers in one server only (instant; global commands take up to an hour to appear). */
  guildId?: string;
  /** REST base without `/v10`, e.g. a proxy; Discord's own when unset. */
  apiUrl?: string;
  commands: readonly CommandDef[];
}

/**
 * Replaces the application's slash commands with these (one bulk overwrite, so removed commands
 * disappear too) and returns how many Discord now holds. Run from `newsbrief discord-commands`,
 * not on every start.
 */
export async function registerDiscordCommands(o: RegisterDiscordCommandsOptions): Promise<number> {
  // No sweeper timers: this runs once from the CLI, which must exit when done.
  const rest = new REST({
    version: '10',
    hashSweepInterval: 0,
    handlerSweepInterval: 0,
    ...(o.apiUrl ? { api: o.apiUrl } : {}),
  }).setToken(o.token);
  const route = o.guildId
    ? Routes.applicationGuildCommands(o.applicationId, o.guildId)
    : Routes.applicationCommands(o.applicationId);
  const saved = (await rest.put(route, { body: toDiscordCommands(o.commands) })) as unknown[];
  return saved.length;
}

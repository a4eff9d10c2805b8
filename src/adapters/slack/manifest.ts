import { type CommandDef, usageOf } from '../../core/command.ts';

/** Where Slack sends slash commands in HTTP mode, when no request URL is given. */
export const PLACEHOLDER_REQUEST_URL = 'https://YOUR-HOST/slack/events';

/**
 * The bot scopes the adapter needs: slash commands, replies, digests to channels it has not
 * joined, and reading its own recent posts back after a crash (was the digest posted?).
 */
export const SLACK_BOT_SCOPES = [
  'commands',
  'chat:write',
  'chat:write.public',
  'channels:history',
  'groups:history',
] as const;

/** What goes after the command name in Slack's autocomplete, e.g. `<topic…>`. */
function usageHint(command: CommandDef): string {
  const usages = command.subcommands
    ? command.subcommands.map((sub) => usageOf(command, sub))
    : [usageOf(command)];
  const hint = usages
    .map((u) => u.slice(command.name.length + 1).trim())
    .filter(Boolean)
    .join(' | ');
  // Slack caps usage_hint at 1,000 characters.
  return hint.slice(0, 1000);
}

/**
 * The Slack app manifest (https://api.slack.com/reference/manifests): one slash command per
 * command with its description and usage hint, the bot scopes, and Socket Mode on or off. In HTTP
 * mode every command points at `requestUrl` (our `POST /slack/events`).
 */
export function slackManifest(
  commands: readonly CommandDef[],
  options: { socketMode?: boolean; requestUrl?: string; name?: string } = {},
): object {
  const socketMode = options.socketMode ?? false;
  const name = options.name ?? 'newsbrief';
  return {
    display_information: {
      name,
      description: 'News briefings with cited points and verbatim quotes.',
    },
    features: {
      bot_user: { display_name: name, always_online: false },
      slash_commands: commands.map((command) => ({
        command: `/${command.name}`,
        description: command.description.slice(0, 2000),
        // Slack refuses an empty usage_hint; a command without options has none.
        ...(usageHint(command) ? { usage_hint: usageHint(command) } : {}),
        // Raw text: the parser reads words, and we never want Slack's <@U…> rewriting in it.
        should_escape: false,
        ...(socketMode ? {} : { url: options.requestUrl ?? PLACEHOLDER_REQUEST_URL }),
      })),
    },
    oauth_config: { scopes: { bot: [...SLACK_BOT_SCOPES] } },
    settings: {
      org_deploy_enabled: false,
      socket_mode_enabled: socketMode,
      token_rotation_enabled: false,
    },
  };
}

import {
  type ChatInputCommandInteraction,
  Client,
  type CommandInteractionOption,
  Events,
  GatewayIntentBits,
  MessageFlags,
  Status,
} from 'discord.js';
import type { Logger } from 'pino';
import type { DiscordShards } from '../../config.ts';
import { isPrivate } from '../../core/command.ts';
import type { Dispatch, Request } from '../../core/dispatch.ts';
import type { Registry } from '../../core/registry.ts';
import type { DigestAdapter } from '../../schedule/digest-adapter.ts';
import { PlatformLoginError } from '../platform-login-error.ts';
import { renderDiscord } from './render.ts';

/** What the Discord adapter needs; everything is passed in so tests can point it at a fake. */
export interface DiscordAdapterOptions {
  token: string;
  /** `DISCORD_API_URL`: the REST base without `/v10`; it also answers `/gateway/bot`. */
  apiUrl?: string;
  /** DISCORD_SHARDS and DISCORD_SHARD_COUNT; default: the one shard. */
  shards?: DiscordShards;
  registry: Registry;
  dispatch: Dispatch;
  log: Logger;
}

/** What to tell the operator when Discord does not let the bot log in. */
function loginFailure(error: unknown): string {
  const { code, message } = error as { code?: unknown; message?: string };
  if (code === 'TokenInvalid')
    return 'Discord refused DISCORD_TOKEN (an invalid token): copy the bot token again from the Developer Portal (your application > Bot > Reset Token)';
  return `cannot log in to Discord (${message ?? String(error)}): check DISCORD_TOKEN and DISCORD_API_URL`;
}

/** Slash-command option values as strings, from the subcommand's options when there is one. */
function argsOf(options: readonly CommandInteractionOption[]): Record<string, string> {
  const args: Record<string, string> = {};
  for (const option of options) {
    if (option.options) return argsOf(option.options);
    if (option.value !== undefined && option.value !== null)
      args[option.name] = String(option.value);
  }
  return args;
}

/** The platform-neutral request for a slash command. */
export function toRequest(interaction: ChatInputCommandInteraction): Request {
  return {
    platform: 'discord',
    channelId: interaction.channelId,
    userId: interaction.user.id,
    workspaceId: interaction.guildId ?? undefined,
    command: {
      command: interaction.commandName,
      subcommand: interaction.options.getSubcommand(false) ?? undefined,
      args: argsOf(interaction.options.data),
    },
  };
}

/**
 * The Discord front end: a gateway client with the Guilds intent that answers slash commands.
 * Every interaction is deferred first (Discord allows 3 s for the first response), then the
 * reply replaces the "thinking…" message and any further parts follow up.
 *
 * With `shards`, the client opens only those shards' gateway sessions, so Discord sends it only
 * their guilds' interactions; other processes serve the other shards. Posting (digests) goes
 * through REST, which needs no gateway session: any process can post to any channel.
 */
export function createDiscordAdapter(options: DiscordAdapterOptions): DigestAdapter {
  const { dispatch, log, shards } = options;
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    // The client-wide default; every send below sets it again so no path can forget it.
    allowedMentions: { parse: [] },
    ...(options.apiUrl ? { rest: { api: options.apiUrl } } : {}),
    ...(shards ? { shardCount: shards.count } : {}),
    ...(shards?.ids ? { shards: [...shards.ids] } : {}),
  });
  let started = false;

  async function answer(interaction: ChatInputCommandInteraction): Promise<void> {
    const where = { interaction: interaction.id, command: interaction.commandName };
    try {
      const command = options.registry.get(interaction.commandName);
      const subcommand = interaction.options.getSubcommand(false);
      await interaction.deferReply(
        isPrivate(command, subcommand) ? { flags: MessageFlags.Ephemeral } : {},
      );
    } catch (err) {
      // Too late (10062 Unknown interaction) or Discord is down: nobody is waiting for an answer.
      log.warn({ ...where, err }, 'could not defer the interaction');
      return;
    }
    try {
      const [first, ...rest] = renderDiscord(await dispatch(toRequest(interaction)));
      if (first) await interaction.editReply(first);
      for (const part of rest) await interaction.followUp(part);
    } catch (err) {
      log.error({ ...where, err }, 'could not deliver the reply');
    }
  }

  client.on(Events.InteractionCreate, (interaction) => {
    if (interaction.isChatInputCommand()) void answer(interaction);
  });
  client.on(Events.Error, (err) => log.error({ err }, 'discord client error'));
  client.on(Events.Warn, (message) => log.warn({ message }, 'discord client warning'));
  client.on(Events.ShardResume, (shard, replayed) =>
    log.info({ shard, replayed }, 'discord session resumed'),
  );
  client.on(Events.ShardDisconnect, (event, shard) =>
    log.warn({ shard, code: event.code }, 'discord gateway disconnected'),
  );

  return {
    platform: 'discord',
    async start() {
      const ready = new Promise<void>((resolve) =>
        client.once(Events.ClientReady, () => resolve()),
      );
      try {
        await client.login(options.token);
      } catch (error) {
        throw new PlatformLoginError(loginFailure(error), { cause: error });
      }
      await ready;
      started = true;
      log.info(
        {
          user: client.user?.tag,
          guilds: client.guilds.cache.size,
          shards: [...client.ws.shards.keys()],
          shardCount: client.options.shardCount,
        },
        'discord ready',
      );
    },
    async stop() {
      started = false;
      await client.destroy();
      log.info('discord client stopped');
    },
    /** Every shard of this process has a live gateway session (not connecting or resuming). */
    ready() {
      return (
        started &&
        client.ws.shards.size > 0 &&
        client.ws.shards.every((shard) => shard.status === Status.Ready)
      );
    },
    async publish(channelId, reply) {
      // The channel's guild may be on another process's shard, absent from this client's cache.
      const channel = await client.channels.fetch(channelId, { allowUnknownGuild: true });
      if (!channel?.isSendable()) {
        throw new Error(`Discord channel ${channelId} is not a channel the bot can post in`);
      }
      // One part at a time, in order; the REST client queues and retries 429s by itself.
      for (const part of renderDiscord(reply)) await channel.send(part);
    },
    /**
     * Whether a digest carrying `marker` is among the bot's last 50 messages in the channel: how a
     * restarted bot learns if a crashed one's post went out. The bot always sees its own messages'
     * content, so no privileged intent is needed.
     */
    async findDigest(channelId, marker) {
      const channel = await client.channels.fetch(channelId, { allowUnknownGuild: true });
      if (!channel?.isTextBased() || !('messages' in channel)) return false;
      const recent = await channel.messages.fetch({ limit: 50 });
      return recent.some(
        (m) =>
          m.author.id === client.user?.id &&
          (m.content.includes(marker) ||
            m.embeds.some((e) =>
              [e.title, e.description, e.footer?.text].some((t) => t?.includes(marker)),
            )),
      );
    },
  };
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  App,
  type RespondArguments,
  type RespondFn,
  type SlashCommand,
  SocketModeReceiver,
  type webApi,
} from '@slack/bolt';
import type { Logger } from 'pino';
import type { Config } from '../../config.ts';
import { type Dispatch, newInvocationId, userErrorReply } from '../../core/dispatch.ts';
import { UserError } from '../../core/errors.ts';
import { parseCommandText } from '../../core/parse-text.ts';
import type { Registry } from '../../core/registry.ts';
import type { Reply } from '../../core/reply.ts';
import type { HttpRoute } from '../../ops/ops-routes.ts';
import type { DigestAdapter } from '../../schedule/digest-adapter.ts';
import { PlatformLoginError } from '../platform-login-error.ts';
import { boltLogger } from './bolt-logger.ts';
import { renderSlack, type SlackMessage } from './render.ts';

/** How to reach Slack and what to answer with. */
export interface SlackAdapterOptions {
  /** Bot User OAuth Token (`xoxb-…`). */
  botToken: string;
  /** Verifies HTTP requests (v0 HMAC-SHA256); required in HTTP mode. */
  signingSecret?: string;
  /** App-level token (`xapp-…`): when set, Socket Mode instead of HTTP. */
  appToken?: string;
  /** Web API base, e.g. `https://slack.com/api/` (SLACK_API_URL); Socket Mode's connection call uses it too. */
  apiUrl?: string;
  /** HTTP mode: `POST /slack/events` and `routes` listen here; 0 picks a free port. */
  port: number;
  /**
   * HTTP mode: more GET routes on the same server (`/healthz`, `/readyz`, `/metrics`), since
   * PORT has room for one server. Default: a bare `GET /healthz`.
   */
  routes?: readonly HttpRoute[];
  /** HTTP mode: interface to listen on; all interfaces when unset. */
  host?: string;
  registry: Registry;
  dispatch: Dispatch;
  log: Logger;
  /** Web API retries (auth.test, chat.postMessage, apps.connections.open). Always bounded. */
  retryConfig?: webApi.RetryOptions;
  /** Web API request timeout in ms. */
  timeoutMs?: number;
  /**
   * HTTP mode: called with the ms from a `POST /slack/events` request arriving to its ack
   * leaving, for metrics and the ack benchmark. Acks slower than 1 s are also logged as warnings.
   */
  onAck?: (ms: number) => void;
}

/**
 * The connection settings from the validated config, or undefined when Slack is not configured
 * (no SLACK_BOT_TOKEN). Socket Mode when SLACK_APP_TOKEN is set, HTTP on PORT otherwise.
 */
export function slackOptionsFromConfig(
  config: Config,
):
  | Pick<SlackAdapterOptions, 'botToken' | 'signingSecret' | 'appToken' | 'apiUrl' | 'port'>
  | undefined {
  if (!config.SLACK_BOT_TOKEN) return undefined;
  return {
    botToken: config.SLACK_BOT_TOKEN,
    signingSecret: config.SLACK_SIGNING_SECRET,
    appToken: config.SLACK_APP_TOKEN,
    apiUrl: config.SLACK_API_URL,
    port: config.PORT ?? 3000,
  };
}

/** The Slack adapter, with the port it listens on once started in HTTP mode. */
export interface SlackAdapter extends DigestAdapter {
  readonly platform: 'slack';
  /** Actual HTTP port after `start()` in HTTP mode (useful with port 0); undefined in Socket Mode. */
  readonly port: number | undefined;
}

/**
 * Bounded by default: Bolt's own default retries for about 30 minutes, far longer than a reply
 * or a digest is worth waiting for. Waits after a 429 follow Slack's Retry-After on top of these.
 */
export const DEFAULT_RETRY: webApi.RetryOptions = {
  retries: 3,
  factor: 2,
  minTimeout: 1000,
  maxTimeout: 10_000,
};

/** A response_url takes at most 5 responses (https://api.slack.com/interactivity/handling#message_responses). */
const RESPONSE_URL_USES = 5;

const healthz = {
  path: '/healthz',
  method: ['GET'],
  handler: (_req: unknown, res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  },
};

/**
 * Slack through the real Bolt app. Every slash command is acknowledged at once (an empty ack,
 * before parsing or any store work), then answered through `respond()`: in the channel unless the
 * reply is ephemeral, split over several messages when Block Kit limits need it.
 */
export function createSlackAdapter(options: SlackAdapterOptions): SlackAdapter {
  const { registry, dispatch, log } = options;
  const socketMode = Boolean(options.appToken);
  const logger = boltLogger(log);
  const clientOptions = {
    slackApiUrl: options.apiUrl,
    retryConfig: options.retryConfig ?? DEFAULT_RETRY,
    timeout: options.timeoutMs ?? 10_000,
  };
  // Built here rather than by the App so that readiness can follow the socket's connection.
  const receiver =
    socketMode && options.appToken
      ? new SocketModeReceiver({
          appToken: options.appToken,
          logger,
          installerOptions: { clientOptions },
        })
      : undefined;
  const app = new App({
    token: options.botToken,
    signingSecret: options.signingSecret,
    appToken: options.appToken,
    socketMode,
    ...(receiver ? { receiver } : { port: options.port }),
    customRoutes: socketMode ? [] : [...(options.routes ?? [healthz])],
    logger,
    // Commands keep no conversation state; skipping the store saves work before the ack.
    convoStore: false,
    // auth.test runs in start(), where a bad token rejects with a clear error.
    deferInitialization: true,
    clientOptions,
  });
  let port: number | undefined;
  let started = false;
  // Socket Mode: up from Slack's hello until the socket closes (the client then reconnects).
  let connected = false;
  receiver?.client.on('connected', () => {
    connected = true;
  });
  for (const state of ['close', 'reconnecting', 'disconnecting', 'disconnected']) {
    receiver?.client.on(state, () => {
      connected = false;
    });
  }

  async function answer(command: SlashCommand): Promise<Reply> {
    try {
      const parsed = parseCommandText(registry, command.command, command.text ?? '');
      return await dispatch({
        platform: 'slack',
        channelId: command.channel_id,
        userId: command.user_id,
        workspaceId: command.team_id,
        command: parsed,
      });
    } catch (error) {
      if (error instanceof UserError) return userErrorReply(error);
      const id = newInvocationId();
      log.error({ err: error, invocation: id, command: command.command }, 'slack command failed');
      return {
        blocks: [
          { type: 'text', text: `Sorry, something went wrong on our side (reference ${id}).` },
        ],
        ephemeral: true,
      };
    }
  }

  async function deliver(command: SlashCommand, reply: Reply, respond: RespondFn): Promise<void> {
    const messages = renderSlack(reply);
    const responseType = reply.ephemeral ? 'ephemeral' : 'in_channel';
    for (const [i, message] of messages.entries()) {
      if (i < RESPONSE_URL_USES) {
        const args: RespondArguments = { response_type: responseType, ...message };
        await respond(args);
      } else if (reply.ephemeral) {
        await app.client.chat.postEphemeral({
          channel: command.channel_id,
          user: command.user_id,
          ...message,
        });
      } else {
        await post(command.channel_id, message);
      }
    }
  }

  async function post(channel: string, message: SlackMessage): Promise<void> {
    // No unfurls: a briefing cites several sources and their previews would bury the answer.
    await app.client.chat.postMessage({
      channel,
      ...message,
      unfurl_links: false,
      unfurl_media: false,
    });
  }

  app.command(/^\/.+/, async ({ command, ack, respond }) => {
    await ack();
    // Yield once so requests already waiting on the socket get their acks before this one's
    // work: under a burst, acks stay fast and the work queues behind them.
    await new Promise((resolve) => setImmediate(resolve));
    const reply = await answer(command);
    try {
      await deliver(command, reply, respond);
    } catch (error) {
      log.error(
        { err: error, command: command.command, channel: command.channel_id },
        'slack reply not delivered',
      );
    }
  });

  app.error(async (error) => {
    log.error({ err: error }, 'slack app error');
  });

  return {
    platform: 'slack',
    get port() {
      return port;
    },
    async start() {
      try {
        await app.init();
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        throw new PlatformLoginError(
          `Slack auth.test failed (${why}): check SLACK_BOT_TOKEN (OAuth & Permissions > Bot User OAuth Token) and SLACK_API_URL`,
          { cause: error },
        );
      }
      if (socketMode) {
        try {
          await app.start();
        } catch (error) {
          const why = error instanceof Error ? error.message : String(error);
          throw new PlatformLoginError(
            `Slack Socket Mode could not connect (${why}): check SLACK_APP_TOKEN (Basic Information > App-Level Tokens, with connections:write)`,
            { cause: error },
          );
        }
        started = true;
        log.info('slack connected over Socket Mode');
        return;
      }
      const server = await app.start(
        options.host ? { port: options.port, host: options.host } : options.port,
      );
      started = true;
      port = (server.address() as AddressInfo).port;
      server.on('request', (req: IncomingMessage, res: ServerResponse) => {
        if (req.method !== 'POST') return;
        const arrived = performance.now();
        res.once('finish', () => {
          const ms = performance.now() - arrived;
          options.onAck?.(ms);
          // Slack gives up on an ack after 3 s; a slow one is worth knowing about well before.
          if (ms > 1000) log.warn({ ms: Math.round(ms), status: res.statusCode }, 'slow slack ack');
        });
      });
      log.info({ port }, 'slack listening for events on POST /slack/events');
    },
    async stop() {
      // Safe to call when start() failed or never ran, as a shutdown path does.
      if (!started) return;
      started = false;
      await app.stop();
      port = undefined;
    },
    /** HTTP mode: listening for events; Socket Mode: the socket is connected. */
    ready() {
      return started && (!socketMode || connected);
    },
    async publish(channelId, reply) {
      for (const message of renderSlack(reply)) await post(channelId, message);
    },
    /**
     * Whether a digest carrying `marker` is among the bot's last 50 messages in the channel, so a
     * restarted bot knows if a crashed one's post went out (needs channels:history).
     */
    async findDigest(channelId, marker) {
      // Rare (crash recovery only): ask who we are rather than keep it from start.
      const me = await app.client.auth.test();
      const history = await app.client.conversations.history({ channel: channelId, limit: 50 });
      return (history.messages ?? []).some(
        (m) =>
          (m.bot_id === me.bot_id || m.user === me.user_id) &&
          (m.text?.includes(marker) || JSON.stringify(m.blocks ?? []).includes(marker)),
      );
    },
  };
}

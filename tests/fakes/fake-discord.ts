import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

/** A request the fake received on its REST API, decoded. */
export interface FakeRestCall {
  method: string;
  /** Path after `/api/v10`, percent-decoded (`@original`, not `%40original`). */
  path: string;
  query: URLSearchParams;
  body: unknown;
  authorization?: string;
  /** `performance.now()` when the body had arrived. */
  at: number;
}

/** A gateway frame the client sent. */
export interface FakeGatewayFrame {
  op: number;
  d: unknown;
  at: number;
  /** `[id, count]` of the session the socket belongs to; undefined before IDENTIFY or RESUME. */
  shard?: [number, number];
}

export interface FakeDiscordOptions {
  token?: string;
  /** Heartbeat interval sent in HELLO; short values make missed heartbeats quick to test. */
  heartbeatInterval?: number;
  /** `shards` of `GET /gateway/bot`: Discord's recommended shard count (default 1). */
  recommendedShards?: number;
  /**
   * `max_concurrency` of `GET /gateway/bot` (default 1). The client waits 5 s between two
   * IDENTIFYs of one bucket (`shard id % max_concurrency`), so tests with several shards raise it.
   */
  maxConcurrency?: number;
}

/** A guild of the fake and its one text channel. */
export interface FakeGuild {
  id: string;
  channelId: string;
}

/** The shard a guild belongs to, as Discord routes it: `(guild_id >> 22) % shard_count`. */
export function shardOf(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/** An error the fake answers instead of the route's normal response. */
export interface FakeFault {
  remaining: number;
  status: number;
  body: { message: string; code?: number; retry_after?: number; global?: boolean };
}

/** A 429 as Discord sends it; the client waits `retryAfter` seconds and retries by itself. */
export function rateLimited(retryAfter: number, times = 1): FakeFault {
  return {
    remaining: times,
    status: 429,
    body: { message: 'You are being rate limited.', retry_after: retryAfter, global: false },
  };
}

export interface SentInteraction {
  id: string;
  token: string;
  /** `performance.now()` just before INTERACTION_CREATE went out. */
  sentAt: number;
  /** The shard whose connection carried it. */
  shard: number;
}

/** Options of one slash-command interaction; values are strings as the commands' options are. */
export interface InteractionSpec {
  name: string;
  subcommand?: string;
  options?: Record<string, string>;
  /** Default: the fake's first guild. */
  guildId?: string;
  /** Default: the guild's channel. */
  channelId?: string;
  userId?: string;
}

/** One gateway session: what IDENTIFY started and RESUME picks up on a new socket. */
interface Session {
  id: string;
  shard: [number, number];
  sequence: number;
  ws: WebSocket;
}

let snowflakeCounter = 0n;
/**
 * A unique 19-digit snowflake (the REST client only treats 17-19 digit ids as ids). With `shard`
 * (`[id, count]`), one whose guild would live on that shard.
 */
export function snowflake(shard?: [number, number]): string {
  snowflakeCounter += 1n;
  let ms = BigInt(Date.now() - 1420070400000);
  if (shard) {
    const [id, count] = shard.map(BigInt) as [bigint, bigint];
    ms -= (((ms - id) % count) + count) % count;
  }
  return ((ms << 22n) + snowflakeCounter).toString();
}

/**
 * A fake Discord on 127.0.0.1: REST v10 (gateway discovery, interaction callbacks, webhook
 * edits and follow-ups, channel messages, command registration) and a JSON gateway (HELLO,
 * IDENTIFY, READY, GUILD_CREATE, heartbeats, RESUME, INTERACTION_CREATE) that the real
 * discord.js client logs in to. Everything it receives is recorded for assertions.
 *
 * Sharded like Discord: each IDENTIFY names its `shard: [id, count]`, and a guild's events
 * (READY's guild list, GUILD_CREATE, INTERACTION_CREATE) go only to the session of the guild's
 * shard, `(guild_id >> 22) % count`. Several sessions, from one client or several processes,
 * are served at once.
 */
export class FakeDiscord extends EventEmitter {
  readonly token: string;
  readonly applicationId = snowflake();
  readonly botId = this.applicationId;
  readonly userId = snowflake();
  /** Every guild, the first one (`guildId`, `channelId`) made at construction. */
  readonly guilds: FakeGuild[] = [];
  readonly guildId: string;
  readonly channelId: string;
  readonly calls: FakeRestCall[] = [];
  /** The same calls by `METHOD path`, so per-interaction lookups stay cheap under load. */
  readonly #byRoute = new Map<string, FakeRestCall[]>();
  readonly frames: FakeGatewayFrame[] = [];
  /** Close codes of the gateway sockets that have closed, in order. */
  readonly socketCloses: number[] = [];
  /** When false, heartbeats go unanswered and the client should reconnect and resume. */
  ackHeartbeats = true;
  /** Answers the next `remaining` requests whose path starts with the key with this error. */
  readonly faults = new Map<string, FakeFault>();

  readonly #http: Server;
  readonly #wss = new WebSocketServer({ noServer: true });
  readonly #heartbeatInterval: number;
  readonly #recommendedShards: number;
  readonly #maxConcurrency: number;
  /** Sessions by id; a RESUME moves one to its new socket. */
  readonly #sessions = new Map<string, Session>();
  /** The guild of each channel. */
  readonly #guildOfChannel = new Map<string, string>();

  constructor(options: FakeDiscordOptions = {}) {
    super();
    this.token = options.token ?? 'fake-bot-token';
    this.#heartbeatInterval = options.heartbeatInterval ?? 30_000;
    this.#recommendedShards = options.recommendedShards ?? 1;
    this.#maxConcurrency = options.maxConcurrency ?? 1;
    const first = this.addGuild();
    this.guildId = first.id;
    this.channelId = first.channelId;
    this.#http = createServer((req, res) => {
      this.#onRequest(req, res).catch((err: unknown) => {
        res.writeHead(500).end(String(err));
      });
    });
    this.#http.on('upgrade', (req, socket, head) => {
      this.#wss.handleUpgrade(req, socket, head, (ws) => this.#onSocket(ws));
    });
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.#http.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get port(): number {
    return (this.#http.address() as AddressInfo).port;
  }

  /** The `rest.api` / `DISCORD_API_URL` value: no `/v10`, the client adds it. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}/gateway`;
  }

  /**
   * A new guild with one text channel; with `shard` (`[id, count]`), on that shard. A session
   * already serving its shard gets its GUILD_CREATE at once, as when a bot is added to a server.
   */
  addGuild(shard?: [number, number]): FakeGuild {
    const guild = { id: snowflake(shard), channelId: snowflake() };
    this.guilds.push(guild);
    this.#guildOfChannel.set(guild.channelId, guild.id);
    const session = this.#sessionFor(guild.id);
    if (session) this.#dispatch(session, 'GUILD_CREATE', this.#guild(guild));
    return guild;
  }

  /** The live session (its latest socket open) that serves a guild's shard. */
  #sessionFor(guildId: string): Session | undefined {
    let found: Session | undefined;
    for (const s of this.#sessions.values()) {
      const [id, count] = s.shard;
      if (s.ws.readyState === s.ws.OPEN && shardOf(guildId, count) === id) found = s;
    }
    return found;
  }

  /** Gateway frames the client sent with this opcode. */
  framesOf(op: number): FakeGatewayFrame[] {
    return this.frames.filter((f) => f.op === op);
  }

  /** REST calls whose method matches and whose decoded path matches the pattern. */
  callsTo(method: string, path: RegExp): FakeRestCall[] {
    return this.calls.filter((c) => c.method === method && path.test(c.path));
  }

  /** Resolves when `check` holds, re-checked on every request and frame and every 10 ms; rejects after `ms`. */
  waitFor<T>(check: () => T | undefined | false, ms = 5000, what = 'condition'): Promise<T> {
    return new Promise((resolve, reject) => {
      const test = () => {
        const value = check();
        if (value === undefined || value === false) return;
        cleanup();
        resolve(value);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`FakeDiscord: timed out after ${ms} ms waiting for ${what}`));
      }, ms);
      // Also polled: the condition may depend on the bot's side (a command starting its run).
      const poll = setInterval(test, 10);
      const cleanup = () => {
        clearTimeout(timer);
        clearInterval(poll);
        this.off('activity', test);
      };
      this.on('activity', test);
      test();
    });
  }

  /**
   * Sends INTERACTION_CREATE for a slash command, with the full payload Discord sends, on the
   * session of the guild's shard; throws when no session serves that shard.
   */
  sendInteraction(spec: InteractionSpec): SentInteraction {
    const id = snowflake();
    const token = `aW50ZXJhY3Rpb246${id}:${Math.random().toString(36).slice(2)}`;
    const guild = this.guilds.find((g) => g.id === (spec.guildId ?? this.guildId));
    if (!guild) throw new Error(`FakeDiscord: no guild ${spec.guildId}`);
    const session = this.#sessionFor(guild.id);
    if (!session) throw new Error(`FakeDiscord: no gateway session serves guild ${guild.id}`);
    const guildId = guild.id;
    const channelId = spec.channelId ?? guild.channelId;
    const user = this.#user(spec.userId ?? this.userId, 'reader');
    const values = Object.entries(spec.options ?? {}).map(([name, value]) => ({
      type: 3,
      name,
      value,
    }));
    const options = spec.subcommand
      ? [{ type: 1, name: spec.subcommand, options: values }]
      : values;
    const payload = {
      id,
      application_id: this.applicationId,
      type: 2,
      token,
      version: 1,
      data: { id: snowflake(), name: spec.name, type: 1, options, guild_id: guildId },
      guild: { id: guildId, locale: 'en-US', features: [] },
      guild_id: guildId,
      channel_id: channelId,
      channel: {
        id: channelId,
        type: 0,
        guild_id: guildId,
        name: 'news',
        position: 0,
        flags: 0,
        parent_id: null,
        topic: null,
        nsfw: false,
        last_message_id: null,
        rate_limit_per_user: 0,
        permissions: '2248473465835073',
      },
      member: {
        user,
        roles: [],
        joined_at: '2024-01-01T00:00:00.000000+00:00',
        premium_since: null,
        deaf: false,
        mute: false,
        flags: 0,
        pending: false,
        nick: null,
        avatar: null,
        banner: null,
        communication_disabled_until: null,
        unusual_dm_activity_until: null,
        permissions: '2248473465835073',
      },
      locale: 'en-US',
      guild_locale: 'en-US',
      app_permissions: '2248473465835073',
      entitlements: [],
      authorizing_integration_owners: { '0': guildId },
      context: 0,
      attachment_size_limit: 10_485_760,
    };
    const sentAt = performance.now();
    this.#dispatch(session, 'INTERACTION_CREATE', payload);
    return { id, token, sentAt, shard: session.shard[0] };
  }

  /**
   * Closes the gateway sockets (only the one of shard `shard` when given); 4000 ("unknown
   * error") is resumable, so the client RESUMEs; 4004 ("authentication failed") is final.
   */
  dropConnection(code = 4000, shard?: number): void {
    for (const s of this.#sessions.values()) {
      if (shard === undefined || s.shard[0] === shard) s.ws.close(code, 'fake: dropped');
    }
  }

  /** The deferred callback (type 5) of an interaction, once it has arrived. */
  deferOf(interaction: SentInteraction): FakeRestCall | undefined {
    return this.#recorded(
      'POST',
      `/interactions/${interaction.id}/${interaction.token}/callback`,
    ).find((c) => (c.body as { type?: number }).type === 5);
  }

  /** The edit of the `@original` response of an interaction, once it has arrived. */
  editOf(interaction: SentInteraction): FakeRestCall | undefined {
    return this.#recorded(
      'PATCH',
      `/webhooks/${this.applicationId}/${interaction.token}/messages/@original`,
    )[0];
  }

  /** Follow-up messages of an interaction, in arrival order. */
  followUpsOf(interaction: SentInteraction): FakeRestCall[] {
    return [...this.#recorded('POST', `/webhooks/${this.applicationId}/${interaction.token}`)];
  }

  async close(): Promise<void> {
    for (const ws of this.#wss.clients) ws.terminate();
    this.#wss.close();
    this.#http.closeAllConnections();
    await new Promise<void>((resolve) => this.#http.close(() => resolve()));
  }

  #recorded(method: string, path: string): readonly FakeRestCall[] {
    return this.#byRoute.get(`${method} ${path}`) ?? [];
  }

  #user(id: string, username: string, bot = false) {
    return {
      id,
      username,
      global_name: username,
      discriminator: '0',
      avatar: null,
      bot,
      public_flags: 0,
      flags: 0,
      avatar_decoration_data: null,
      collectibles: null,
      primary_guild: null,
    };
  }

  #send(ws: WebSocket, op: number, d: unknown, t: string | null = null, s: number | null = null) {
    ws.send(JSON.stringify({ op, d, s, t }));
  }

  #dispatch(session: Session, t: string, d: unknown): void {
    session.sequence += 1;
    this.#send(session.ws, 0, d, t, session.sequence);
  }

  #onSocket(ws: WebSocket): void {
    // Set by IDENTIFY or RESUME. A socket whose session has moved to a newer socket (a resume
    // after a zombie connection) is ignored, as Discord ignores a replaced connection.
    let session: Session | undefined;
    ws.on('message', (raw) => {
      if (session && session.ws !== ws) return;
      const frame = JSON.parse(String(raw)) as { op: number; d: unknown };
      this.frames.push({ ...frame, at: performance.now(), shard: session?.shard });
      session = this.#onFrame(ws, frame) ?? session;
      this.emit('activity');
    });
    ws.on('close', (code) => {
      this.socketCloses.push(code);
      this.emit('activity');
    });
    this.#send(ws, 10, { heartbeat_interval: this.#heartbeatInterval, _trace: ['fake-discord'] });
  }

  /** Handles one frame; returns the session the socket now belongs to, if that changed. */
  #onFrame(ws: WebSocket, frame: { op: number; d: unknown }): Session | undefined {
    switch (frame.op) {
      case 1:
        if (this.ackHeartbeats) this.#send(ws, 11, null);
        return undefined;
      case 2: {
        const d = frame.d as { token?: string; shard?: [number, number] };
        if (d.token !== this.token) {
          ws.close(4004, 'Authentication failed.');
          return undefined;
        }
        const shard = d.shard ?? [0, 1];
        const session: Session = { id: `session-${snowflake()}`, shard, sequence: 0, ws };
        this.#sessions.set(session.id, session);
        const mine = this.guilds.filter((g) => shardOf(g.id, shard[1]) === shard[0]);
        this.#dispatch(session, 'READY', {
          v: 10,
          user: {
            ...this.#user(this.botId, 'newsbrief', true),
            verified: true,
            mfa_enabled: false,
          },
          guilds: mine.map((g) => ({ id: g.id, unavailable: true })),
          session_id: session.id,
          session_type: 'normal',
          resume_gateway_url: this.gatewayUrl,
          shard,
          application: { id: this.applicationId, flags: 0 },
          private_channels: [],
          relationships: [],
          presences: [],
          guild_join_requests: [],
          geo_ordered_rtc_regions: [],
          auth: {},
          _trace: ['fake-discord'],
        });
        for (const g of mine) this.#dispatch(session, 'GUILD_CREATE', this.#guild(g));
        return session;
      }
      case 6: {
        const d = frame.d as { session_id?: string };
        const session = this.#sessions.get(d.session_id ?? '');
        if (!session) {
          this.#send(ws, 9, false);
          return undefined;
        }
        session.ws = ws;
        this.#dispatch(session, 'RESUMED', { _trace: ['fake-discord'] });
        return session;
      }
      default:
        return undefined;
    }
  }

  #guild(guild: FakeGuild) {
    return {
      id: guild.id,
      name: 'Newsroom',
      icon: null,
      owner_id: this.userId,
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      roles: [
        {
          id: guild.id,
          name: '@everyone',
          color: 0,
          hoist: false,
          position: 0,
          permissions: '2248473465835073',
          managed: false,
          mentionable: false,
          flags: 0,
        },
      ],
      emojis: [],
      stickers: [],
      features: [],
      mfa_level: 0,
      system_channel_id: null,
      system_channel_flags: 0,
      rules_channel_id: null,
      vanity_url_code: null,
      description: null,
      banner: null,
      premium_tier: 0,
      preferred_locale: 'en-US',
      public_updates_channel_id: null,
      nsfw_level: 0,
      premium_progress_bar_enabled: false,
      joined_at: '2024-01-01T00:00:00.000000+00:00',
      large: false,
      unavailable: false,
      member_count: 2,
      members: [],
      voice_states: [],
      presences: [],
      threads: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
      channels: [this.#channel(guild.channelId)],
    };
  }

  #channel(id: string) {
    return {
      id,
      type: 0,
      guild_id: this.#guildOfChannel.get(id),
      name: 'news',
      position: 0,
      permission_overwrites: [],
      topic: null,
      nsfw: false,
      last_message_id: null,
      rate_limit_per_user: 0,
      parent_id: null,
      flags: 0,
    };
  }

  async #onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const raw = Buffer.concat(chunks).toString('utf8');
    const call: FakeRestCall = {
      method: req.method ?? 'GET',
      path: decodeURIComponent(url.pathname.replace(/^\/api\/v10/, '')),
      query: url.searchParams,
      body: raw && req.headers['content-type']?.includes('json') ? JSON.parse(raw) : raw,
      authorization: req.headers.authorization,
      at: performance.now(),
    };
    this.calls.push(call);
    const key = `${call.method} ${call.path}`;
    const same = this.#byRoute.get(key);
    if (same) same.push(call);
    else this.#byRoute.set(key, [call]);
    try {
      this.#route(call, res);
    } finally {
      this.emit('activity');
    }
  }

  #json(res: ServerResponse, status: number, body?: unknown): void {
    if (body === undefined) {
      res.writeHead(status).end();
      return;
    }
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }

  /** Messages posted to channels (not interaction replies), oldest first. */
  readonly #history: ReturnType<FakeDiscord['messageOf']>[] = [];

  /** A message object as Discord returns it (used for history). */
  messageOf(channelId: string, body: unknown) {
    return this.#message(channelId, body);
  }

  #message(channelId: string, body: unknown, extra: Record<string, unknown> = {}) {
    const b = (body ?? {}) as Record<string, unknown>;
    return {
      id: snowflake(),
      type: 0,
      channel_id: channelId,
      author: this.#user(this.botId, 'newsbrief', true),
      content: b.content ?? '',
      embeds: b.embeds ?? [],
      attachments: [],
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      flags: b.flags ?? 0,
      components: [],
      ...extra,
    };
  }

  #route(call: FakeRestCall, res: ServerResponse): void {
    const { method, path } = call;
    for (const [prefix, fault] of this.faults) {
      if (path.startsWith(prefix) && fault.remaining > 0) {
        fault.remaining -= 1;
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (fault.body.retry_after !== undefined)
          headers['retry-after'] = String(fault.body.retry_after);
        res.writeHead(fault.status, headers).end(JSON.stringify(fault.body));
        return;
      }
    }
    const webhookRoute = path.startsWith('/webhooks/') || path.startsWith('/interactions/');
    if (!webhookRoute && call.authorization !== `Bot ${this.token}`) {
      this.#json(res, 401, { message: '401: Unauthorized', code: 0 });
      return;
    }
    const route = (m: string, re: RegExp) => (method === m ? re.exec(path) : null);
    const webhook =
      route('PATCH', /^\/webhooks\/(\d+)\/[^/]+\/messages\/@original$/) ??
      route('POST', /^\/webhooks\/(\d+)\/[^/]+$/);
    const channel = route('GET', /^\/channels\/(\d+)$/);
    const channelPost = route('POST', /^\/channels\/(\d+)\/messages$/);
    if (route('GET', /^\/gateway(\/bot)?$/)) {
      this.#json(res, 200, {
        url: this.gatewayUrl,
        shards: this.#recommendedShards,
        session_start_limit: {
          total: 1000,
          remaining: 999,
          reset_after: 14_400_000,
          max_concurrency: this.#maxConcurrency,
        },
      });
    } else if (route('POST', /^\/interactions\/\d+\/[^/]+\/callback$/)) {
      this.#json(res, 204);
    } else if (webhook) {
      this.#json(res, 200, this.#message(this.channelId, call.body, { webhook_id: webhook[1] }));
    } else if (channel) {
      if (this.#guildOfChannel.has(channel[1]!)) this.#json(res, 200, this.#channel(channel[1]!));
      else this.#json(res, 404, { message: 'Unknown Channel', code: 10003 });
    } else if (channelPost) {
      const message = this.#message(channelPost[1]!, call.body);
      this.#history.push(message);
      this.#json(res, 200, message);
    } else if (route('GET', /^\/channels\/(\d+)\/messages$/)) {
      const id = path.split('/')[2];
      // Newest first, as Discord lists a channel's history.
      this.#json(
        res,
        200,
        this.#history
          .filter((m) => m.channel_id === id)
          .reverse()
          .slice(0, 50),
      );
    } else if (route('PUT', /^\/applications\/\d+(\/guilds\/\d+)?\/commands$/)) {
      const commands = Array.isArray(call.body) ? (call.body as Record<string, unknown>[]) : [];
      this.#json(
        res,
        200,
        commands.map((c) => ({
          ...c,
          id: snowflake(),
          application_id: this.applicationId,
          version: snowflake(),
        })),
      );
    } else {
      this.#json(res, 404, { message: `fake: no route for ${method} ${path}`, code: 0 });
    }
  }
}

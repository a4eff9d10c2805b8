import { createHmac, randomUUID } from 'node:crypto';
import { Agent, createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

/** One Web API call the fake received. `args` holds form fields, with `blocks` parsed from JSON. */
export interface WebApiCall {
  method: string;
  args: Record<string, unknown>;
  authorization: string | undefined;
  at: number;
}

/** One POST to a response_url. */
export interface ResponsePost {
  /** The id in `/response/:id`, i.e. which command it answers. */
  id: string;
  body: Record<string, unknown>;
  at: number;
}

/** Bolt's answer to a Socket Mode envelope. */
export interface EnvelopeAck {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

export interface FakeSlackOptions {
  botToken?: string;
  appToken?: string;
}

/**
 * A fake Slack on 127.0.0.1: the Web API (`POST /api/:method`), a response_url sink
 * (`POST /response/:id`) and a Socket Mode WebSocket server (`/link`). Everything it receives is
 * recorded for assertions.
 */
export interface FakeSlack {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** What the adapter takes as `apiUrl`. */
  readonly apiUrl: string;
  readonly calls: WebApiCall[];
  readonly responses: ResponsePost[];
  /** A response_url that lands in `responses` with this id; ids starting `gone` get 404. */
  responseUrl(id: string): string;
  /** The next `times` calls of `method` get HTTP 429 with `Retry-After: seconds`. */
  rateLimit(method: string, seconds: number, times?: number): void;
  /** Resolves once `count` responses arrived, or rejects after `timeoutMs`. */
  waitForResponses(count: number, timeoutMs?: number): Promise<ResponsePost[]>;
  /** Resolves once a Socket Mode client is connected and has been sent hello. */
  waitForSocket(timeoutMs?: number): Promise<void>;
  /** Sends a slash_commands envelope to the connected Socket Mode client; resolves with its ack. */
  sendSlashCommand(payload: Record<string, unknown>, timeoutMs?: number): Promise<EnvelopeAck>;
  /** Resolves when no Socket Mode client is connected any more. */
  waitForSocketClosed(timeoutMs?: number): Promise<void>;
  /** Closes every Socket Mode connection from Slack's side; the client reconnects by itself. */
  dropSockets(): void;
  close(): Promise<void>;
}

/** The `X-Slack-Signature` for a body: `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<body>`. */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** A realistic slash-command form body, as Slack posts it. */
export function slashCommandBody(fields: {
  command: string;
  text: string;
  responseUrl: string;
  channelId?: string;
  userId?: string;
  teamId?: string;
}): Record<string, string> {
  return {
    token: 'legacy-verification-token',
    team_id: fields.teamId ?? 'T0001',
    team_domain: 'newsroom',
    channel_id: fields.channelId ?? 'C0001',
    channel_name: 'general',
    user_id: fields.userId ?? 'U0001',
    user_name: 'reporter',
    command: fields.command,
    text: fields.text,
    api_app_id: 'A0001',
    is_enterprise_install: 'false',
    response_url: fields.responseUrl,
    trigger_id: '1234.5678.abcdef',
  };
}

/** Keep-alive connections, like Slack's own: the ack time is then Bolt's, not TCP setup's. */
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

/**
 * Posts a correctly signed slash command to Bolt's `/slack/events` (or with the given headers
 * broken). `ms` runs from sending the request to the end of the ack's body. node:http, not fetch:
 * it adds less of its own time to what is measured.
 */
export function postSlashCommand(
  eventsUrl: string,
  secret: string,
  fields: Record<string, string>,
  override?: { timestamp?: number; signature?: string; omit?: readonly string[] },
): Promise<{ status: number; body: string; ms: number }> {
  const body = new URLSearchParams(fields).toString();
  const timestamp = override?.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string | number> = {
    'content-type': 'application/x-www-form-urlencoded',
    'content-length': Buffer.byteLength(body),
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': override?.signature ?? slackSignature(secret, timestamp, body),
  };
  for (const name of override?.omit ?? []) delete headers[name];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(eventsUrl, { method: 'POST', headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString('utf8'),
          ms: performance.now() - started,
        }),
      );
      res.on('error', reject);
    });
    req.setTimeout(10_000, () => req.destroy(new Error('slash command request timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function json(res: ServerResponse, status: number, body: unknown, headers = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function formArgs(raw: string, type: string | undefined): Record<string, unknown> {
  if (type?.includes('application/json')) return raw ? JSON.parse(raw) : {};
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = key === 'blocks' || key === 'attachments' ? JSON.parse(value) : value;
  }
  return args;
}

function until<T>(check: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      const value = check();
      if (value !== undefined) return resolve(value);
      if (Date.now() - started > timeoutMs)
        return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(tick, 5);
    };
    tick();
  });
}

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const botToken = options.botToken ?? 'xoxb-test-token';
  const appToken = options.appToken ?? 'xapp-test-token';
  const calls: WebApiCall[] = [];
  const responses: ResponsePost[] = [];
  const limits = new Map<string, { seconds: number; times: number }>();
  const sockets = new Set<WebSocket>();
  const acks = new Map<string, (ack: EnvelopeAck) => void>();
  let ts = 1_700_000_000;

  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const raw = await readBody(req);
    const response = /^\/response\/([^/]+)$/.exec(path);
    if (req.method === 'POST' && response) {
      // Like an expired or already used response_url.
      if (response[1]?.startsWith('gone'))
        return json(res, 404, { ok: false, error: 'expired_url' });
      responses.push({ id: response[1] ?? '', body: JSON.parse(raw), at: performance.now() });
      return json(res, 200, { ok: true });
    }
    const api = /^\/api\/([a-zA-Z.]+)$/.exec(path);
    if (req.method !== 'POST' || !api) return json(res, 404, { ok: false, error: 'not_found' });
    const method = api[1] ?? '';
    const authorization = req.headers.authorization;
    const args = formArgs(raw, req.headers['content-type']);
    calls.push({ method, args, authorization, at: performance.now() });
    const limit = limits.get(method);
    if (limit && limit.times > 0) {
      limit.times -= 1;
      return json(
        res,
        429,
        { ok: false, error: 'ratelimited' },
        { 'retry-after': String(limit.seconds) },
      );
    }
    const bearer = (token: string) => authorization === `Bearer ${token}`;
    switch (method) {
      case 'auth.test':
        if (!bearer(botToken)) return json(res, 200, { ok: false, error: 'invalid_auth' });
        return json(res, 200, {
          ok: true,
          url: 'https://newsroom.example/',
          team: 'Newsroom',
          user: 'newsbrief',
          team_id: 'T0001',
          user_id: 'UBOT',
          bot_id: 'BBOT',
        });
      case 'apps.connections.open':
        if (!bearer(appToken)) return json(res, 200, { ok: false, error: 'invalid_auth' });
        return json(res, 200, {
          ok: true,
          url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/link?ticket=${randomUUID()}`,
        });
      case 'conversations.history': {
        if (!bearer(botToken)) return json(res, 200, { ok: false, error: 'invalid_auth' });
        // The channel's posted messages, newest first, as the bot wrote them.
        const messages = calls
          .filter((c) => c.method === 'chat.postMessage' && c.args.channel === args.channel)
          .map((c, i) => ({
            type: 'message',
            bot_id: 'BBOT',
            user: 'UBOT',
            ts: `${i + 1}.000100`,
            text: c.args.text,
            blocks: c.args.blocks,
          }))
          .reverse()
          .slice(0, Number(args.limit ?? 100));
        return json(res, 200, { ok: true, messages, has_more: false });
      }
      case 'chat.postMessage':
      case 'chat.postEphemeral': {
        if (!bearer(botToken)) return json(res, 200, { ok: false, error: 'invalid_auth' });
        ts += 1;
        return json(res, 200, {
          ok: true,
          channel: args.channel,
          ts: `${ts}.000100`,
          message_ts: `${ts}.000100`,
        });
      }
      default:
        return json(res, 200, { ok: false, error: 'unknown_method' });
    }
  });

  const wss = new WebSocketServer({ server, path: '/link' });
  wss.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('message', (data) => {
      const ack = JSON.parse(String(data)) as EnvelopeAck;
      acks.get(ack.envelope_id)?.(ack);
      acks.delete(ack.envelope_id);
    });
    socket.send(
      JSON.stringify({
        type: 'hello',
        num_connections: sockets.size,
        debug_info: { host: 'fake-slack', approximate_connection_time: 18060 },
        connection_info: { app_id: 'A0001' },
      }),
    );
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    apiUrl: `${url}/api/`,
    calls,
    responses,
    responseUrl: (id) => `${url}/response/${encodeURIComponent(id)}`,
    rateLimit(method, seconds, times = 1) {
      limits.set(method, { seconds, times });
    },
    waitForResponses(count, timeoutMs = 10_000) {
      return until(
        () => (responses.length >= count ? responses : undefined),
        timeoutMs,
        `${count} responses (have ${responses.length})`,
      );
    },
    async waitForSocket(timeoutMs = 10_000) {
      await until(() => (sockets.size > 0 ? true : undefined), timeoutMs, 'a socket');
    },
    sendSlashCommand(payload, timeoutMs = 10_000) {
      const socket = [...sockets][0];
      if (!socket) return Promise.reject(new Error('no Socket Mode client connected'));
      const envelopeId = randomUUID();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          acks.delete(envelopeId);
          reject(new Error(`no ack for envelope ${envelopeId}`));
        }, timeoutMs);
        acks.set(envelopeId, (ack) => {
          clearTimeout(timer);
          resolve(ack);
        });
        socket.send(
          JSON.stringify({
            envelope_id: envelopeId,
            type: 'slash_commands',
            payload,
            accepts_response_payload: true,
          }),
        );
      });
    },
    async waitForSocketClosed(timeoutMs = 10_000) {
      await until(() => (sockets.size === 0 ? true : undefined), timeoutMs, 'sockets to close');
    },
    dropSockets() {
      for (const socket of sockets) socket.close(1001, 'fake: going away');
    },
    async close() {
      for (const socket of sockets) socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

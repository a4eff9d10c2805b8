import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One chat-completions request as the fake server received it. */
export interface FakeChatRequest {
  // biome-ignore lint/suspicious/noExplicitAny: the request body is whatever the client sent.
  body: any;
  messages: { role: string; content: string }[];
  headers: IncomingMessage['headers'];
  /** The prompt tokens the fake bills for it (chars/4 per message, plus 4 framing tokens). */
  promptTokens: number;
}

/** How the fake answers one request. */
export type FakeReply =
  | { content: string; delayMs?: number; completionTokens?: number }
  | { status: number; message?: string; headers?: Record<string, string> }
  | { hang: true };

export type FakeResponder = (request: FakeChatRequest) => FakeReply;

/** A scriptable OpenAI-compatible server on 127.0.0.1, for tests and the token benchmark. */
export interface FakeOpenAi {
  /** Base URL for the SDK, ending in `/v1`. */
  readonly baseURL: string;
  /** Every chat-completions request received, in order. */
  readonly requests: FakeChatRequest[];
  /** Replies for the next requests, in order; once used up, the default answers. */
  enqueue(...replies: (FakeReply | FakeResponder)[]): void;
  /** What answers when the queue is empty (initially: a 500 saying nothing is scripted). */
  setDefault(reply: FakeReply | FakeResponder): void;
  /** Empties the queue and the recorded requests. */
  reset(): void;
  close(): Promise<void>;
}

export interface FakeOpenAiOptions {
  /** Refuse `response_format` with a 400, as some local servers do. */
  rejectJsonMode?: boolean;
  model?: string;
}

/** The fake's own, deliberately simple token count: chars/4 per message. */
export function fakeTokens(messages: readonly { content: string }[]): number {
  return messages.reduce((sum, m) => sum + Math.ceil(m.content.length / 4) + 4, 0);
}

/** Ready-made replies for the usual scripts. */
export const fakeReplies = {
  json: (answer: unknown, delayMs?: number): FakeReply => ({
    content: JSON.stringify(answer),
    ...(delayMs ? { delayMs } : {}),
  }),
  text: (content: string): FakeReply => ({ content }),
  slow: (delayMs: number, answer: unknown = { status: 'ok', points: [] }): FakeReply => ({
    content: JSON.stringify(answer),
    delayMs,
  }),
  // `retry-after-ms` keeps the SDK's backoff short in tests.
  rateLimited: (retryAfterMs = 5): FakeReply => ({
    status: 429,
    message: 'Rate limit reached',
    headers: { 'retry-after-ms': String(retryAfterMs) },
  }),
  serverError: (status = 500, retryAfterMs = 5): FakeReply => ({
    status,
    message: 'The server had an error while processing your request',
    headers: { 'retry-after-ms': String(retryAfterMs) },
  }),
  hang: (): FakeReply => ({ hang: true }),
};

function readBody(req: IncomingMessage, limit = 5_000_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new Error('request body too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** Starts the fake on 127.0.0.1 on a free port. Close it in `afterAll`. */
export async function startFakeOpenAi(options: FakeOpenAiOptions = {}): Promise<FakeOpenAi> {
  const model = options.model ?? 'fake-model';
  const requests: FakeChatRequest[] = [];
  const queue: (FakeReply | FakeResponder)[] = [];
  let fallback: FakeReply | FakeResponder = { status: 500, message: 'no reply scripted' };
  const timers = new Set<NodeJS.Timeout>();
  const hanging = new Set<ServerResponse>();

  const answer = (res: ServerResponse, request: FakeChatRequest, reply: FakeReply): void => {
    if ('hang' in reply) {
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      return;
    }
    if ('status' in reply) {
      sendJson(
        res,
        reply.status,
        { error: { message: reply.message ?? 'error', type: 'fake_error', code: null } },
        reply.headers,
      );
      return;
    }
    const completion = reply.completionTokens ?? Math.ceil(reply.content.length / 4);
    const send = () =>
      sendJson(res, 200, {
        id: `chatcmpl-fake-${requests.length}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model,
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: reply.content, refusal: null },
            finish_reason: 'stop',
            logprobs: null,
          },
        ],
        usage: {
          prompt_tokens: request.promptTokens,
          completion_tokens: completion,
          total_tokens: request.promptTokens + completion,
        },
      });
    if (!reply.delayMs) {
      send();
      return;
    }
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!res.destroyed) send();
    }, reply.delayMs);
    timers.add(timer);
    res.on('close', () => {
      clearTimeout(timer);
      timers.delete(timer);
    });
  };

  const server = createServer(async (req, res) => {
    try {
      const path = (req.url ?? '').split('?')[0];
      if (req.method === 'GET' && path === '/v1/models') {
        sendJson(res, 200, {
          object: 'list',
          data: [{ id: model, object: 'model', created: 0, owned_by: 'fake' }],
        });
        return;
      }
      if (req.method !== 'POST' || path !== '/v1/chat/completions') {
        sendJson(res, 404, { error: { message: `no route ${req.method} ${path}` } });
        return;
      }
      const body = JSON.parse(await readBody(req));
      const messages = Array.isArray(body.messages) ? body.messages : [];
      const request: FakeChatRequest = {
        body,
        messages,
        headers: req.headers,
        promptTokens: fakeTokens(messages),
      };
      requests.push(request);
      if (options.rejectJsonMode && body.response_format) {
        sendJson(res, 400, {
          error: {
            message: "Unsupported parameter: 'response_format' is not supported by this server",
            type: 'invalid_request_error',
            param: 'response_format',
          },
        });
        return;
      }
      const next = queue.shift() ?? fallback;
      answer(res, request, typeof next === 'function' ? next(request) : next);
    } catch (error) {
      sendJson(res, 400, { error: { message: `bad request: ${(error as Error).message}` } });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    enqueue: (...replies) => {
      queue.push(...replies);
    },
    setDefault: (reply) => {
      fallback = reply;
    },
    reset: () => {
      queue.length = 0;
      requests.length = 0;
    },
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}

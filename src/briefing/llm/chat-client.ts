import type OpenAI from 'openai';
import type { Logger } from 'pino';
import type { Metrics } from '../../ops/metrics.ts';

// The SDK loads on the first request, not at import: every `/brief` of an extractive-only bot
// and every CLI command would otherwise pay for loading it.
type Sdk = typeof import('openai');
let sdk: Sdk | undefined;
async function loadSdk(): Promise<Sdk> {
  sdk ??= await import('openai');
  return sdk;
}

/** One chat turn sent to the model. */
export interface ChatMessage {
  role: 'system' | 'user';
  content: string;
}

/** The model's reply and what it cost, as the server reports it. */
export interface ChatResult {
  content: string;
  usage?: { promptTokens: number; completionTokens: number; totalTokens: number };
  model: string;
}

export interface ChatClientOptions {
  apiKey?: string;
  baseURL?: string;
  model: string;
  /** Per attempt; the SDK retries timeouts, 408, 409, 429 and 5xx with backoff. */
  timeoutMs: number;
  maxRetries: number;
  log: Logger;
  /** Counts the tokens each request used, as the server reports them. */
  metrics?: Pick<Metrics, 'llmTokens'>;
}

/** What talks to the model; the briefer takes one so it never sees HTTP. */
export interface ChatClient {
  complete(messages: readonly ChatMessage[]): Promise<ChatResult>;
}

// Parameters some OpenAI-compatible servers refuse with a 400; we then ask again without them.
const OPTIONAL_PARAMS = ['response_format', 'temperature'] as const;

/** A short, loggable reason a request failed, without the request or any key. */
export function describeFailure(error: unknown): string {
  // An SDK error exists only once the SDK has loaded.
  const { APIConnectionTimeoutError, APIError } = sdk ?? {};
  if (APIConnectionTimeoutError && error instanceof APIConnectionTimeoutError)
    return 'the LLM server did not answer in time';
  if (APIError && error instanceof APIError && error.status !== undefined) {
    if (error.status === 429) return 'the LLM server is rate limiting (429)';
    if (error.status === 401) return 'the LLM server rejected OPENAI_API_KEY (401)';
    if (error.status === 404) return 'the LLM server does not know OPENAI_MODEL or the URL (404)';
    if (error.status >= 500) return `the LLM server failed (${error.status})`;
    return `the LLM server refused the request (${error.status})`;
  }
  if (APIError && error instanceof APIError) return 'the LLM server could not be reached';
  return error instanceof Error ? error.message : String(error);
}

/**
 * Chat completions through the `openai` SDK against any OpenAI-compatible server. Asks for a
 * JSON object at temperature 0; a server that rejects either parameter is asked again without it,
 * and not sent it again.
 */
export function createChatClient(options: ChatClientOptions): ChatClient {
  const { log } = options;
  const forward =
    (level: 'info' | 'warn' | 'error') =>
    (message: string): void =>
      log[level]({ llm: 'sdk' }, message);
  const connect = async (): Promise<OpenAI> =>
    new (await loadSdk()).default({
      // Local servers (Ollama, llama.cpp) need no key, but the SDK insists on one.
      apiKey: options.apiKey ?? 'not-needed',
      ...(options.baseURL ? { baseURL: options.baseURL } : {}),
      timeout: options.timeoutMs,
      maxRetries: options.maxRetries,
      logLevel: 'info',
      logger: {
        error: forward('error'),
        warn: forward('warn'),
        info: forward('info'),
        debug: () => {},
      },
    });
  let client: OpenAI | undefined;
  const unsupported = new Set<string>();

  return {
    async complete(messages) {
      client ??= await connect();
      for (;;) {
        try {
          const response = await client.chat.completions.create({
            model: options.model,
            messages: messages.map((m) => ({ role: m.role, content: m.content })),
            ...(unsupported.has('temperature') ? {} : { temperature: 0 }),
            ...(unsupported.has('response_format')
              ? {}
              : { response_format: { type: 'json_object' as const } }),
          });
          const usage = response.usage;
          if (usage) {
            options.metrics?.llmTokens({
              prompt: usage.prompt_tokens,
              completion: usage.completion_tokens,
            });
          }
          return {
            content: response.choices[0]?.message?.content ?? '',
            model: response.model ?? options.model,
            ...(usage
              ? {
                  usage: {
                    promptTokens: usage.prompt_tokens,
                    completionTokens: usage.completion_tokens,
                    totalTokens: usage.total_tokens,
                  },
                }
              : {}),
          };
        } catch (error) {
          const param =
            error instanceof (await loadSdk()).APIError && error.status === 400
              ? OPTIONAL_PARAMS.find((p) => !unsupported.has(p) && error.message.includes(p))
              : undefined;
          if (!param) throw error;
          log.warn({ param }, 'LLM server refuses a parameter; asking again without it');
          unsupported.add(param);
        }
      }
    },
  };
}

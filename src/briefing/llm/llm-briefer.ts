import type { Logger } from 'pino';
import { dedupeQuotes } from '../../analysis/quotes/dedupe-quotes.ts';
import type { Passage, StoredQuote } from '../../store/store.ts';
import type { Briefer, Briefing } from '../briefing.ts';
import { type PromptName, renderPrompt } from '../prompts/render-prompt.ts';
import {
  type ChatClient,
  type ChatClientOptions,
  type ChatMessage,
  createChatClient,
  describeFailure,
} from './chat-client.ts';
import { estimateTokens } from './estimate-tokens.ts';
import { formatPassages } from './format-passages.ts';
import { MalformedAnswerError, parseAnswer } from './parse-answer.ts';
import { cacheKey, ResponseCache } from './response-cache.ts';
import { verifyAnswer } from './verify-answer.ts';

/** What retrieval found for a query: ranked passages and the quote index's hits. */
export interface Evidence {
  passages: Passage[];
  quotes: StoredQuote[];
}

export interface LlmBrieferOptions {
  /** `OPENAI_API_KEY`; local servers need none. */
  apiKey?: string;
  /** `OPENAI_BASE_URL`: any OpenAI-compatible server, e.g. `http://localhost:11434/v1`. */
  baseURL?: string;
  /** `OPENAI_MODEL`. */
  model: string;
  /** Ranked passages and quote index hits for a topic or question. */
  retrieve(query: string, options?: { since?: string }): Promise<Evidence>;
  /** The extractive summarizer: used when the LLM fails or too little survives verification. */
  fallback: Briefer & { digest?(topics: readonly string[], since?: string): Promise<Briefing> };
  log: Logger;
  /** Milliseconds since the epoch; the cache's TTL runs on it. */
  clock?: () => number;
  /** How long an answer is reused for the same prompt, passages and model (default 10 min). */
  cacheTtlMs?: number;
  /** Prompt tokens per request, instructions and passages together (default 3,000). */
  maxPromptTokens?: number;
  /** Per attempt (default 20 s). */
  timeoutMs?: number;
  /** Retries of timeouts, 429 and 5xx, with the SDK's backoff (default 2). */
  maxRetries?: number;
  /** Share of a point's words its cited passages must contain (default 0.5). */
  minSupport?: number;
  /** Talks to the model; by default the `openai` SDK with the options above. */
  chat?: ChatClient;
  /** Where the default chat client counts tokens. */
  metrics?: ChatClientOptions['metrics'];
}

/** Counters since the briefer was made, for logs and the token benchmark. */
export interface LlmStats {
  requests: number;
  cacheHits: number;
  fallbacks: number;
  promptTokens: number;
  completionTokens: number;
}

/** A `Briefer` that writes with an LLM, plus digests over several topics. */
export interface LlmBriefer extends Briefer {
  digest(topics: readonly string[], since?: string): Promise<Briefing>;
  stats(): LlmStats;
}

type Task =
  | { kind: 'brief'; topic: string; since?: string }
  | { kind: 'ask'; question: string }
  | { kind: 'digest'; topics: readonly string[]; since?: string };

/** A cached decision: the LLM's verified briefing, or why the extractive one is used instead. */
type Outcome = { kind: 'llm'; briefing: Briefing } | { kind: 'fallback'; reason: string };

const USER_MARKER = '<!-- user -->';
/** Fewest points that must survive verification for the LLM's answer to be used. */
const MIN_POINTS: Record<Task['kind'], number> = { brief: 2, digest: 2, ask: 1 };
export const NOT_IN_SOURCES = 'Not in the sources.';

function subject(task: Task): string {
  if (task.kind === 'brief') return task.topic;
  if (task.kind === 'ask') return task.question;
  return task.topics.join(', ');
}

function variables(task: Task, passages: string): Record<string, string> {
  if (task.kind === 'brief') return { topic: task.topic, passages };
  if (task.kind === 'ask') return { question: task.question, passages };
  return { topics: task.topics.join(', '), since: task.since ?? 'the last digest', passages };
}

/** Instructions go to the system message; the topic and the passages (untrusted) to the user's. */
function messages(name: PromptName, vars: Record<string, string>): ChatMessage[] {
  const rendered = renderPrompt(name, vars);
  const at = rendered.indexOf(USER_MARKER);
  if (at < 0) throw new Error(`Prompt "${name}" lacks the ${USER_MARKER} line`);
  return [
    { role: 'system', content: rendered.slice(0, at).trim() },
    { role: 'user', content: rendered.slice(at + USER_MARKER.length).trim() },
  ];
}

function promptTokens(chat: readonly ChatMessage[]): number {
  // About four tokens of chat framing per message.
  return chat.reduce((sum, m) => sum + estimateTokens(m.content) + 4, 0);
}

/** Passages of several topics taken in turn, so each topic keeps its best ones within budget. */
function interleave(lists: readonly Evidence[]): Evidence {
  const passages: Passage[] = [];
  const seen = new Set<string>();
  const longest = Math.max(0, ...lists.map((l) => l.passages.length));
  for (let i = 0; i < longest; i++) {
    for (const list of lists) {
      const p = list.passages[i];
      if (p && !seen.has(`${p.articleId}:${p.paragraph}`)) {
        seen.add(`${p.articleId}:${p.paragraph}`);
        passages.push(p);
      }
    }
  }
  // Topics found the same quote, or the same words in other copies: each is given once.
  return { passages, quotes: dedupeQuotes(lists.flatMap((l) => l.quotes)) };
}

/**
 * The LLM summarizer: retrieval's passages, numbered and delimited as data, go to any
 * OpenAI-compatible model within a token budget; its answer is verified against those passages
 * and the quote index before anything is returned. On a timeout, 429 or 5xx after the SDK's
 * retries, malformed JSON, or too little surviving verification, it returns the extractive
 * briefing with a note saying why. Answers are cached by prompt, passages and model.
 */
export function createLlmBriefer(options: LlmBrieferOptions): LlmBriefer {
  const {
    model,
    retrieve,
    fallback,
    log,
    clock = Date.now,
    cacheTtlMs = 10 * 60_000,
    maxPromptTokens = 3000,
    timeoutMs = 20_000,
    maxRetries = 2,
    minSupport = 0.5,
  } = options;
  const chat =
    options.chat ??
    createChatClient({
      ...(options.apiKey ? { apiKey: options.apiKey } : {}),
      ...(options.baseURL ? { baseURL: options.baseURL } : {}),
      model,
      timeoutMs,
      maxRetries,
      log,
      ...(options.metrics ? { metrics: options.metrics } : {}),
    });
  const cache = new ResponseCache<Outcome>(cacheTtlMs, clock);
  const inFlight = new Map<string, Promise<Outcome>>();
  const stats: LlmStats = {
    requests: 0,
    cacheHits: 0,
    fallbacks: 0,
    promptTokens: 0,
    completionTokens: 0,
  };

  async function extractive(task: Task, reason?: string): Promise<Briefing> {
    if (reason !== undefined) {
      stats.fallbacks++;
      log.warn({ task: task.kind, reason }, 'LLM answer not used; extractive briefing instead');
    }
    const briefing =
      task.kind === 'brief'
        ? await fallback.brief(task.topic, task.since ? { since: task.since } : undefined)
        : task.kind === 'ask'
          ? await fallback.ask(task.question)
          : fallback.digest
            ? await fallback.digest(task.topics, task.since)
            : await fallback.brief(task.topics.join(' '), task.since ? { since: task.since } : {});
    if (reason === undefined) return briefing;
    const note = `The LLM's answer was not used: ${reason}. This is the extractive summary.`;
    return { ...briefing, note: briefing.note ? `${note} ${briefing.note}` : note };
  }

  async function evidenceFor(task: Task): Promise<Evidence> {
    if (task.kind === 'ask') return retrieve(task.question);
    if (task.kind === 'brief') return retrieve(task.topic, task.since ? { since: task.since } : {});
    const since = task.since ? { since: task.since } : {};
    return interleave(await Promise.all(task.topics.map((t) => retrieve(t, since))));
  }

  async function askModel(
    task: Task,
    chatMessages: ChatMessage[],
    evidence: Evidence,
    shown: ReturnType<typeof formatPassages>['shown'],
  ): Promise<Outcome> {
    const started = performance.now();
    stats.requests++;
    let content: string;
    try {
      const result = await chat.complete(chatMessages);
      content = result.content;
      stats.promptTokens += result.usage?.promptTokens ?? 0;
      stats.completionTokens += result.usage?.completionTokens ?? 0;
      log.info(
        {
          task: task.kind,
          model: result.model,
          promptTokens: result.usage?.promptTokens,
          completionTokens: result.usage?.completionTokens,
          totalTokens: result.usage?.totalTokens,
          estimatedPromptTokens: promptTokens(chatMessages),
          passages: shown.length,
          ms: Math.round(performance.now() - started),
        },
        'LLM request',
      );
    } catch (error) {
      // Transient: not cached, the next request asks again.
      throw new TransientFailure(describeFailure(error), { cause: error });
    }
    let answer: ReturnType<typeof parseAnswer>;
    try {
      answer = parseAnswer(content);
    } catch (error) {
      if (error instanceof MalformedAnswerError) {
        return { kind: 'fallback', reason: `its reply was malformed (${error.message})` };
      }
      throw error;
    }
    const verified = verifyAnswer(answer, shown, evidence.quotes, { minSupport });
    if (verified.dropped.length > 0) {
      log.info(
        { task: task.kind, dropped: verified.dropped },
        'LLM answer: parts failed verification',
      );
    }
    if (answer.notInSources) {
      if (task.kind !== 'ask') {
        return { kind: 'fallback', reason: 'the model found nothing on it in the passages' };
      }
      return {
        kind: 'llm',
        briefing: {
          topic: subject(task),
          points: [{ text: NOT_IN_SOURCES }],
          numbers: [],
          quotes: [],
          sources: [],
          summarizer: 'llm',
        },
      };
    }
    const min = MIN_POINTS[task.kind];
    if (verified.points.length < min) {
      return {
        kind: 'fallback',
        reason: `${verified.points.length} of its ${answer.points.length} points survived verification (at least ${min} needed)`,
      };
    }
    return {
      kind: 'llm',
      briefing: {
        topic: subject(task),
        points: verified.points,
        numbers: verified.numbers,
        quotes: verified.quotes,
        sources: verified.sources,
        summarizer: 'llm',
      },
    };
  }

  async function run(task: Task): Promise<Briefing> {
    const evidence = await evidenceFor(task);
    if (evidence.passages.length === 0) return extractive(task);
    const name: PromptName = task.kind;
    const overhead = promptTokens(messages(name, variables(task, '')));
    const formatted = formatPassages(evidence.passages, { budget: maxPromptTokens - overhead });
    if (formatted.withheld.length > 0) {
      log.warn(
        { task: task.kind, articles: [...new Set(formatted.withheld.map((p) => p.articleId))] },
        'passages that address the model were withheld from it',
      );
    }
    if (formatted.shown.length === 0) {
      return extractive(task, 'no passage fitted the prompt budget');
    }
    const chatMessages = messages(name, variables(task, formatted.text));
    const key = cacheKey(model, chatMessages);
    let outcome = cache.get(key);
    if (outcome) {
      stats.cacheHits++;
      log.info(
        { task: task.kind, cached: true, promptTokens: 0, completionTokens: 0 },
        'LLM cache hit',
      );
    } else {
      let pending = inFlight.get(key);
      if (!pending) {
        pending = askModel(task, chatMessages, evidence, formatted.shown).finally(() =>
          inFlight.delete(key),
        );
        inFlight.set(key, pending);
      }
      try {
        outcome = await pending;
      } catch (error) {
        if (error instanceof TransientFailure) return extractive(task, error.message);
        throw error;
      }
      cache.set(key, outcome);
    }
    // A copy, so a caller that edits its briefing cannot edit the cache.
    return outcome.kind === 'llm'
      ? structuredClone(outcome.briefing)
      : extractive(task, outcome.reason);
  }

  return {
    brief: (topic, opts) =>
      run({ kind: 'brief', topic, ...(opts?.since ? { since: opts.since } : {}) }),
    ask: (question) => run({ kind: 'ask', question }),
    digest: (topics, since) => run({ kind: 'digest', topics, ...(since ? { since } : {}) }),
    stats: () => ({ ...stats }),
  };
}

/** A failure worth asking again next time (timeout, 429, 5xx): never cached. */
class TransientFailure extends Error {
  override readonly name = 'TransientFailure';
}

import pino, { type Logger } from 'pino';
import { redactUrls } from './redact-url.ts';

/** Secrets never reach a log line, whatever object they ride in. */
const REDACT = [
  '*.token',
  '*.DISCORD_TOKEN',
  '*.SLACK_BOT_TOKEN',
  '*.SLACK_APP_TOKEN',
  '*.SLACK_SIGNING_SECRET',
  '*.OPENAI_API_KEY',
  '*.apiKey',
  '*.authorization',
  '*.headers.authorization',
  'config.*',
];

/**
 * A log value with the credentials and secret query parameters of every URL in it removed
 * (`OPENAI_BASE_URL=http://user:pass@host/v1?api-key=…`, a feed URL with a token, an error
 * message that quotes either). Errors are serialised here, as pino would, so their messages are
 * scrubbed too.
 */
function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactUrls(value);
  if (value === null || typeof value !== 'object' || depth > 5) return value;
  if (value instanceof Error) {
    // A copy of the same class, so pino serialises it as the error it is.
    const copy = Object.create(Object.getPrototypeOf(value)) as Error;
    for (const [k, v] of Object.entries(value))
      (copy as never as Record<string, unknown>)[k] = scrub(v, depth + 1);
    Object.defineProperties(copy, {
      message: { value: redactUrls(value.message), enumerable: false },
      stack: { value: value.stack && redactUrls(value.stack), enumerable: false },
      ...(value.cause !== undefined && { cause: { value: scrub(value.cause, depth + 1) } }),
    });
    return copy;
  }
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrub(v, depth + 1);
  return out;
}

/**
 * The process logger, on stderr so that stdout carries only replies and `--json` output:
 * pretty in a terminal, JSON lines otherwise.
 */
export function createLogger(
  level: string,
  pretty = process.stderr.isTTY === true,
  /** Where JSON lines go (default stderr); tests pass a stream. */
  destination?: pino.DestinationStream,
): Logger {
  const options = {
    level,
    redact: { paths: REDACT, censor: '[redacted]' },
    base: { app: 'newsbrief' },
    formatters: {
      bindings: (bindings: Record<string, unknown>) => scrub(bindings) as Record<string, unknown>,
      log: (object: Record<string, unknown>) => scrub(object) as Record<string, unknown>,
    },
    // pino skips the bindings formatter for child loggers (`log.child({ feed })`): the fields
    // that carry URLs there are scrubbed by name.
    serializers: Object.fromEntries(
      ['feed', 'url', 'origin', 'baseURL'].map((key) => [key, scrub]),
    ),
    hooks: {
      logMethod(args: unknown[], method: (...args: unknown[]) => void) {
        method.apply(
          this,
          args.map((a) => (typeof a === 'string' ? redactUrls(a) : a)),
        );
      },
    },
  };
  if (pretty) {
    return pino({
      ...options,
      transport: {
        target: 'pino-pretty',
        options: { destination: 2, colorize: true, ignore: 'pid,hostname,app' },
      },
    });
  }
  return pino(options, destination ?? pino.destination({ dest: 2, sync: true }));
}

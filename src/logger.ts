import pino, { type Logger } from 'pino';

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
 * The process logger, on stderr so that stdout carries only replies and `--json` output:
 * pretty in a terminal, JSON lines otherwise.
 */
export function createLogger(level: string, pretty = process.stderr.isTTY === true): Logger {
  const options = {
    level,
    redact: { paths: REDACT, censor: '[redacted]' },
    base: { app: 'newsbrief' },
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
  return pino(options, pino.destination({ dest: 2, sync: true }));
}

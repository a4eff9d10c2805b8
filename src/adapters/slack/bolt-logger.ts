import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from 'pino';

function line(parts: unknown[]): [Record<string, unknown>, string] {
  const err = parts.find((p) => p instanceof Error);
  const text = parts
    .filter((p) => p !== err)
    .map((p) => (typeof p === 'string' ? p : JSON.stringify(p)))
    .join(' ');
  return [err ? { err } : {}, text];
}

/**
 * Bolt's and the Web API client's logs through our pino logger, so they are JSON lines with
 * the rest. `setLevel` is ignored on purpose: Bolt calls it with its own default, and LOG_LEVEL
 * (the pino level) is the one setting that decides.
 */
export function boltLogger(log: Logger): BoltLogger {
  let child = log.child({ lib: 'bolt' });
  return {
    debug: (...msg) => {
      // Bolt logs every request at debug: skip building the line when nobody reads it.
      if (child.isLevelEnabled('debug')) child.debug(...line(msg));
    },
    info: (...msg) => child.info(...line(msg)),
    warn: (...msg) => child.warn(...line(msg)),
    error: (...msg) => child.error(...line(msg)),
    setLevel: () => {},
    getLevel: () => {
      const level = log.level;
      if (level === 'debug' || level === 'trace') return LogLevel.DEBUG;
      if (level === 'warn') return LogLevel.WARN;
      if (level === 'error' || level === 'fatal' || level === 'silent') return LogLevel.ERROR;
      return LogLevel.INFO;
    },
    setName: (name) => {
      child = log.child({ lib: name });
    },
  };
}

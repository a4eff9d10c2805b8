import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../../src/paths.ts';

/** A log line of the bot (pino JSON on stderr). */
export type LogLine = Record<string, unknown> & { msg?: string };

/** `newsbrief start` in a child process, as a user runs it, with its output captured. */
export interface BotProcess {
  readonly child: ChildProcess;
  readonly logs: LogLine[];
  /** stdout so far (the console bot's replies). */
  readonly stdout: () => string;
  /** stderr lines that are not JSON (a crash's stack, say), for failure messages. */
  readonly rawStderr: string[];
  /** Resolves with the first log line whose `msg` is `msg`; rejects after `ms` or if it exits. */
  waitForLog(msg: string, ms?: number): Promise<LogLine>;
  /** Resolves with the exit code. */
  readonly exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL after 10 s; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Resolves when `check` returns a value, polled every 20 ms; rejects after `ms`. */
export async function until<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  ms: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Runs `node bin/newsbrief.js start` (or `args`) with only PATH and `env` set. Killed after
 * `lifetimeMs` whatever happens, so a stuck bot never outlives its test.
 */
export function startBotProcess(
  env: Record<string, string>,
  options: { cwd: string; args?: string[]; nodeArgs?: string[]; lifetimeMs?: number },
): BotProcess {
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), join(ROOT, 'bin/newsbrief.js'), ...(options.args ?? ['start'])],
    { cwd: options.cwd, env: { PATH: process.env.PATH, ...env }, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const logs: LogLine[] = [];
  const rawStderr: string[] = [];
  let out = '';
  let pending = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    pending += d;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      try {
        logs.push(JSON.parse(line) as LogLine);
      } catch {
        rawStderr.push(line);
      }
    }
  });
  const killer = setTimeout(() => child.kill('SIGKILL'), options.lifetimeMs ?? 120_000);
  let code: number | null | undefined;
  const exited = new Promise<number | null>((resolve) => {
    child.on('close', (c) => {
      clearTimeout(killer);
      code = c;
      resolve(c);
    });
  });
  return {
    child,
    logs,
    rawStderr,
    stdout: () => out,
    exited,
    waitForLog: (msg, ms = 60_000) =>
      until(
        () => {
          const line = logs.find((l) => l.msg === msg);
          if (line) return line;
          if (code !== undefined) {
            throw new Error(
              `the bot exited (${code}) before logging "${msg}":\n${rawStderr.join('\n')}`,
            );
          }
          return undefined;
        },
        ms,
        `the log line "${msg}"`,
      ),
    async stop() {
      if (code !== undefined) return code;
      child.kill('SIGTERM');
      const hard = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const c = await exited;
      clearTimeout(hard);
      return c;
    },
  };
}

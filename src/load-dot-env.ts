import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from './config.ts';

/** `NAME=value`, optionally `export NAME=value`: the lines Node's `.env` parser reads. */
const ASSIGNMENT = /^[ \t]*(?:export[ \t]+)?[A-Za-z_][A-Za-z0-9_]*[ \t]*=[ \t]*(.*)$/;
const QUOTES = new Set(['"', "'", '`']);

/**
 * The 1-based number of the first line Node's parser would misread, or undefined. Node skips a
 * line without `=` but glues it to the next line's name (`GARBAGE\nTOKEN=x` sets no TOKEN), so a
 * stray line silently loses the variable after it. A quoted value may span lines up to its
 * closing quote, as Node reads it; an unclosed quote is a literal, one-line value.
 */
export function badDotEnvLine(text: string): number | undefined {
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (/^[ \t]*(#|$)/.test(line)) continue;
    const value = ASSIGNMENT.exec(line)?.[1];
    if (value === undefined) return i + 1;
    const quote = value[0] ?? '';
    if (!QUOTES.has(quote) || value.indexOf(quote, 1) !== -1) continue;
    const close = lines.findIndex((l, j) => j > i && l.includes(quote));
    if (close !== -1) i = close;
  }
  return undefined;
}

/**
 * Reads `.env` from the working directory into `process.env` with Node's own parser
 * (`process.loadEnvFile`), as `.env.example` promises. Only when the file exists; a variable
 * already set in the environment wins over the file (Node never overrides one). Runs before the
 * config is validated, so a bad value in `.env` is reported like any other.
 */
export function loadDotEnv(dir: string = process.cwd()): void {
  const path = join(dir, '.env');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    throw new ConfigError(`${path} could not be read (${code ?? String(error)})`);
  }
  // Never quote the line itself: it may hold a token.
  if (text.startsWith('\uFEFF')) {
    throw new ConfigError(
      `${path} starts with a byte-order mark, which hides its first variable: save it as UTF-8 without BOM`,
    );
  }
  const bad = badDotEnvLine(text);
  if (bad !== undefined) {
    throw new ConfigError(
      `${path} line ${bad} is not NAME=value: fix it or comment it out with # (see .env.example)`,
    );
  }
  process.loadEnvFile(path);
}

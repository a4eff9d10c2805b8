import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The node flags a checkout's bin runs with: those of its shebang (`#!/usr/bin/env -S node …`),
 * which `npx newsbrief` uses and `npm start` repeats. A bench that spawns `node bin/newsbrief.js`
 * passes them, so it measures the process users start (a baseline checkout's with its own flags).
 */
export function binNodeFlags(root: string): string[] {
  const shebang = readFileSync(join(root, 'bin', 'newsbrief.js'), 'utf8').split('\n', 1)[0] ?? '';
  const flags = /^#!\S*env(?: -S)? node\b(.*)$/.exec(shebang)?.[1] ?? '';
  return flags.split(/\s+/).filter(Boolean);
}

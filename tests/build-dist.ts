import { execFileSync } from 'node:child_process';
import { ROOT } from '../src/paths.ts';

/**
 * vitest's global setup. The CLI tests run `bin/newsbrief.js` as users do, on the build in dist/:
 * it is brought up to date here, once, so that test files running in parallel never race to
 * rebuild it.
 */
export function setup(): void {
  execFileSync(process.execPath, ['scripts/build.js', '--if-stale'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
}

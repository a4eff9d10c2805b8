import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ROOT } from '../paths.ts';

/**
 * A worker's entry module `<name>` beside the module at `here` (its `import.meta.url`), always
 * the compiled `.js`: from the build that module is in, or, when running the sources (tsx,
 * vitest), from dist/, which `npm install`, the bin and vitest's global setup keep up to date.
 * A worker cannot run the `.ts` sources on Node 20: tsx's hooks, registered inside a worker,
 * miss the modules it imports later (`await import('./sqlite-store.ts')` fails).
 */
export function workerEntry(name: string, here: string): string {
  if (!here.endsWith('.ts')) return new URL(`./${name}.js`, here).href;
  const dir = relative(ROOT, fileURLToPath(new URL('.', here)));
  const built = join(ROOT, 'dist', dir, `${name}.js`);
  if (!existsSync(built)) throw new Error(`${built} is missing: run npm run build`);
  return pathToFileURL(built).href;
}

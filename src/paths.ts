import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository (or installed package) root, whatever the working directory: the nearest folder
 * above this module with a package.json, since the module runs from src/ (tsx, vitest) as well
 * as from dist/src/ (the build).
 */
function packageRoot(): string {
  const here = fileURLToPath(import.meta.url);
  let dir = dirname(here);
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`no package.json in any folder above ${here}`);
    dir = up;
  }
  return dir;
}

export const ROOT = packageRoot();

/** The bundled sample articles, ingested at first start. */
export const SAMPLES = join(ROOT, 'samples');

/** The prompt templates, one Markdown file per task. */
export const PROMPTS = join(ROOT, 'prompts');

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository (or installed package) root, whatever the working directory. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The bundled sample articles, ingested at first start. */
export const SAMPLES = join(ROOT, 'samples');

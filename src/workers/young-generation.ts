import { setFlagsFromString } from 'node:v8';

/**
 * `resourceLimits` giving a worker thread a young generation of `mb` MB (V8 splits it into two
 * semi-spaces and one for large objects). A process-wide `--max-semi-space-size` overrides that
 * for every isolate started after it; the bin passes one to keep the receiving thread's young
 * generation small (see `bin/newsbrief.js`). By the time a pool starts, the main thread's heap is
 * made, so unsetting the flag here leaves that thread as it is and lets each worker have its size.
 */
export function youngGeneration(mb: number): { maxYoungGenerationSizeMb: number } {
  setFlagsFromString('--max-semi-space-size=0');
  return { maxYoungGenerationSizeMb: mb };
}

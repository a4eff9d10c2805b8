import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { commandWorkerLimits } from '../../src/workers/command-pool.ts';

/**
 * A worker that keeps ~12 MB live (a command worker's steady state) while making garbage that
 * survives a scavenge or two, so that it is promoted into the old generation, as a burst of
 * briefings does; reports the largest heap it had, in MB.
 */
function peakHeapMbOf(resourceLimits: Worker['resourceLimits']): Promise<number> {
  const code = `
    const { getHeapStatistics } = require('node:v8');
    const live = Array.from({ length: 12000 }, (_, i) => 'k'.repeat(1000) + i);
    const ring = new Array(2000).fill(null);
    let peak = 0;
    for (let i = 0; i < 1e6; i++) {
      ring[i % ring.length] = { i, s: 'x'.repeat(200) + i, a: [i, i + 1, i + 2] };
      if (i % 1000 === 0) peak = Math.max(peak, getHeapStatistics().total_heap_size);
    }
    require('node:worker_threads').parentPort.postMessage([peak / 1048576, live.length]);
  `;
  const worker = new Worker(code, { eval: true, resourceLimits });
  return new Promise((resolve, reject) => {
    worker.once('message', ([mb]: [number]) => {
      resolve(mb);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

describe('a command worker`s heap', () => {
  it('collects its promoted garbage before the heap is much larger than what is live', async () => {
    // With V8's default limit the heap grew to 50-53 MB here (old generation growing up to 4x
    // between full collections); with the pool's limit, 24-29 MB. The bound follows from V8's
    // cap of 1.3x (plus an 8 MB step and the young generation), not from the machine's speed.
    expect(await peakHeapMbOf(commandWorkerLimits())).toBeLessThan(38);
  });
});

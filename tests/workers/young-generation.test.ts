import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { binNodeFlags } from '../../scripts/bin-node-flags.ts';
import { ROOT } from '../../src/paths.ts';
import { youngGeneration } from '../../src/workers/young-generation.ts';

/**
 * A worker that allocates short-lived objects, some surviving a scavenge or two (what makes V8
 * grow a young generation), and reports its new space's size in MB.
 */
function newSpaceMbOf(resourceLimits: { maxYoungGenerationSizeMb: number }): Promise<number> {
  const code = `
    const { getHeapSpaceStatistics } = require('node:v8');
    let kept = [];
    for (let i = 0; i < 3e5; i++) {
      kept.push({ i, s: 'x'.repeat(i % 50) });
      if (kept.length > 5e4) kept = [];
    }
    const space = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
    require('node:worker_threads').parentPort.postMessage(space.space_size / 1048576);
  `;
  const worker = new Worker(code, { eval: true, resourceLimits });
  return new Promise((resolve, reject) => {
    worker.once('message', (mb: number) => {
      resolve(mb);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

describe('young generations: small on the receiving thread, sized per worker pool', () => {
  afterEach(() => setFlagsFromString('--max-semi-space-size=0'));

  it('under the bin`s process-wide flag, a worker gets the size its pool asks for', async () => {
    expect(binNodeFlags(ROOT)).toContain('--max-semi-space-size=1');
    setFlagsFromString('--max-semi-space-size=1'); // what the bin's shebang sets at start
    // Without the reset the flag wins over the worker's own limit...
    expect(await newSpaceMbOf({ maxYoungGenerationSizeMb: 96 })).toBeLessThanOrEqual(2);
    // ...with it, a prepare worker grows past it and a command worker stays small.
    expect(await newSpaceMbOf(youngGeneration(96))).toBeGreaterThan(8);
    expect(await newSpaceMbOf(youngGeneration(3))).toBeLessThanOrEqual(2);
  });

  // Each of V8's background threads keeps its own malloc arena; the bin asks for 2, not 4.
  it.runIf(existsSync('/proc/self/task'))('the bin`s flags start two fewer V8 threads', () => {
    const threads = (flags: string[]) =>
      Number(
        spawnSync(
          process.execPath,
          [...flags, '-e', "console.log(require('fs').readdirSync('/proc/self/task').length)"],
          { encoding: 'utf8' },
        ).stdout.trim(),
      );
    expect(threads(binNodeFlags(ROOT))).toBe(threads([]) - 2);
  });

  it('npm start runs the bot with the same node flags as the bin', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const flags = binNodeFlags(ROOT).join(' ');
    expect(pkg.scripts.start).toBe(`node ${flags} bin/newsbrief.js start`);
  });
});

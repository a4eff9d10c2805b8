/**
 * `npm run bench:digest`: 1,000 channels due in the same minute, posted through the rate-limited
 * publisher to a fake platform on 127.0.0.1 that allows 50 messages/s and answers 429 with
 * Retry-After beyond it. Floor: 1,000 / 50 = 20 s; target <= 1.2x; duplicates 0, lost 0.
 * Options: --channels N --rate R --runs K (medians are printed when K > 1).
 */
import { digestFanOut } from '../tests/schedule/fixtures/digest-fan-out.ts';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : Number.NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

const channels = arg('channels', 1000);
const perSecond = arg('rate', 50);
const runs = arg('runs', 1);
const times: number[] = [];
let failed = false;
for (let run = 1; run <= runs; run++) {
  const r = await digestFanOut({ channels, perSecond });
  times.push(r.ms);
  const ratio = r.ms / r.floorMs;
  console.log(
    `run ${run}: ${r.channels} channels in ${(r.ms / 1000).toFixed(2)} s; floor ${(r.floorMs / 1000).toFixed(1)} s; ` +
      `${ratio.toFixed(3)}x (target <= 1.2x); duplicates ${r.duplicates}; lost ${r.lost}; ` +
      `posted ${r.tick.posted}; failed ${r.tick.failed}; requests ${r.requests}; 429s ${r.rateLimited}; ` +
      `peak ${r.peakPerSecond}/s; paced at ${r.learnedLimit ?? '-'}/s`,
  );
  if (r.duplicates > 0 || r.lost > 0 || ratio > 1.2) failed = true;
}
if (runs > 1) {
  const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? 0;
  console.log(`median of ${runs}: ${(median / 1000).toFixed(2)} s`);
}
process.exitCode = failed ? 1 : 0;

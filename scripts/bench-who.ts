/**
 * `npm run bench:who`: `/who` latency as the bot answers it (`createApp`, then `dispatch`) on the
 * real-text store of `scripts/real-corpus.ts` (100,000 articles by default), for the most-quoted
 * names of the corpus and a rarer one: the first asking in the process and the median of the
 * askings after it. "trump" is the hard case: some 140,000 quotes under 56 speaker keys, and 225
 * keys that hold the word.
 *
 * `--store postgres` answers from the same corpus copied into PostgreSQL by `bench:brief --store
 * postgres` (`DATABASE_URL`, or the bench cluster, as there); pass its database URL with `--db`.
 *
 *   tsx scripts/bench-who.ts [--articles 100000] [--repeat 9] [--names trump,clinton,…] [--db URL]
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { realStore } from './real-corpus.ts';

const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '100000' },
    repeat: { type: 'string', default: '9' },
    names: { type: 'string', default: 'trump,clinton,sanders,rubio,comey,axelrod' },
    db: { type: 'string' },
  },
});

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const db = values.db ?? (await realStore(Number(values.articles)));
const where = db.startsWith('postgres://') ? { DATABASE_URL: db } : { NEWSBRIEF_DB: db };
const app = await createApp(loadConfig(where), pino({ level: 'silent' }));
const who = async (query: string) => {
  const start = performance.now();
  await app.dispatch({
    platform: 'console',
    channelId: 'bench',
    userId: 'bench',
    command: { command: 'who', args: { query } },
  });
  return performance.now() - start;
};

console.log(
  `/who through dispatch on ${db.startsWith('postgres://') ? 'PostgreSQL' : db}; load average ${loadavg()[0]!.toFixed(1)}`,
);
for (const name of values.names.split(',')) {
  const first = await who(name);
  const times: number[] = [];
  for (let i = 0; i < Number(values.repeat); i++) times.push(await who(name));
  console.log(
    `  ${name.padEnd(10)} first ${first.toFixed(1).padStart(7)} ms   median ${median(times).toFixed(1).padStart(7)} ms`,
  );
}
await app.close();

/**
 * `npm run eval:who`: one person, one speaker across articles. Ingests the 840-article corpus
 * with the real CLI (`newsbrief ingest`) into a temporary SQLite store, then asks `/who` for the
 * 20 most-quoted surnames of its labels and prints, for each, the person shown, the names its
 * quotes carry and the other people the surname may mean.
 *
 *   npm run eval:who -- [--data <articles.json>] [--labels <folder>] [--top 20] [--store <file>]
 *
 * `--store` asks an existing SQLite store instead (no ingest).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { who } from '../commands/who.ts';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/logger.ts';

const root = join(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    data: { type: 'string', default: join(root, '../shared/data/polnear-train.articles.json') },
    labels: { type: 'string', default: join(root, '../shared/data/polnear-train') },
    top: { type: 'string', default: '20' },
    store: { type: 'string' },
  },
});

/** The surname of a labelled speaker: "Joel Pollak of Breitbart California" -> "Pollak". */
function surname(speaker: string): string | undefined {
  if (speaker.startsWith('unnamed')) return undefined;
  const name = speaker.split(/ of |,|\(/)[0]!.trim();
  const last = name.split(/\s+/).at(-1);
  return last && /^\p{Lu}/u.test(last) ? last.replace(/[’']s$/, '') : undefined;
}

const counts = new Map<string, number>();
for (const file of readdirSync(values.labels).filter((f) => f.endsWith('.quotes.json'))) {
  const labels = JSON.parse(readFileSync(join(values.labels, file), 'utf8')) as {
    speaker: string;
  }[];
  for (const l of labels) {
    const s = surname(l.speaker);
    if (s) counts.set(s, (counts.get(s) ?? 0) + 1);
  }
}
const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top));

const dir = mkdtempSync(join(tmpdir(), 'newsbrief-eval-who-'));
try {
  const db = values.store ?? join(dir, 'store.db');
  const env = { ...process.env, DATABASE_URL: undefined, NEWSBRIEF_DB: db, LOG_LEVEL: 'warn' };
  if (!values.store) {
    execFileSync(process.execPath, [join(root, 'bin/newsbrief.js'), 'ingest', values.data], {
      env,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
  }
  const app = await createApp(loadConfig(env), createLogger('warn'));
  try {
    console.log(`/who for the ${top.length} most-quoted surnames of the labels (labelled quotes):`);
    for (const [name, labelled] of top) {
      const reply = await who.run!(
        {
          services: app.services,
          invocation: { id: 'eval', platform: 'console', channelId: 'eval', userId: 'eval' },
          log: app.services.log,
        },
        { query: name.toLowerCase() },
      );
      const shown = new Set(reply.blocks.flatMap((b) => (b.type === 'quote' ? [b.speaker] : [])));
      const people = await app.store.peopleNamed(name);
      const others = people.slice(1, 6).map((p) => `${p.name} (${p.quotes})`);
      console.log(
        `/who ${name.toLowerCase().padEnd(12)} ${String(labelled).padStart(4)}  ${reply.title}` +
          `  [quotes shown under: ${[...shown].join(' | ')}; ${people[0]?.quotes ?? 0} quotes]` +
          (others.length > 0
            ? `  also: ${others.join(', ')}${people.length > 6 ? ', …' : ''}`
            : ''),
      );
    }
  } finally {
    await app.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * `npm run eval:story-briefs`: which story `/brief <topic>` briefs, against the labelled stories.
 * Ingests the 840-article PolNeAR stream with `newsbrief ingest` into a fresh SQLite store (the
 * bin, as users run it), then runs `newsbrief brief <topic> --json` for each topic of
 * tests/fixtures/stories/polnear-train.topics.json (what a reader following each labelled story
 * would type) and reads the stories it answers with: the briefed one first, then the earlier or
 * related ones it lists. A story is the labelled one when most of its articles are that story's.
 * Prints, per topic, the briefed story and where the labelled one came; then how often it was
 * briefed (top 1) and how often it was at least listed.
 *
 *   tsx scripts/eval-story-briefs.ts [--data <articles.json>] [--show]
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.ts';
import { binNodeFlags } from './bin-node-flags.ts';
import { DATA, LABELS } from './eval-stories.ts';

const root = join(import.meta.dirname, '..');
const TOPICS = join(root, 'tests', 'fixtures', 'stories', 'polnear-train.topics.json');

interface Labels {
  stories: { id: string; articles: { title: string }[] }[];
}
interface Topics {
  topics: { topic: string; story: string }[];
}
interface BriefJson {
  stories?: { id: string; title: string }[];
}

/** Titles compare with their spacing folded (the labels were typed from the articles). */
const fold = (title: string) => title.replace(/\s+/g, ' ').trim();

/**
 * Runs the bin in the temporary folder (no `.env` of this checkout is read there) on the
 * temporary store only: never a `DATABASE_URL` nor an LLM key the caller's shell may hold.
 */
function bin(args: string[], db: string): string {
  const run = spawnSync(
    process.execPath,
    [...binNodeFlags(root), join(root, 'bin', 'newsbrief.js'), ...args],
    {
      cwd: dirname(db),
      env: {
        ...process.env,
        NEWSBRIEF_DB: db,
        DATABASE_URL: '',
        OPENAI_API_KEY: '',
        LOG_LEVEL: 'warn',
      },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (run.status !== 0) throw new Error(`newsbrief ${args.join(' ')} failed: ${run.stderr}`);
  return run.stdout;
}

/** Where the labelled story came for one topic: 0 briefed, 1.. listed after it, -1 missing. */
export interface TopicResult {
  topic: string;
  at: number;
  /** The titles of the stories the brief answered with, the briefed one first. */
  stories: string[];
  /** For each of `stories`, whether it is the labelled one. */
  labelled: boolean[];
}

/**
 * Ingests `data` with the bin into a fresh store and briefs every labelled topic; the store is
 * deleted afterwards.
 */
export async function evaluateStoryBriefs(data: string = DATA): Promise<TopicResult[]> {
  const labels = JSON.parse(readFileSync(LABELS, 'utf8')) as Labels;
  const { topics } = JSON.parse(readFileSync(TOPICS, 'utf8')) as Topics;
  const dir = await mkdtemp(join(tmpdir(), 'newsbrief-story-briefs-'));
  const db = join(dir, 'store.db');
  try {
    bin(['ingest', data], db);
    const store = new SqliteStore(db);
    const results: TopicResult[] = [];
    for (const { topic, story: labelId } of topics) {
      const label = labels.stories.find((s) => s.id === labelId);
      if (!label) throw new Error(`no labelled story ${labelId} (topic "${topic}")`);
      const wanted = new Set(label.articles.map((a) => fold(a.title)));
      const answer = JSON.parse(bin(['brief', topic, '--json'], db)) as BriefJson;
      const stories = answer.stories ?? [];
      const members = await store.storyMembers(stories.map((s) => s.id));
      const labelled = stories.map(({ id }) => {
        const own = members.filter((m) => m.storyId === id);
        return (
          own.length > 0 && own.filter((m) => wanted.has(fold(m.title))).length * 2 > own.length
        );
      });
      results.push({
        topic,
        at: labelled.indexOf(true),
        stories: stories.map((s) => s.title),
        labelled,
      });
    }
    await store.close();
    return results;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { data: { type: 'string', default: DATA }, show: { type: 'boolean', default: false } },
  });
  const results = await evaluateStoryBriefs(values.data);
  for (const { topic, at, stories, labelled } of results) {
    const verdict = at === 0 ? 'briefed' : at > 0 ? `listed ${at + 1}` : 'missing';
    console.log(
      `${verdict.padEnd(9)} ${topic.padEnd(38)} -> ${stories[0]?.slice(0, 70) ?? '(no story)'}`,
    );
    if (values.show)
      stories.slice(1).forEach((title, i) => {
        console.log(`${''.padEnd(50)}${labelled[i + 1] ? '*' : ' '} ${title.slice(0, 70)}`);
      });
  }
  const briefed = results.filter((r) => r.at === 0).length;
  const listed = results.filter((r) => r.at >= 0).length;
  const pct = (n: number) => `${n}/${results.length} (${((100 * n) / results.length).toFixed(0)}%)`;
  console.log(
    `\nthe labelled story briefed: ${pct(briefed)}; briefed or listed among earlier and related stories: ${pct(listed)}`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();

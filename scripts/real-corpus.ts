/**
 * Bench corpora of real news text. The 840 real articles of `../shared/data/polnear-train/` (read
 * from there, never copied into the repository) are recombined into as many distinct articles as
 * a bench needs: each new article is one real article with some paragraphs dropped, a paragraph
 * of another article put in now and then, its named speakers swapped for other real speakers
 * (drawn by how often they speak, so each name keeps its share), and its figures changed digit by
 * digit. Vocabulary, sentence length, quote density and how rare a topic is stay those of real
 * news (synthetic text had 218 distinct words and its "rare" topic in 67% of articles).
 *
 * Corpora and stores are cached in `.bench/` (git-ignored), keyed by a hash of this file (and,
 * for stores, of the store's schema), so a corpus made by older code or a store made for an older
 * schema is never reused.
 * Stores are filled through the real ingest path: `newsbrief ingest` on the corpus folder.
 *
 *   tsx scripts/real-corpus.ts <articles>           write (or find) a corpus, print its folder
 *   tsx scripts/real-corpus.ts <articles> --store   the same, ingested into a SQLite store
 *   tsx scripts/real-corpus.ts --topics             the bench topics and their real frequency
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ROOT } from '../src/paths.ts';
import { prng } from './generate-corpus.ts';

/** The real articles, resolved from the repository root as CI lays them out. */
export const REAL_ARTICLES = join(ROOT, '..', 'shared', 'data', 'polnear-train');
/** Where corpora and stores are cached (git-ignored). */
export const BENCH_DIR = join(ROOT, '.bench');

const OUTLETS: Record<string, string> = {
  breitbart: 'Breitbart',
  'huff-post': 'Huffington Post',
  nyt: 'New York Times',
  politico: 'Politico',
  'usa-today': 'USA Today',
  'wash-post': 'Washington Post',
  'west-journal': 'Western Journalism',
};
const DAY = 86_400_000;

/** One real article as the data folder holds it. */
export interface RealArticle {
  title: string;
  outlet: string;
  published: string;
  paragraphs: string[];
  /** Named speakers of its labelled quotes, e.g. "Jerry Nadler". */
  speakers: string[];
}

// Titles the labels put before names; a swap replaces the name, never the title.
const HONORIFIC =
  /^(?:(?:Rep|Sen|Gov|Mr|Mrs|Ms|Dr|Gen|Lt|Col|Sgt|Rev|Prof|Pres|Sec|Amb|Atty|Judge|Justice|Speaker|President|Senator|Governor|Mayor|Secretary)\.?\s+)+/;

// An initial, or a capitalised word with a lower-case letter ("USA Today" is no person).
const NAME_WORD = String.raw`(?:\p{Lu}\.|\p{Lu}[\p{L}'’-]*\p{Ll}[\p{L}'’-]*)`;
const PERSON = new RegExp(`^${NAME_WORD}(?:\\s+${NAME_WORD}){1,3}$`, 'u');

/** A labelled speaker as a swappable name: two or more capitalised words, or undefined. */
function personName(speaker: string): string | undefined {
  if (speaker.startsWith('unnamed') || speaker.startsWith('The ')) return undefined;
  const name = speaker.replace(HONORIFIC, '').trim();
  return PERSON.test(name) ? name : undefined;
}

let real: RealArticle[] | undefined;
let speakerPool: string[] | undefined;

/** The 840 real articles, sorted by file name. */
export function realArticles(): RealArticle[] {
  if (real) return real;
  if (!existsSync(REAL_ARTICLES)) {
    throw new Error(`no real articles at ${REAL_ARTICLES} (the shared data sits beside the repo)`);
  }
  const names = readdirSync(REAL_ARTICLES)
    .filter((f) => f.endsWith('.txt'))
    .sort();
  real = names.map((file) => {
    const [slug = '', date = ''] = file.split('_');
    const [title = '', ...paragraphs] = readFileSync(join(REAL_ARTICLES, file), 'utf8')
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter(Boolean);
    const labels = JSON.parse(
      readFileSync(join(REAL_ARTICLES, file.replace(/\.txt$/, '.quotes.json')), 'utf8'),
    ) as Array<{ speaker: string }>;
    const speakers = [
      ...new Set(labels.map((l) => personName(l.speaker)).filter((n) => n !== undefined)),
    ];
    return { title, outlet: OUTLETS[slug] ?? slug, published: date, paragraphs, speakers };
  });
  return real;
}

/** The schema files of every store of a checkout: a store made for another schema is not reused. */
function schemaFiles(root: string): string[] {
  const dir = join(root, 'src', 'store');
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => /migration|schema|page-size/i.test(f))
    .sort()
    .map((f) => join(dir, f));
}

/**
 * A short hash of files' names (each relative to the checkout it belongs to) and contents, so
 * that two checkouts with the same files get the same key wherever they sit.
 */
function hashFiles(files: Array<{ root: string; file: string }>): string {
  const hash = createHash('sha256');
  for (const { root, file } of files)
    hash.update(file.slice(root.length)).update(readFileSync(file));
  return hash.digest('hex').slice(0, 12);
}

const generator = { root: ROOT, file: fileURLToPath(import.meta.url) };

/** The cache key of a corpus: a hash of this generator. */
export function corpusKey(): string {
  return hashFiles([generator]);
}

/**
 * The cache key of a store: the corpus's key and the schema of the checkout that fills it (a
 * baseline checkout's store is keyed by its own schema files, named relative to it).
 */
export function storeKey(root = ROOT): string {
  return hashFiles([generator, ...schemaFiles(root).map((file) => ({ root, file }))]);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const surname = (name: string) => name.split(/\s+/).at(-1) ?? name;

/** Every digit of every figure replaced (the first never by 0), years and single digits kept. */
function changeFigures(text: string, r: () => number): string {
  return text.replace(/\d[\d,.]*\d/g, (figure) => {
    if (/^(?:19|20)\d\d$/.test(figure)) return figure;
    let first = true;
    return figure.replace(/\d/g, () => {
      const digit = first ? 1 + Math.floor(r() * 9) : Math.floor(r() * 10);
      first = false;
      return String(digit);
    });
  });
}

/**
 * Article `i` of a recombined corpus: real article `i mod 840` made distinct. Copy `k` of an
 * article is dated `k` times the real corpus's span earlier, so each copy sits in its own news
 * cycle instead of 119 near-copies crowding one day.
 */
export function recombine(i: number, seed = 1): RealArticle {
  const articles = realArticles();
  const r = prng(seed * 1_000_003 + i);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const base = articles[i % articles.length] as RealArticle;
  const copy = Math.floor(i / articles.length);
  // Speakers drawn with their real frequency: one entry per article a person speaks in.
  speakerPool ??= articles.flatMap((a) => a.speakers);
  const paragraphs = base.paragraphs.filter((_, k) => k === 0 || r() >= 0.15);
  if (r() < 0.5) {
    const other = pick(articles).paragraphs;
    if (other.length > 0)
      paragraphs.splice(1 + Math.floor(r() * paragraphs.length), 0, pick(other));
  }
  let title = base.title;
  let body = paragraphs.join('\n\n');
  for (const speaker of base.speakers) {
    if (r() < 0.5 || speakerPool.length === 0) continue;
    const other = pick(speakerPool);
    if (other === speaker) continue;
    const swap = (text: string) =>
      text
        .replace(new RegExp(`\\b${escapeRegExp(speaker)}\\b`, 'g'), other)
        .replace(new RegExp(`\\b${escapeRegExp(surname(speaker))}\\b`, 'g'), surname(other));
    body = swap(body);
    title = swap(title);
  }
  const first = Date.parse(articles[0]?.published ?? '2015-11-08');
  const span = Math.max(DAY, Date.parse(articles.at(-1)?.published ?? '') - first + DAY);
  const published = new Date(
    Date.parse(base.published) - copy * span + Math.floor(r() * 18) * 3_600_000,
  ).toISOString();
  return {
    title,
    outlet: base.outlet,
    published,
    paragraphs: changeFigures(body, r).split('\n\n'),
    speakers: [],
  };
}

/** What the corpus folder holds and where. */
export interface RealCorpus {
  dir: string;
  articles: number;
}

/**
 * A folder of `n` distinct recombined articles, one JSON file each (`title`, `source`,
 * `published`, `url`, `body`: what `newsbrief ingest` reads), in sub-folders of 1,000. Written
 * once per cache key; `.complete` marks a finished one.
 */
export async function realCorpus(n: number): Promise<RealCorpus> {
  const dir = join(BENCH_DIR, `real-${n}-${corpusKey()}`);
  if (existsSync(join(dir, '.complete'))) return { dir, articles: n };
  rmSync(dir, { recursive: true, force: true });
  process.stderr.write(`writing ${n} recombined real articles to ${dir} …\n`);
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) {
    const sub = join(dir, String(Math.floor(i / 1000)).padStart(3, '0'));
    if (i % 1000 === 0) await mkdir(sub, { recursive: true });
    // Distinct by construction almost always; a rare collision is drawn again with another seed.
    let article = recombine(i);
    for (let seed = 2; seen.has(article.paragraphs.join('\n')); seed++)
      article = recombine(i, seed);
    seen.add(article.paragraphs.join('\n'));
    const json = {
      title: article.title,
      source: article.outlet,
      published: article.published,
      url: `https://bench.example/${i}`,
      body: article.paragraphs.join('\n\n'),
    };
    await writeFile(join(sub, `article-${String(i).padStart(6, '0')}.json`), JSON.stringify(json));
  }
  await writeFile(join(dir, '.complete'), new Date().toISOString());
  return { dir, articles: n };
}

/**
 * A SQLite store holding the `n`-article corpus, filled by `newsbrief ingest` of the checkout at
 * `root` (this one, or an old one for a baseline) as users run it, built once per cache key.
 * Returns the database file.
 */
export async function realStore(n: number, root = ROOT): Promise<string> {
  const path = join(BENCH_DIR, `real-${n}-${storeKey(root)}.db`);
  if (existsSync(path)) return path;
  const { dir } = await realCorpus(n);
  const partial = `${path}.partial`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${partial}${suffix}`, { force: true });
  process.stderr.write(`ingesting them into ${path} (${root}: newsbrief ingest) …\n`);
  execFileSync(process.execPath, [join(root, 'bin', 'newsbrief.js'), 'ingest', dir], {
    cwd: root,
    env: { ...process.env, NEWSBRIEF_DB: partial, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  // One file: closing the store checkpointed the WAL into it.
  renameSync(partial, path);
  for (const suffix of ['-wal', '-shm']) rmSync(`${partial}${suffix}`, { force: true });
  return path;
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * `n` recombined articles as web pages, with what real pages wrap around an article (navigation,
 * an ad, a figure and its caption, related links, a footer) and their meta tags, for the HTML
 * path (Readability on linkedom). Other articles than the text corpus's.
 */
export async function realPages(n: number): Promise<RealCorpus> {
  const dir = join(BENCH_DIR, `pages-${n}-${corpusKey()}`);
  if (existsSync(join(dir, '.complete'))) return { dir, articles: n };
  rmSync(dir, { recursive: true, force: true });
  const links = Object.values(OUTLETS)
    .map((o, k) => `<li><a href="/section/${k}">${o}</a></li>`)
    .join('');
  for (let i = 0; i < n; i++) {
    const sub = join(dir, String(Math.floor(i / 1000)).padStart(3, '0'));
    if (i % 1000 === 0) await mkdir(sub, { recursive: true });
    const a = recombine(i + 500_000);
    const body = a.paragraphs.map((p, k) =>
      k === 2
        ? `<figure><img src="/img/${i}.jpg" alt=""><figcaption>${escapeHtml(a.title)}. Photo: Agency</figcaption></figure>\n<p>${escapeHtml(p)}</p>`
        : `<p>${escapeHtml(p)}</p>`,
    );
    const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(a.title)} | ${a.outlet}</title>
<meta property="og:title" content="${escapeHtml(a.title)}">
<meta property="og:site_name" content="${a.outlet}">
<meta property="article:published_time" content="${a.published}">
<script>window.dataLayer = [{ page: ${i} }];</script><style>body { font: 16px serif; }</style></head>
<body><header><nav><ul>${links}</ul></nav></header>
<div class="ad">Advertisement <a href="/ads">Subscribe now</a></div>
<main><article><h1>${escapeHtml(a.title)}</h1><p class="byline">By Staff Reporter</p>
${body.join('\n')}
<aside class="related"><h3>Related</h3><ul>${links}</ul></aside>
</article></main>
<footer><p>© ${a.outlet}. All rights reserved.</p></footer>
</body></html>
`;
    await writeFile(join(sub, `page-${String(i).padStart(6, '0')}.html`), page);
  }
  await writeFile(join(dir, '.complete'), new Date().toISOString());
  return { dir, articles: n };
}

/** A topic class by how many real articles mention it. */
export type TopicClass = 'rare' | 'typical' | 'common';

/** A bench topic and the share of the real articles that mention it. */
export interface Topic {
  word: string;
  share: number;
}

/**
 * Three topics per class, chosen by their real document frequency among names (words written
 * with a capital at least 90% of the time, as topics people brief on are): rare in 3 of 840
 * articles (0.36%), typical in 2-5%, common in 40% or more (Trump, Clinton …). Deterministic:
 * candidates are ordered by a hash of the word.
 */
export function benchTopics(): Record<TopicClass, Topic[]> {
  const articles = realArticles();
  const df = new Map<string, number>();
  const capital = new Map<string, number>();
  const total = new Map<string, number>();
  for (const a of articles) {
    const words = `${a.title}\n${a.paragraphs.join('\n')}`.match(/\p{L}+/gu) ?? [];
    for (const w of words) {
      const lower = w.toLowerCase();
      total.set(lower, (total.get(lower) ?? 0) + 1);
      if (w[0] !== lower[0]) capital.set(lower, (capital.get(lower) ?? 0) + 1);
    }
    for (const w of new Set(words.map((w) => w.toLowerCase()))) df.set(w, (df.get(w) ?? 0) + 1);
  }
  const order = (w: string) => createHash('sha256').update(w).digest('hex');
  const choose = (min: number, max: number): Topic[] =>
    [...df]
      .filter(
        ([w, d]) =>
          d >= min &&
          d <= max &&
          w.length >= 5 &&
          (capital.get(w) ?? 0) >= 0.9 * (total.get(w) ?? Number.POSITIVE_INFINITY),
      )
      .map(([w]) => w)
      .sort((a, b) => order(a).localeCompare(order(b)))
      .slice(0, 3)
      .map((word) => ({ word, share: (df.get(word) ?? 0) / articles.length }));
  const n = articles.length;
  return {
    rare: choose(3, 3),
    typical: choose(Math.ceil(0.02 * n), Math.floor(0.05 * n)),
    common: choose(Math.ceil(0.4 * n), n),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { store: { type: 'boolean', default: false }, topics: { type: 'boolean' } },
  });
  if (values.topics) {
    for (const [label, topics] of Object.entries(benchTopics())) {
      console.log(
        `${label.padEnd(8)} ${topics.map((t) => `${t.word} (${(100 * t.share).toFixed(1)}%)`).join(', ')}`,
      );
    }
  } else {
    const n = Number(positionals[0]);
    if (!Number.isInteger(n) || n <= 0) {
      process.stderr.write('Usage: tsx scripts/real-corpus.ts <articles> [--store] | --topics\n');
      process.exit(1);
    }
    console.log(values.store ? await realStore(n) : (await realCorpus(n)).dir);
  }
}

/**
 * Writes a synthetic, news-like corpus for benchmarks: plain-text articles (a headline, 8-16
 * paragraphs with quotes, reported speech, numbers, the odd entity, caption and boilerplate line)
 * and optional HTML pages with navigation, ads and figures. Deterministic: the same seed writes
 * the same bytes. About 2% of articles are exact copies of an earlier one, as feeds deliver.
 *
 *   tsx scripts/generate-corpus.ts <folder> [--texts 10000] [--html 500] [--seed 42]
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

/** mulberry32: small, fast and good enough to vary text; not for anything secret. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PEOPLE = [
  'Hassan Rouhani',
  'Vladimir Putin',
  'Recep Tayyip Erdogan',
  'Angela Merkel',
  'Emmanuel Macron',
  'Jim Jeffrey',
  'Antonio Guterres',
  'Ursula von der Leyen',
  'Narendra Modi',
  'Cyril Ramaphosa',
  'Jacinda Ardern',
  'Luiz Inácio Lula da Silva',
  'Olaf Scholz',
  'Pedro Sánchez',
  'Fumio Kishida',
  'Naji al-Mustafa',
  'Rami Abdurrahman',
  'Kristalina Georgieva',
  'Tedros Adhanom',
  'Mark Rutte',
];
const ROLES = [
  'President',
  'Prime Minister',
  'Foreign Minister',
  'spokesman',
  'envoy',
  'Secretary-General',
  'finance minister',
  'central bank governor',
  'opposition leader',
  'mayor',
];
const PLACES = [
  'Idlib',
  'Tehran',
  'Ankara',
  'Moscow',
  'Brussels',
  'Geneva',
  'Berlin',
  'Paris',
  'Nairobi',
  'Jakarta',
  'São Paulo',
  'Kyiv',
  'Aleppo',
  'Damascus',
  'Beirut',
  'Lagos',
  'Manila',
  'Quito',
  'Reykjavík',
  'Kraków',
  'Dhaka',
  'Hanoi',
  'Lima',
  'Tunis',
  'Oslo',
  'Seoul',
];
const ORGS = [
  'the United Nations',
  'the World Bank',
  'the European Commission',
  'NATO',
  'the IMF',
  'the Red Cross',
  'the World Health Organization',
  'the African Union',
  'OPEC',
  'the WTO',
];
export const TOPICS = [
  ['ceasefire', 'offensive', 'refugees', 'airstrikes', 'civilians', 'shelling'],
  ['inflation', 'interest rates', 'budget', 'deficit', 'bond yields', 'tariffs'],
  ['vaccine', 'outbreak', 'hospitals', 'infections', 'doctors', 'clinics'],
  ['election', 'ballots', 'turnout', 'coalition', 'parliament', 'candidates'],
  ['drought', 'harvest', 'floods', 'emissions', 'wildfires', 'rainfall'],
  ['strike', 'wages', 'unions', 'factories', 'pensions', 'layoffs'],
];
const VERBS = [
  'said',
  'warned',
  'insisted',
  'told reporters',
  'added',
  'argued',
  'claimed',
  'stressed',
];
const OPENERS = [
  'On {day}, {org} said',
  'Officials in {place} said',
  'According to {org},',
  'Meanwhile,',
  'Earlier this week,',
  'In a statement,',
  'Analysts in {place} expect that',
  'Late on {day},',
  'Despite the talks,',
  'For {place},',
];
const CLAUSES = [
  'the {topic} in {place} had reached {n} {unit}',
  'talks on the {topic} would resume in {place} next {day}',
  '{n} {unit} were affected by the {topic} since {year}',
  'the {topic} could cost as much as {usd} billion',
  'about {pct}% of residents in {place} had been hit by the {topic}',
  'the government of {place} had not yet responded to the {topic}',
  'the {topic} would continue until at least {year}',
  'nearly {n} {unit} had fled {place} because of the {topic}',
];
const UNITS = ['people', 'families', 'workers', 'children', 'soldiers', 'households', 'voters'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const OUTLETS = ['Daily Planet', 'The Courier', 'Global Wire', 'Evening Post', 'Herald Tribune'];

export class Writer {
  readonly #r: () => number;
  constructor(seed: number) {
    this.#r = prng(seed);
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.#r() * items.length)] as T;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.#r() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.#r() < p;
  }
  fill(template: string, topics: readonly string[]): string {
    return template
      .replace(/\{topic\}/g, () => this.pick(topics))
      .replace(/\{place\}/g, () => this.pick(PLACES))
      .replace(/\{org\}/g, () => this.pick(ORGS))
      .replace(/\{day\}/g, () => this.pick(DAYS))
      .replace(/\{unit\}/g, () => this.pick(UNITS))
      .replace(/\{year\}/g, () => String(this.int(1995, 2030)))
      .replace(/\{pct\}/g, () => String(this.int(2, 98)))
      .replace(/\{usd\}/g, () => `$${this.int(2, 950)}`)
      .replace(/\{n\}/g, () => this.int(2, 950).toLocaleString('en-US'));
  }
  sentence(topics: readonly string[]): string {
    const person = this.pick(PEOPLE);
    const clause = this.fill(this.pick(CLAUSES), topics);
    switch (this.int(0, 4)) {
      case 0:
        return `"${clause[0]?.toUpperCase()}${clause.slice(1)}," ${person} ${this.pick(VERBS)}.`;
      case 1:
        return `${person}, the ${this.pick(ROLES)}, ${this.pick(VERBS)} that ${clause}.`;
      case 2:
        return `${this.fill(this.pick(OPENERS), topics)} ${clause}.`;
      case 3:
        return `${person} warned of "${this.pick(topics)}" in ${this.pick(PLACES)}, where ${clause}.`;
      default:
        return `${this.fill(this.pick(OPENERS), topics)} ${clause}, and ${this.fill(this.pick(CLAUSES), topics)}.`;
    }
  }
  paragraph(topics: readonly string[]): string {
    const n = this.int(1, 4);
    return Array.from({ length: n }, () => this.sentence(topics)).join(' ');
  }
  headline(topics: readonly string[]): string {
    return `${this.pick(PEOPLE).split(' ').at(-1)} and ${this.pick(PEOPLE).split(' ').at(-1)} clash over ${this.pick(topics)} in ${this.pick(PLACES)}`;
  }
  /** Body paragraphs with the dirt real scrapes carry, now and then. */
  body(topics: readonly string[]): string[] {
    const paragraphs = Array.from({ length: this.int(8, 16) }, () => this.paragraph(topics));
    if (this.chance(0.3)) {
      const i = this.int(0, paragraphs.length - 1);
      paragraphs[i] = (paragraphs[i] ?? '').replace(/'|"/, ' & # 39; ');
    }
    if (this.chance(0.3)) paragraphs.splice(this.int(1, paragraphs.length - 1), 0, 'Advertisement');
    if (this.chance(0.2)) {
      const caption = `${this.pick(PEOPLE)} (center) speaks in ${this.pick(PLACES)} today`;
      paragraphs.splice(this.int(1, paragraphs.length - 1), 0, caption, caption, caption);
    }
    if (this.chance(0.2)) paragraphs.push(paragraphs[this.int(0, paragraphs.length - 1)] ?? '');
    return paragraphs;
  }
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function htmlPage(w: Writer, i: number): string {
  const topics = w.pick(TOPICS);
  const title = w.headline(topics);
  const paragraphs = w.body(topics).filter((p) => p !== 'Advertisement');
  const figure = `<figure><img src="/img/${i}.jpg" alt=""><figcaption>${escapeHtml(`${w.pick(PEOPLE)} in ${w.pick(PLACES)}. Photo: Agency`)}</figcaption></figure>`;
  const body = paragraphs.map((p, k) =>
    k === 2 ? `${figure}\n<p>${escapeHtml(p)}</p>` : `<p>${escapeHtml(p)}</p>`,
  );
  const links = Array.from(
    { length: 12 },
    (_, k) => `<li><a href="/section/${k}">${w.pick(PLACES)}</a></li>`,
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} | ${w.pick(OUTLETS)}</title>
<meta property="og:title" content="${escapeHtml(title)}">
<meta property="og:site_name" content="${w.pick(OUTLETS)}">
<meta property="article:published_time" content="2024-${String(w.int(1, 12)).padStart(2, '0')}-${String(w.int(1, 28)).padStart(2, '0')}T08:00:00Z">
<script>window.dataLayer = [{ page: ${i} }];</script><style>body { font: 16px serif; }</style></head>
<body><header><nav><ul>${links.join('')}</ul></nav></header>
<div class="ad">Advertisement <a href="/ads">Buy now</a></div>
<main><article><h1>${escapeHtml(title)}</h1><p class="byline">By Staff Reporter</p>
${body.join('\n')}
<aside class="related"><h3>Related</h3><ul>${links.slice(0, 4).join('')}</ul></aside>
</article></main>
<footer><p>© 2024 ${w.pick(OUTLETS)}. All rights reserved.</p><ul>${links.slice(4).join('')}</ul></footer>
</body></html>
`;
}

/** What `generateCorpus` wrote. */
export interface Corpus {
  textDir: string;
  htmlDir: string;
  texts: number;
  html: number;
}

/**
 * Writes `texts` .txt articles into `<dir>/text` and `html` pages into `<dir>/html`, in
 * sub-folders of 1,000 files, a few at a time so memory stays flat.
 */
export async function generateCorpus(
  dir: string,
  options: { texts?: number; html?: number; seed?: number } = {},
): Promise<Corpus> {
  const texts = options.texts ?? 10_000;
  const html = options.html ?? 0;
  const w = new Writer(options.seed ?? 42);
  const textDir = join(dir, 'text');
  const htmlDir = join(dir, 'html');
  const recent: string[] = [];
  for (let i = 0; i < texts; i++) {
    const sub = join(textDir, String(Math.floor(i / 1000)).padStart(3, '0'));
    if (i % 1000 === 0) await mkdir(sub, { recursive: true });
    let text: string;
    if (recent.length > 0 && w.chance(0.02)) {
      text = w.pick(recent);
    } else {
      const topics = w.pick(TOPICS);
      text = `${w.headline(topics)}\n\n${w.body(topics).join('\n\n')}\n`;
      if (recent.length >= 50) recent.shift();
      recent.push(text);
    }
    await writeFile(join(sub, `article-${String(i).padStart(6, '0')}.txt`), text);
  }
  for (let i = 0; i < html; i++) {
    const sub = join(htmlDir, String(Math.floor(i / 1000)).padStart(3, '0'));
    if (i % 1000 === 0) await mkdir(sub, { recursive: true });
    await writeFile(join(sub, `page-${String(i).padStart(6, '0')}.html`), htmlPage(w, i));
  }
  return { textDir, htmlDir, texts, html };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      texts: { type: 'string', default: '10000' },
      html: { type: 'string', default: '0' },
      seed: { type: 'string', default: '42' },
    },
  });
  const [dir] = positionals;
  if (!dir) {
    process.stderr.write(
      'Usage: tsx scripts/generate-corpus.ts <folder> [--texts N] [--html M] [--seed S]\n',
    );
    process.exit(1);
  }
  const corpus = await generateCorpus(dir, {
    texts: Number(values.texts),
    html: Number(values.html),
    seed: Number(values.seed),
  });
  process.stdout.write(
    `Wrote ${corpus.texts} text articles and ${corpus.html} HTML pages to ${dir}\n`,
  );
}

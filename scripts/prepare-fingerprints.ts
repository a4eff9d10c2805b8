/**
 * Prints one line per article file: its path and a hash of everything `prepareArticle` makes of
 * it (title, paragraphs, captions, removals, sentences, quotes, speakers, id). For speed work on
 * the pipeline: run it before and after a change and diff the two outputs; no line may differ.
 *
 *   tsx scripts/prepare-fingerprints.ts <folder or file>… > before.txt
 *   (change the code)
 *   tsx scripts/prepare-fingerprints.ts <folder or file>… > after.txt && diff before.txt after.txt
 *
 * The bench corpus (`npm run bench:ingest` prints its folder), `samples/` and
 * `tests/fixtures/quotes/` are good inputs.
 */
import { createHash } from 'node:crypto';
import { articleFiles } from '../src/articles/ingest.ts';
import { prepareArticle } from '../src/articles/prepare-article.ts';
import { loadFileItems } from '../src/articles/sources/load-file.ts';

const paths = process.argv.slice(2);
if (paths.length === 0) {
  process.stderr.write('usage: tsx scripts/prepare-fingerprints.ts <folder or file>…\n');
  process.exit(2);
}

// A fixed clock: `ingestedAt` is the only part of an article that depends on when it was made.
const now = new Date(0);
const hash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

for await (const file of articleFiles(paths)) {
  if (typeof file !== 'string') {
    process.stdout.write(`${file.path} error ${file.error}\n`);
    continue;
  }
  let items: Awaited<ReturnType<typeof loadFileItems>>;
  try {
    items = await loadFileItems(file);
  } catch (error) {
    process.stdout.write(`${file} error ${(error as Error).message}\n`);
    continue;
  }
  for (const item of items) {
    if ('error' in item) {
      process.stdout.write(`${item.origin} error ${item.error}\n`);
      continue;
    }
    let line: string;
    try {
      line = hash(JSON.stringify(prepareArticle(item, now)));
    } catch (error) {
      line = `error ${(error as Error).message}`;
    }
    process.stdout.write(`${item.origin} ${line}\n`);
  }
}

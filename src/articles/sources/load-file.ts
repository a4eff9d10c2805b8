import { extname } from 'node:path';
import type { ArticleInput } from '../article.ts';
import { readTextFile } from './read-text-file.ts';
import { SourceError } from './source-error.ts';

/** File types an article can come in. */
export const ARTICLE_EXTENSIONS = new Set(['.txt', '.md', '.markdown', '.html', '.htm', '.json']);

const FORMATS: Record<string, ArticleInput['format']> = {
  '.txt': 'text',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.html': 'html',
  '.htm': 'html',
};

const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;

/** One article from a JSON object: `title`, `url`, `source`, `published`, and `body` or `html`. */
function fromJson(value: unknown, origin: string): ArticleInput {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SourceError('a JSON article must be an object with "body" or "html"');
  }
  const o = value as Record<string, unknown>;
  const body = str(o.body);
  const html = str(o.html);
  if (!body && !html) {
    throw new SourceError('JSON article has neither "body" nor "html" (one of them is required)');
  }
  const published = str(o.published);
  if (published && Number.isNaN(Date.parse(published))) {
    throw new SourceError(`"published" is not a date: ${published.slice(0, 40)}`);
  }
  return {
    raw: (body ?? html) as string,
    format: body ? 'text' : 'html',
    title: str(o.title),
    url: str(o.url),
    outlet: str(o.source) ?? str(o.outlet),
    published: published ? new Date(published).toISOString() : undefined,
    origin,
  };
}

/**
 * Reads one article file (or, for JSON, one article or an array of them). Throws `SourceError`
 * with a one-line reason when the file cannot be an article.
 */
export async function loadFile(path: string): Promise<ArticleInput[]> {
  const ext = extname(path).toLowerCase();
  if (!ARTICLE_EXTENSIONS.has(ext)) {
    throw new SourceError(
      `unsupported file type "${ext || 'none'}" (use .txt, .md, .html or .json)`,
    );
  }
  const text = await readTextFile(path);
  if (ext !== '.json') return [{ raw: text, format: FORMATS[ext] ?? 'text', origin: path }];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new SourceError(`invalid JSON (${(error as Error).message.slice(0, 80)})`);
  }
  const items = Array.isArray(parsed) ? parsed : [parsed];
  if (items.length === 0) throw new SourceError('empty JSON array');
  return items.map((item, i) => fromJson(item, items.length > 1 ? `${path}#${i + 1}` : path));
}

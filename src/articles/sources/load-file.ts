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

/** An item of a JSON array that cannot be an article: its origin (`file#3`) and why. */
export interface BadItem {
  origin: string;
  error: string;
}

/**
 * Reads one article file (or, for JSON, one article or an array of them). Throws `SourceError`
 * with a one-line reason when the file cannot be an article, or when any item of it cannot.
 */
export async function loadFile(path: string): Promise<ArticleInput[]> {
  const items = await loadFileItems(path);
  const bad = items.find((item): item is BadItem => 'error' in item);
  if (bad) throw new SourceError(bad.error);
  return items as ArticleInput[];
}

/**
 * Like `loadFile`, but a bad item of a JSON array is returned as a `BadItem` in its place, so a
 * batch loses that one article and keeps the others. Throws `SourceError` for the whole file.
 */
export async function loadFileItems(path: string): Promise<Array<ArticleInput | BadItem>> {
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
  return items.map((item, i) => {
    const origin = items.length > 1 ? `${path}#${i + 1}` : path;
    try {
      return fromJson(item, origin);
    } catch (error) {
      if (!(error instanceof SourceError)) throw error;
      return { origin, error: error.message };
    }
  });
}

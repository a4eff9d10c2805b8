import { open, stat } from 'node:fs/promises';
import { SourceError } from './source-error.ts';

/** Files larger than this are refused before being read: no article is 10 MB of text. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a text file, refusing what is not article text: empty, too large, binary (NUL bytes),
 * or not valid UTF-8. Each refusal is a `SourceError` whose message names the fix.
 */
export async function readTextFile(path: string, maxBytes = MAX_FILE_BYTES): Promise<string> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new SourceError('not a regular file');
    size = info.size;
  } catch (error) {
    if (error instanceof SourceError) throw error;
    throw new SourceError(
      `cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  if (size === 0) throw new SourceError('empty file');
  if (size > maxBytes) {
    throw new SourceError(
      `${(size / 1024 / 1024).toFixed(1)} MB is over the ${maxBytes / 1024 / 1024} MB limit for one article`,
    );
  }
  let bytes: Buffer;
  try {
    const handle = await open(path, 'r');
    try {
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new SourceError(
      `cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  if (bytes.subarray(0, 8192).includes(0))
    throw new SourceError('binary file (NUL bytes), not text');
  try {
    const text = utf8.decode(bytes).replace(/^\uFEFF/, '');
    if (text.trim() === '') throw new SourceError('no text (only whitespace)');
    return text;
  } catch (error) {
    if (error instanceof SourceError) throw error;
    throw new SourceError('not valid UTF-8 text; convert it to UTF-8 (e.g. iconv -t UTF-8)');
  }
}

import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { SourceError } from './source-error.ts';

/** Files larger than this are refused before being read: no article is 10 MB of text. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a text file, refusing what is not article text: empty, too large, binary (NUL bytes),
 * or not valid UTF-8. Each refusal is a `SourceError` whose message names the fix.
 */
export async function readTextFile(path: string, maxBytes = MAX_FILE_BYTES): Promise<string> {
  const cannot = (error: unknown) =>
    new SourceError(`cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  // Synchronous on purpose: an article file is small (capped above), and four thread-pool round
  // trips per file (open, fstat, read, close) cost more than the read itself; measured with
  // `npm run bench:ingest`.
  let fd: number;
  try {
    // Non-blocking: opening a FIFO for reading would otherwise wait forever for a writer; this
    // way it opens at once, and the check below refuses it as not a regular file.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw cannot(error);
  }
  let bytes: Buffer;
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) throw new SourceError('not a regular file');
    if (info.size === 0) throw new SourceError('empty file');
    if (info.size > maxBytes) {
      throw new SourceError(
        `${(info.size / 1024 / 1024).toFixed(1)} MB is over the ${maxBytes / 1024 / 1024} MB limit for one article`,
      );
    }
    bytes = Buffer.allocUnsafe(info.size);
    let filled = 0;
    while (filled < info.size) {
      const read = readSync(fd, bytes, filled, info.size - filled, filled);
      if (read === 0) break;
      filled += read;
    }
    bytes = bytes.subarray(0, filled);
  } catch (error) {
    throw error instanceof SourceError ? error : cannot(error);
  } finally {
    closeSync(fd);
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

import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { importedColumns, type Row } from '../store-transfer.ts';

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/**
 * One value in COPY's text format: `\N` for null, JSON for objects (a jsonb column parses it),
 * and the four characters that delimit fields and rows escaped. Every other value is read by
 * the column's own type, as a query parameter's text would be.
 */
export function copyField(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  const text =
    typeof value === 'string'
      ? value
      : typeof value === 'object'
        ? JSON.stringify(value)
        : typeof value === 'boolean'
          ? value
            ? 't'
            : 'f'
          : String(value);
  return text.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c] ?? c);
}

/**
 * Writes `rows` into `table` with `COPY FROM STDIN` on `client` (inside the caller's
 * transaction): one statement and one stream of text for the whole page, which the server
 * loads far faster than an INSERT per row. `table` is one of ours, never input.
 */
export async function copyRows(
  client: pg.PoolClient,
  table: string,
  rows: readonly Row[],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = importedColumns(rows);
  const names = Object.keys(rows[0] ?? {});
  const lines = rows.map((row) => `${names.map((c) => copyField(row[c])).join('\t')}\n`);
  const copy = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  await pipeline(Readable.from([Buffer.from(lines.join(''))]), copy);
}

import type { Engine } from '../engine/Engine.ts';
import { EngineError } from '../engine/Engine.ts';
import { ident, literal } from '../engine/sql.ts';
import { cleanColumnNames } from './names.ts';

/** The dialect DuckDB's sniffer found, passed back explicitly so every scan agrees on it. */
export interface Dialect {
  delim: string;
  quote: string;
  escape: string;
  comment: string;
  skip: number;
  header: boolean;
}

export async function sniff(engine: Engine, path: string): Promise<Dialect> {
  // null_padding lets the sniffer keep the right delimiter when some rows are ragged; without
  // it a file with one short row can be sniffed as a single column.
  const { rows } = await engine.query(
    `SELECT Delimiter, Quote, Escape, Comment, SkipRows, HasHeader FROM sniff_csv(${literal(path)}, null_padding = true)`,
  );
  const r = rows[0];
  const text = (v: unknown): string => (v === '(empty)' || v === null ? '' : String(v));
  return {
    delim: text(r.Delimiter),
    quote: text(r.Quote),
    escape: text(r.Escape),
    comment: text(r.Comment),
    skip: Number(r.SkipRows ?? 0),
    header: r.HasHeader === true,
  };
}

/** `read_csv` of the file with the sniffed dialect and further `options` (`, name = value…`). */
export function readCsv(path: string, d: Dialect, options: string): string {
  return `read_csv(${literal(path)}${dialectOptions(d)}${options})`;
}

export function createTable(
  engine: Engine,
  table: string,
  path: string,
  d: Dialect,
  options: string,
): Promise<void> {
  return engine.exec(
    `CREATE OR REPLACE TABLE ${ident(table)} AS SELECT * FROM ${readCsv(path, d, options)}`,
  );
}

export function namesOption(names: string[]): string {
  return `, names = [${names.map(literal).join(', ')}]`;
}

export function dialectOptions(d: Dialect): string {
  // An explicit empty comment, or skip = 0 together with null_padding, makes DuckDB 1.4's
  // sniffer give up on files with quoted line breaks: pass them only when they say something.
  const comment = d.comment === '' ? '' : `, comment = ${literal(d.comment)}`;
  const skip = d.skip === 0 ? '' : `, skip = ${d.skip}`;
  return (
    `, delim = ${literal(d.delim)}, quote = ${literal(d.quote)}, escape = ${literal(d.escape)}` +
    `${comment}${skip}, header = ${d.header}`
  );
}

/** Header cells as written (read as one text row), cleaned by the project's naming rules. */
export async function columnNames(
  engine: Engine,
  path: string,
  d: Dialect,
  padded: boolean,
): Promise<string[]> {
  // One list column rather than one column per field: a 10,000-field header stays one value.
  const { rows } = await engine.query(
    `SELECT list_value(*COLUMNS(*)) AS cells FROM ${readCsv(path, { ...d, header: false }, `, all_varchar = true, null_padding = ${padded}, parallel = false`)} LIMIT 1`,
  );
  const cells = (rows[0]?.cells ?? []) as (string | null)[];
  if (!d.header) return cells.map((_, i) => `column${i + 1}`);
  return cleanColumnNames(cells);
}

export function isConversionError(error: unknown): boolean {
  return error instanceof EngineError && /Conversion Error|Could not convert/i.test(error.message);
}

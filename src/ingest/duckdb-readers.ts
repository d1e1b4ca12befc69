import { EngineError, type Engine } from '../engine/Engine.ts';
import { ident, literal } from '../engine/sql.ts';
import { cleanColumnNames } from './names.ts';

export type ReaderKind = 'parquet' | 'json' | 'ndjson';

/** The DuckDB table function call that reads a registered file. */
export function readerCall(kind: ReaderKind, path: string): string {
  switch (kind) {
    case 'parquet':
      return `read_parquet(${literal(path)})`;
    case 'json':
      return `read_json_auto(${literal(path)})`;
    case 'ndjson':
      return `read_json_auto(${literal(path)}, format = 'newline_delimited')`;
  }
}

/**
 * Creates a table from one of DuckDB's own readers, renaming columns by the project's rules
 * (trimmed, blanks named, duplicates suffixed) so every format yields the same names.
 */
export async function createFromReader(engine: Engine, table: string, call: string): Promise<void> {
  const { rows } = await engine.query(`DESCRIBE SELECT * FROM ${call}`);
  const original = rows.map((r) => String(r.column_name));
  const names = cleanColumnNames(original);
  const select = original.map((name, i) => `${ident(name)} AS ${ident(names[i])}`).join(', ');
  await engine.exec(`CREATE OR REPLACE TABLE ${ident(table)} AS SELECT ${select} FROM ${call}`);
}

/**
 * True when DuckDB lacks the reader's extension. Native DuckDB 1.4.3 links json and parquet
 * in; DuckDB-WASM loads them as extensions, which this project never fetches at run time.
 */
export function isMissingReader(error: unknown): boolean {
  return (
    error instanceof EngineError &&
    /Catalog Error/i.test(error.message) &&
    /(read_json|read_parquet|json extension|parquet extension)/i.test(error.message)
  );
}

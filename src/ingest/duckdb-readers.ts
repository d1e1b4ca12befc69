import type { Engine } from '../engine/Engine.ts';
import { ident, literal } from '../engine/sql.ts';
import { cleanColumnNames } from './names.ts';

/**
 * Creates a table with DuckDB's own Parquet reader, renaming columns by the project's rules
 * (trimmed, blanks named, duplicates suffixed) so every format yields the same names.
 */
export async function createFromParquet(
  engine: Engine,
  table: string,
  path: string,
): Promise<void> {
  const call = `read_parquet(${literal(path)})`;
  const { rows } = await engine.query(`DESCRIBE SELECT * FROM ${call}`);
  const original = rows.map((r) => String(r.column_name));
  const names = cleanColumnNames(original);
  const select = original.map((name, i) => `${ident(name)} AS ${ident(names[i])}`).join(', ');
  await engine.exec(`CREATE OR REPLACE TABLE ${ident(table)} AS SELECT ${select} FROM ${call}`);
}

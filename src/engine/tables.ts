import type { ColumnInfo, Engine, Row, Value } from './Engine.ts';
import { ident, valueLiteral } from './sql.ts';

const BATCH_ROWS = 500;

/**
 * Creates (or replaces) a table from rows computed in JavaScript — statistics outputs, parsed
 * spreadsheet sheets. Values go in as typed literals in batched INSERTs: plain SQL, so both
 * engines build exactly the same table.
 */
export async function createTableFromRows(
  engine: Engine,
  name: string,
  columns: ColumnInfo[],
  rows: Row[],
): Promise<void> {
  if (columns.length === 0) throw new Error(`Table ${name} would have no columns`);
  const columnList = columns.map((c) => `${ident(c.name)} ${c.type}`).join(', ');
  await engine.exec(`CREATE OR REPLACE TABLE ${ident(name)} (${columnList})`);
  for (let start = 0; start < rows.length; start += BATCH_ROWS) {
    const batch = rows.slice(start, start + BATCH_ROWS);
    const tuples = batch.map(
      (row) =>
        `(${columns.map((c) => `CAST(${scalarLiteral(row[c.name])} AS ${c.type})`).join(', ')})`,
    );
    await engine.exec(`INSERT INTO ${ident(name)} VALUES ${tuples.join(',\n')}`);
  }
}

function scalarLiteral(value: Value | undefined): string {
  if (value === undefined || value === null) return 'NULL';
  if (typeof value === 'object') throw new Error('Nested values are not supported here');
  return valueLiteral(value);
}

/** Column names and DuckDB types of a table or view, in order. */
export async function describeTable(engine: Engine, name: string): Promise<ColumnInfo[]> {
  const { rows } = await engine.query(`DESCRIBE ${ident(name)}`);
  return rows.map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
}

/** Names of all tables and views in the main schema. */
export async function listTables(engine: Engine): Promise<string[]> {
  const { rows } = await engine.query(
    "SELECT table_name FROM information_schema.tables WHERE table_catalog = current_database() AND table_schema = 'main' ORDER BY table_name",
  );
  return rows.map((r) => String(r.table_name));
}

/** Drops every table and view in the main schema (views first: they may read tables). */
export async function dropAllTables(engine: Engine): Promise<void> {
  const { rows } = await engine.query(
    `SELECT table_name, table_type FROM information_schema.tables
     WHERE table_catalog = current_database() AND table_schema = 'main' ORDER BY table_type = 'VIEW' DESC`,
  );
  for (const row of rows) {
    const kind = row.table_type === 'VIEW' ? 'VIEW' : 'TABLE';
    await engine.exec(`DROP ${kind} IF EXISTS ${ident(String(row.table_name))} CASCADE`);
  }
}

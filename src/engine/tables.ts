import { EngineError, type ColumnInfo, type Engine, type Row, type Value } from './Engine.ts';
import { NOTEBOOK_DATABASE } from './settings.ts';
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
  await createEmptyTable(engine, name, columns);
  for (let start = 0; start < rows.length; start += BATCH_ROWS) {
    const batch = rows.slice(start, start + BATCH_ROWS);
    const tuples = batch.map(
      (row) =>
        `(${columns.map((c) => `CAST(${scalarLiteral(row[c.name])} AS ${c.type})`).join(', ')})`,
    );
    await engine.exec(`INSERT INTO ${ident(name)} VALUES ${tuples.join(',\n')}`);
  }
}

/** `CREATE OR REPLACE TABLE` with the columns' names and types, no rows. */
export async function createEmptyTable(
  engine: Engine,
  table: string,
  columns: ReadonlyArray<{ name: string; type: string }>,
): Promise<void> {
  if (columns.length === 0) throw new Error(`Table ${table} would have no columns`);
  const definition = columns.map((c) => `${ident(c.name)} ${c.type}`).join(', ');
  await engine.exec(`CREATE OR REPLACE TABLE ${ident(table)} (${definition})`);
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

export interface TableEntry {
  name: string;
  kind: 'table' | 'view';
}

/**
 * Tables and views of the notebook's database (its main schema), by name. The one listing
 * every part of the project uses; the catalog filter keeps DuckDB's own empty `memory`
 * database out (see settings.ts).
 */
export async function listTableEntries(engine: Engine): Promise<TableEntry[]> {
  const { rows } = await engine.query(
    `SELECT table_name, table_type FROM information_schema.tables
     WHERE table_catalog = current_database() AND table_schema = 'main' ORDER BY table_name`,
  );
  return rows.map((r) => ({
    name: String(r.table_name),
    kind: r.table_type === 'VIEW' ? 'view' : 'table',
  }));
}

/**
 * Whether the notebook's main schema holds a table or view called `name` (in any case, as
 * DuckDB matches names). A zero-row select is answered from the catalog lookup alone; listing
 * information_schema instead costs DuckDB-WASM about 90 ms the first time in a page, and every
 * statistics cell and chart asks this on the way to the notebook's first chart. A view whose
 * own tables are gone still exists: the cell's query then reports what is missing.
 */
export async function hasTable(engine: Engine, name: string): Promise<boolean> {
  try {
    await engine.query(`SELECT * FROM ${ident(NOTEBOOK_DATABASE)}.main.${ident(name)} LIMIT 0`);
    return true;
  } catch (error) {
    const missing = missingTableName(error);
    if (missing === undefined) throw error;
    return missing.toLowerCase() !== name.toLowerCase();
  }
}

/** The table a DuckDB error says does not exist, when that is what it says. */
export function missingTableName(error: unknown): string | undefined {
  if (!(error instanceof EngineError)) return undefined;
  return /Table with name (.+?) does not exist/.exec(error.message)?.[1];
}

/** Names of all tables and views in the main schema. */
export async function listTables(engine: Engine): Promise<string[]> {
  return (await listTableEntries(engine)).map((t) => t.name);
}

/** Drops every table and view in the main schema (views first: they may read tables). */
export async function dropAllTables(engine: Engine): Promise<void> {
  const entries = await listTableEntries(engine);
  const viewsFirst = [
    ...entries.filter((t) => t.kind === 'view'),
    ...entries.filter((t) => t.kind === 'table'),
  ];
  for (const t of viewsFirst) {
    await engine.exec(
      `DROP ${t.kind === 'view' ? 'VIEW' : 'TABLE'} IF EXISTS ${ident(t.name)} CASCADE`,
    );
  }
}

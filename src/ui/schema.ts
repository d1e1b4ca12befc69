/**
 * What the session's DuckDB holds right now, read from information_schema: the data panel
 * lists it and the editors complete table and column names from it.
 */
import type { ColumnInfo, Engine } from '../engine/Engine.ts';
import { ident, literal } from '../engine/sql.ts';
import { listTableEntries } from '../engine/tables.ts';

export interface TableInfo {
  name: string;
  kind: 'table' | 'view';
  /** Exact row count for tables; views are not counted (that would run them). */
  rows?: number;
  columns: ColumnInfo[];
}

export async function readSchema(engine: Engine): Promise<TableInfo[]> {
  const kinds = await listTableEntries(engine);
  const columns = await engine.query(
    `SELECT table_name, column_name, data_type FROM information_schema.columns
     WHERE table_catalog = current_database() AND table_schema = 'main' ORDER BY table_name, ordinal_position`,
  );
  const byTable = new Map<string, ColumnInfo[]>();
  for (const row of columns.rows) {
    const name = String(row.table_name);
    const list = byTable.get(name) ?? [];
    list.push({ name: String(row.column_name), type: String(row.data_type) });
    byTable.set(name, list);
  }
  const counts = await countRows(
    engine,
    kinds.filter((t) => t.kind === 'table').map((t) => t.name),
  );
  const out: TableInfo[] = kinds.map(({ name, kind }) => ({
    name,
    kind,
    rows: counts.get(name),
    columns: byTable.get(name) ?? [],
  }));
  return out;
}

/** Every table's row count in one query (this runs after each notebook run). */
async function countRows(engine: Engine, names: string[]): Promise<Map<string, number>> {
  if (names.length === 0) return new Map();
  const { rows } = await engine.query(
    names
      .map((n) => `SELECT ${literal(n)} AS t, count(*) AS n FROM ${ident(n)}`)
      .join(' UNION ALL '),
  );
  return new Map(rows.map((r) => [String(r.t), Number(r.n)]));
}

/** Tables and their columns, the shape CodeMirror's SQL completion takes. */
export function completionSchema(tables: readonly TableInfo[]): Record<string, string[]> {
  return Object.fromEntries(tables.map((t) => [t.name, t.columns.map((c) => c.name)]));
}

/**
 * Reading a result table a page at a time, so that a million-row table is shown by fetching
 * only the rows on screen. Sorting is DuckDB's ORDER BY, done once: the sorted order is kept
 * as a permutation of row ids (8 bytes a row) in a schema of its own, and each page is a
 * LIMIT/OFFSET over it. A plain `ORDER BY … LIMIT 50 OFFSET 500000` would sort again for
 * every page, and take seconds for pages in the middle of a large table.
 */
import type { ColumnInfo, Engine, Row } from '../engine/Engine.ts';
import { ident } from '../engine/sql.ts';
import { listTableEntries } from '../engine/tables.ts';

export interface SortKey {
  column: string;
  descending: boolean;
}

/** How to read a table's rows: as stored, or in a sorted order made by sortRows. */
export interface RowOrder {
  table: string;
  sort?: SortKey;
  /** The sorted row ids, when the table has row ids (views do not). */
  permutation?: string;
}

export interface Page {
  offset: number;
  rows: Row[];
  columns: ColumnInfo[];
  /** Time the query took, in milliseconds. */
  ms: number;
}

/**
 * Sorted orders live here, out of the `main` schema: the data panel, completion and the
 * runner's table bookkeeping never see them, and no notebook can come to depend on one.
 */
export const ORDER_SCHEMA = 'statecraft_ui';

let made = 0;

/** The table's rows as stored (insertion order, which DuckDB keeps for plain scans). */
export function naturalOrder(table: string): RowOrder {
  return { table };
}

/**
 * Sorts the table once, by one column (NULLs last either way; ties keep the stored order,
 * so paging is stable). Release the order when done with it.
 */
export async function sortRows(engine: Engine, table: string, sort: SortKey): Promise<RowOrder> {
  if (!(await isBaseTable(engine, table))) return { table, sort };
  made += 1;
  const permutation = `${ident(ORDER_SCHEMA)}.${ident(`order_${made}_${Date.now().toString(36)}`)}`;
  await engine.exec(`CREATE SCHEMA IF NOT EXISTS ${ident(ORDER_SCHEMA)}`);
  // CREATE TABLE … ORDER BY stores the rows in that order, so the permutation's own row id is
  // the position in the sorted table.
  await engine.exec(
    `CREATE TABLE ${permutation} AS SELECT rowid AS source_row FROM ${ident(table)} ORDER BY ${sortSql(sort)}, rowid`,
  );
  return { table, sort, permutation };
}

/** Drops a sorted order's permutation, if it made one. */
export async function releaseOrder(engine: Engine, order: RowOrder): Promise<void> {
  if (order.permutation) await engine.exec(`DROP TABLE IF EXISTS ${order.permutation}`);
}

/** Rows [offset, offset + limit) of the table in the given order. */
export async function fetchPage(
  engine: Engine,
  order: RowOrder,
  offset: number,
  limit: number,
): Promise<Page> {
  const started = performance.now();
  const result = await engine.query(pageSql(order, offset, limit));
  return {
    offset,
    rows: result.rows,
    columns: result.columns,
    ms: performance.now() - started,
  };
}

/** The SQL for one page (exported for tests and for the curious). */
export function pageSql(order: RowOrder, offset: number, limit: number): string {
  const window = `LIMIT ${wholeNumber(limit)} OFFSET ${wholeNumber(offset)}`;
  const table = ident(order.table);
  if (order.permutation) {
    return `SELECT t.* FROM (SELECT rowid AS position, source_row FROM ${order.permutation} ${window}) AS p
      JOIN ${table} AS t ON t.rowid = p.source_row ORDER BY p.position`;
  }
  if (order.sort) return `SELECT * FROM ${table} ORDER BY ${sortSql(order.sort)} ${window}`;
  return `SELECT * FROM ${table} ${window}`;
}

function sortSql({ column, descending }: SortKey): string {
  return `${ident(column)} ${descending ? 'DESC' : 'ASC'} NULLS LAST`;
}

async function isBaseTable(engine: Engine, table: string): Promise<boolean> {
  return (await listTableEntries(engine)).some((t) => t.name === table && t.kind === 'table');
}

function wholeNumber(n: number): number {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`Not a row position: ${n}`);
  return n;
}

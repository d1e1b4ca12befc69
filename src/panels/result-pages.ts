/**
 * Reading a result table a page at a time, so that a million-row table is shown by fetching
 * only the rows on screen. Sorting is DuckDB's ORDER BY, done once: the sorted order is kept
 * as a permutation of row ids (8 bytes a row) in a schema of its own, and each page is a
 * LIMIT/OFFSET over it. A plain `ORDER BY … LIMIT 50 OFFSET 500000` would sort again for
 * every page, and take seconds for pages in the middle of a large table.
 */
import type { ColumnInfo, Engine, QueryResult, Row, Value } from '../engine/Engine.ts';
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

/**
 * Rows [offset, offset + limit) of the table in the given order, each value capped for the
 * page (capValue). Given the table's `columns`, long texts are cut by DuckDB already, so a
 * page of 100-megabyte texts never leaves its worker.
 */
export async function fetchPage(
  engine: Engine,
  order: RowOrder,
  offset: number,
  limit: number,
  columns?: readonly ColumnInfo[],
): Promise<Page> {
  const started = performance.now();
  const result = await engine.query(pageSql(order, offset, limit, columns));
  const cutInSql = new Set(columns?.filter(isText).map((c) => c.name));
  return {
    offset,
    rows: capRows(result.rows, cutInSql),
    columns: result.columns,
    ms: performance.now() - started,
  };
}

/**
 * The SQL for one page (exported for tests and for the curious). With the table's `columns`,
 * text columns come back capped as cappedText would cap them.
 */
export function pageSql(
  order: RowOrder,
  offset: number,
  limit: number,
  columns?: readonly ColumnInfo[],
): string {
  const window = `LIMIT ${wholeNumber(limit)} OFFSET ${wholeNumber(offset)}`;
  const table = ident(order.table);
  const select = (alias: string) => selectList(alias, columns);
  if (order.permutation) {
    return `SELECT ${select('t')} FROM (SELECT rowid AS position, source_row FROM ${order.permutation} ${window}) AS p
      JOIN ${table} AS t ON t.rowid = p.source_row ORDER BY p.position`;
  }
  if (order.sort) {
    return `SELECT ${select('t')} FROM ${table} AS t ORDER BY ${sortSql(order.sort, 't')} ${window}`;
  }
  return `SELECT ${select('t')} FROM ${table} AS t ${window}`;
}

/**
 * The most characters of one value a preview brings to the page. Chromium's renderer dies
 * (the tab goes blank, no message) laying out a text node of 100 million characters, which
 * one `SELECT repeat('x', 100000000)` makes; the page shows the start and the length instead.
 * The whole value stays in DuckDB: downloads and results.json are not capped.
 */
export const PREVIEW_TEXT_CHARS = 1_000;

const COUNT = new Intl.NumberFormat('en-US');

/**
 * A long text as its first `limit` characters and its length: "xxxx… (100,000,000
 * characters)". Characters are Unicode code points, as DuckDB's length() counts them.
 */
export function cappedText(text: string, limit = PREVIEW_TEXT_CHARS): string {
  // Fewer UTF-16 units than the limit means fewer code points too: the common case is free.
  if (text.length <= limit) return text;
  // Capped already (a preview shown by a table that caps what it draws): kept as it is.
  const capped = CAPPED.exec(text);
  if (capped && codePoints(text.slice(0, capped.index)) === limit) return text;
  let units = 0;
  let points = 0;
  let cut = -1;
  while (units < text.length) {
    if (points === limit) cut = units;
    units += isPairAt(text, units) ? 2 : 1;
    points += 1;
  }
  if (cut < 0) return text;
  return `${text.slice(0, cut)}… (${COUNT.format(points)} characters)`;
}

/** The end cappedText puts on a text. */
const CAPPED = /… \([\d,]+ characters\)$/;

function codePoints(text: string): number {
  let points = 0;
  for (let i = 0; i < text.length; i += isPairAt(text, i) ? 2 : 1) points += 1;
  return points;
}

/**
 * A value as a preview may carry it: long texts capped, and lists or structs whose text
 * would be long replaced by that text, capped.
 */
export function capValue(value: Value): Value {
  if (typeof value === 'string') return cappedText(value);
  if (value === null || typeof value !== 'object') return value;
  const json = JSON.stringify(value);
  return json.length > PREVIEW_TEXT_CHARS ? cappedText(json) : value;
}

/** A result with every value capped (capValue); the same object when nothing needed it. */
export function capResult(result: QueryResult): QueryResult {
  const rows = capRows(result.rows, new Set());
  return rows === result.rows ? result : { columns: result.columns, rows };
}

function capRows(rows: Row[], skip: ReadonlySet<string>): Row[] {
  let changed = false;
  const capped = rows.map((row) => {
    let copy: Row | undefined;
    for (const [name, value] of Object.entries(row)) {
      if (skip.has(name)) continue;
      const shown = capValue(value);
      if (shown !== value) (copy ??= { ...row })[name] = shown;
    }
    if (copy) changed = true;
    return copy ?? row;
  });
  return changed ? capped : rows;
}

function isPairAt(text: string, i: number): boolean {
  const high = text.charCodeAt(i);
  const low = text.charCodeAt(i + 1);
  return high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff;
}

function isText(column: ColumnInfo): boolean {
  return column.type === 'VARCHAR';
}

/** `alias.*`, or every column with the text ones capped in DuckDB as cappedText does. */
function selectList(alias: string, columns: readonly ColumnInfo[] | undefined): string {
  if (!columns?.some(isText)) return `${alias}.*`;
  return columns
    .map((c) => {
      const column = `${alias}.${ident(c.name)}`;
      if (!isText(c)) return column;
      const limit = PREVIEW_TEXT_CHARS;
      return `CASE WHEN length(${column}) > ${limit} THEN left(${column}, ${limit}) || '… (' || format('{:,}', length(${column})) || ' characters)' ELSE ${column} END AS ${ident(c.name)}`;
    })
    .join(', ');
}

function sortSql({ column, descending }: SortKey, alias?: string): string {
  const name = alias ? `${alias}.${ident(column)}` : ident(column);
  return `${name} ${descending ? 'DESC' : 'ASC'} NULLS LAST`;
}

async function isBaseTable(engine: Engine, table: string): Promise<boolean> {
  return (await listTableEntries(engine)).some((t) => t.name === table && t.kind === 'table');
}

function wholeNumber(n: number): number {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`Not a row position: ${n}`);
  return n;
}

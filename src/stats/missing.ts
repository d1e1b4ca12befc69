/**
 * The `<name>_missing` table every statistics cell writes: how many rows each model column
 * lacks a value in, and how many rows the cell left out because of any of them. A bare "245
 * rows were left out" sends the reader hunting by hand for the column to blame.
 */
import type { ColumnInfo, Engine, Row } from '../engine/Engine.ts';
import { ident } from '../engine/sql.ts';
import { isFloatType } from '../shared/column-types.ts';
import type { TableData } from '../shared/table-data.ts';

/**
 * The `column` value of the row counting rows with a missing value in any model column (what
 * listwise deletion — R's na.omit — leaves out). Parenthesised like R's `(Intercept)`, so it
 * reads as no column of the data.
 */
export const LISTWISE = '(listwise)';

export const MISSING_COLUMNS: ColumnInfo[] = [
  { name: 'column', type: 'VARCHAR' },
  { name: 'missing', type: 'BIGINT' },
];

export interface MissingCount {
  column: string;
  missing: number;
}

/**
 * SQL true where `column` has no value. With `nan`, a floating NaN counts too, as R's is.na
 * counts it (the logit leaves NaN out); rate and crosstab group a NaN like any value, so for
 * them only NULL is missing.
 */
export function missingSql(column: ColumnInfo, nan: boolean): string {
  const name = ident(column.name);
  return nan && isFloatType(column.type)
    ? `(${name} IS NULL OR isnan(${name}))`
    : `${name} IS NULL`;
}

/**
 * SQL true where `column` has a value: what a logit keeps (NaN is missing to it), so a filter
 * made of these gives every cell the logit's own sample.
 */
export function presentSql(column: ColumnInfo): string {
  const name = ident(column.name);
  return isFloatType(column.type)
    ? `(${name} IS NOT NULL AND NOT isnan(${name}))`
    : `${name} IS NOT NULL`;
}

/** The model columns once each, in model order (the outcome may also be named as a group). */
export function distinctColumns(columns: ColumnInfo[]): ColumnInfo[] {
  return columns.filter((c, i) => columns.findIndex((d) => d.name === c.name) === i);
}

/** SELECT items counting each column's missing values (`m0`, `m1`, …) and any (`m_any`). */
export function missingCountsSql(columns: ColumnInfo[], nan: boolean): string {
  const each = columns.map((c, i) => `count_if(${missingSql(c, nan)}) AS m${i}`);
  const any = columns.length
    ? `count_if(${columns.map((c) => missingSql(c, nan)).join(' OR ')})`
    : '0';
  return [...each, `${any} AS m_any`].join(', ');
}

/** Reads what missingCountsSql selected back as one count per column, then the listwise one. */
export function missingCountsOf(columns: ColumnInfo[], row: Row): MissingCount[] {
  return [
    ...columns.map((c, i) => ({ column: c.name, missing: Number(row[`m${i}`]) })),
    { column: LISTWISE, missing: Number(row.m_any) },
  ];
}

/** One scan of `from` for the counts of `columns` (rate and crosstab; the logit folds them in). */
export async function countMissing(
  engine: Engine,
  from: string,
  columns: ColumnInfo[],
  nan: boolean,
): Promise<MissingCount[]> {
  const unique = distinctColumns(columns);
  const { rows } = await engine.query(
    `SELECT ${missingCountsSql(unique, nan)} FROM ${ident(from)}`,
  );
  return missingCountsOf(unique, rows[0]);
}

export function missingTable(counts: MissingCount[]): TableData {
  return { columns: MISSING_COLUMNS, rows: counts.map((c) => ({ ...c })) };
}

/**
 * "245 rows left out: impositionEU_intensity 245" — the columns that lack values, largest
 * first; undefined when no row was left out. Shared by the page, the report and the explorer.
 */
export function describeMissing(rows: readonly Row[]): string | undefined {
  const total = rows.find((r) => r.column === LISTWISE);
  const left = Number(total?.missing ?? 0);
  if (!total || left === 0) return undefined;
  const parts = rows
    .filter((r) => r.column !== LISTWISE && Number(r.missing) > 0)
    .sort((a, b) => Number(b.missing) - Number(a.missing))
    .map((r) => `${String(r.column)} ${Number(r.missing)}`);
  return `${left} ${left === 1 ? 'row' : 'rows'} left out: ${parts.join(', ')}`;
}

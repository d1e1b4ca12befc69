/**
 * A crosstab cell's long-format table (`<rows>, <cols>, n, row_share`) laid out as the
 * contingency table a reader expects: one line per row value, one column per column value.
 * Pure layout of numbers the runner already computed.
 */
import type { Row, Value } from '../engine/Engine.ts';

export interface CrosstabGrid {
  rowValues: Value[];
  colValues: Value[];
  /** cells[i][j]: count and row share for rowValues[i] × colValues[j]. */
  cells: { n: number; share: number | null }[][];
  rowTotals: number[];
  colTotals: number[];
  total: number;
}

export function crosstabGrid(rows: readonly Row[], rowCol: string, colCol: string): CrosstabGrid {
  const rowValues = distinct(rows.map((r) => r[rowCol]));
  const colValues = distinct(rows.map((r) => r[colCol]));
  const key = (v: Value) => JSON.stringify(v);
  const rowIndex = new Map(rowValues.map((v, i) => [key(v), i]));
  const colIndex = new Map(colValues.map((v, i) => [key(v), i]));
  const cells = rowValues.map(() => colValues.map(() => ({ n: 0, share: null as number | null })));
  for (const row of rows) {
    const cell = cells[rowIndex.get(key(row[rowCol]))!][colIndex.get(key(row[colCol]))!];
    cell.n += typeof row.n === 'number' ? row.n : 0;
    cell.share = typeof row.row_share === 'number' ? row.row_share : null;
  }
  const rowTotals = cells.map((line) => line.reduce((sum, c) => sum + c.n, 0));
  const colTotals = colValues.map((_, j) => cells.reduce((sum, line) => sum + line[j].n, 0));
  return {
    rowValues,
    colValues,
    cells,
    rowTotals,
    colTotals,
    total: rowTotals.reduce((a, b) => a + b, 0),
  };
}

/** First-seen order: the runner already sorted the levels the way DuckDB orders them. */
function distinct(values: Value[]): Value[] {
  const seen = new Set<string>();
  const out: Value[] = [];
  for (const value of values) {
    const k = JSON.stringify(value);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(value);
    }
  }
  return out;
}

/**
 * What a crosstab cell's tables show: stat-tables.ts has the cells, and the page and the report
 * draw them.
 */
import type { QueryResult } from '../../../engine/Engine.ts';
import { crosstabGrid } from '../../crosstab-grid.ts';
import { formatCount, formatNumber, formatP, formatPercent, formatValue } from '../../format.ts';
import {
  columnName,
  head,
  num,
  rowHead,
  starred,
  text,
  type StatCell,
  type TableLayout,
} from '../../stat-tables.ts';

/** `labels`: variable labels of the `from` table's columns, for the caption and the corner. */
export function crosstabTable(
  counts: QueryResult,
  rows: string,
  cols: string,
  labels: Readonly<Record<string, string>> = {},
): TableLayout {
  const grid = crosstabGrid(counts.rows, rows, cols);
  return {
    cls: 'stats crosstab',
    caption: [
      text('Counts (row %) of '),
      columnName(rows, labels),
      text(' by '),
      columnName(cols, labels),
    ],
    head: [
      head([columnName(rows, labels), text(' \\ '), columnName(cols, labels)]),
      ...grid.colValues.map((v) => head(formatValue(v), 'num')),
      head('Total', 'num'),
    ],
    body: grid.rowValues.map((value, i) => [
      rowHead(formatValue(value)),
      ...grid.cells[i].map((c): StatCell => ({
        spans: [text(`${formatCount(c.n)} `), { text: `(${formatPercent(c.share)})`, as: 'muted' }],
        cls: 'num',
      })),
      num(formatCount(grid.rowTotals[i])),
    ]),
    foot: [
      rowHead('Total'),
      ...grid.colTotals.map((t) => num(formatCount(t))),
      num(formatCount(grid.total)),
    ],
  };
}

/** The tests of independence, if the cell has any; print STARS_NOTE under it. */
export function crosstabTestTable(test: QueryResult | undefined): TableLayout | undefined {
  if (!test || test.rows.length === 0) return undefined;
  return {
    cls: 'stats tests',
    caption: [text('Tests of independence')],
    head: [head('Test'), head('Statistic', 'num'), head('df', 'num'), head('p', 'num')],
    body: test.rows.map((row) => [
      rowHead(String(row.method)),
      num(formatNumber(row.statistic, 3)),
      num(typeof row.df === 'number' ? formatCount(row.df) : '—'),
      starred(formatP(row.p_value), row.p_value),
    ]),
  };
}

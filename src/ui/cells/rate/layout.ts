/** What a rate cell's table shows: stat-tables.ts has the cells; the page and report draw it. */
import type { QueryResult } from '../../../engine/Engine.ts';
import {
  formatCount,
  formatInterval,
  formatPercent,
  formatValue,
  levelLabel,
} from '../../format.ts';
import { columnName, head, num, rowHead, text, type TableLayout } from '../../stat-tables.ts';

const RATE_COLUMNS = ['n', 'successes', 'rate', 'lower', 'upper'];

/** `labels`: variable labels of the `from` table's columns, which head the groups and outcome. */
export function rateTable(
  result: QueryResult,
  outcome: string,
  level?: number,
  labels: Readonly<Record<string, string>> = {},
): TableLayout {
  const groups = result.columns.filter((c) => !RATE_COLUMNS.includes(c.name));
  const ci = levelLabel(level);
  return {
    cls: 'stats',
    caption: [
      text('Share with '),
      columnName(outcome, labels),
      text(` true, with ${ci} Wilson intervals`),
    ],
    head: [
      ...groups.map((c) => head([columnName(c.name, labels)])),
      head('n', 'num'),
      head([columnName(outcome, labels)], 'num'),
      head('rate', 'num'),
      head(`${ci} CI`, 'num'),
    ],
    body: result.rows.map((row) => [
      ...groups.map((c) => rowHead(formatValue(row[c.name]))),
      num(formatCount(row.n)),
      num(formatCount(row.successes)),
      num(formatPercent(row.rate), 'num strong'),
      num(formatInterval(row.lower, row.upper, 'percent')),
    ]),
  };
}

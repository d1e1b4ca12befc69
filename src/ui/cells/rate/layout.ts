/** What a rate cell's table shows: stat-tables.ts has the cells; the page and report draw it. */
import type { QueryResult } from '../../../engine/Engine.ts';
import {
  formatCount,
  formatInterval,
  formatPercent,
  formatValue,
  levelLabel,
} from '../../format.ts';
import { code, head, num, rowHead, text, type TableLayout } from '../../stat-tables.ts';

const RATE_COLUMNS = ['n', 'successes', 'rate', 'lower', 'upper'];

export function rateTable(result: QueryResult, outcome: string, level?: number): TableLayout {
  const groups = result.columns.filter((c) => !RATE_COLUMNS.includes(c.name));
  const ci = levelLabel(level);
  return {
    cls: 'stats',
    caption: [text('Share with '), code(outcome), text(` true, with ${ci} Wilson intervals`)],
    head: [
      ...groups.map((c) => head(c.name)),
      head('n', 'num'),
      head([code(outcome)], 'num'),
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

/**
 * What a margins cell's tables show (drawn by the page and the report): the average effects
 * on the probability, with intervals, and the curve of average predictions with the note that
 * its intervals are not clamped.
 */
import type { QueryResult } from '../../../engine/Engine.ts';
import { formatInterval, formatNumber, formatP, formatValue, levelLabel } from '../../format.ts';
import { code, head, num, rowHead, starred, text, type TableLayout } from '../../stat-tables.ts';

/** An ordered logit's tables have a `category` column: the outcome category each row is for. */
function hasCategory(table: QueryResult): boolean {
  return table.columns.some((c) => c.name === 'category');
}

export function effectsTable(effects: QueryResult, model: string, level?: number): TableLayout {
  const byCategory = hasCategory(effects);
  return {
    cls: 'stats margins',
    caption: [
      text(
        `Average marginal effects on the probability${byCategory ? ' of each category' : ''}, model `,
      ),
      code(model),
    ],
    head: [
      head('Term'),
      ...(byCategory ? [head('Category')] : []),
      head('Contrast'),
      head('Effect', 'num'),
      head('Std. error', 'num'),
      head('z', 'num'),
      head('p', 'num'),
      head(`${levelLabel(level)} interval`, 'num'),
    ],
    body: effects.rows.map((row) => [
      rowHead([code(String(row.term))]),
      ...(byCategory ? [{ spans: [text(formatValue(row.category))] }] : []),
      { spans: [text(String(row.contrast))] },
      starred(formatNumber(row.estimate), row.p_value),
      num(formatNumber(row.std_error)),
      num(formatNumber(row.statistic, 2)),
      num(formatP(row.p_value)),
      num(formatInterval(row.conf_low, row.conf_high)),
    ]),
  };
}

export function curveTable(curve: QueryResult, level?: number): TableLayout | undefined {
  const variable = curve.columns[0]?.name;
  if (!variable) return undefined;
  const byCategory = hasCategory(curve);
  return {
    cls: 'stats margins-curve',
    caption: [
      text(
        `Average predicted probability${byCategory ? ' of each category' : ''} at each value of `,
      ),
      code(variable),
      text(' (every other variable as observed)'),
    ],
    head: [
      head([code(variable)]),
      ...(byCategory ? [head('Category')] : []),
      head('Predicted', 'num'),
      head('Std. error', 'num'),
      head(`${levelLabel(level)} interval`, 'num'),
    ],
    body: curve.rows.map((row) => [
      rowHead(formatValue(row[variable])),
      ...(byCategory ? [{ spans: [text(formatValue(row.category))] }] : []),
      num(formatNumber(row.predicted)),
      num(formatNumber(row.std_error)),
      num(formatInterval(row.lower, row.upper)),
    ]),
  };
}

/** Under the curve: what its intervals are, so a bound below 0 does not read as a bug. */
export const CURVE_NOTE =
  'Delta-method intervals, not clamped to [0, 1], as R’s marginaleffects::avg_predictions reports them.';

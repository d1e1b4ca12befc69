/**
 * What the rate, crosstab and logit tables show: their columns, headings and the formatting
 * of every number, as plain data. The page (StatTable.svelte, via RateView, CrosstabView and
 * LogitView) and the HTML report (report-tables.ts) both render these, so the two cannot
 * drift apart.
 */
import type { QueryResult, Row } from '../engine/Engine.ts';
import { crosstabGrid } from './crosstab-grid.ts';
import {
  formatCount,
  formatInterval,
  formatNumber,
  formatP,
  formatPercent,
  formatValue,
  levelLabel,
  stars,
} from './format.ts';

/**
 * A run of text: plain, a column or term name (`code`), a headline number (`strong`), an
 * aside (`muted`) or significance stars (`stars`).
 */
export interface Span {
  text: string;
  as?: 'code' | 'strong' | 'muted' | 'stars';
}

export interface StatCell {
  spans: Span[];
  /** Class of the cell: `num` for numbers (right-aligned), `num strong` for the headline one. */
  cls?: string;
  /** The row's label, a `<th scope="row">`. */
  rowHead?: boolean;
}

export interface TableLayout {
  cls: string;
  caption: Span[];
  head: StatCell[];
  body: StatCell[][];
  foot?: StatCell[];
}

export interface FitItem {
  label: string;
  value: string;
  /** The model did not converge. */
  bad?: boolean;
}

export const STARS_NOTE = '* p < 0.05, ** p < 0.01, *** p < 0.001';
export const LOGIT_NOTE = `Wald tests and intervals. Standard errors in parentheses. ${STARS_NOTE}`;

const text = (t: string): Span => ({ text: t });
const code = (t: string): Span => ({ text: t, as: 'code' });
const head = (spans: Span[] | string, cls = ''): StatCell => ({
  spans: typeof spans === 'string' ? [text(spans)] : spans,
  cls,
});
const num = (t: string, cls = 'num'): StatCell => ({ spans: [text(t)], cls });
const rowHead = (spans: Span[] | string): StatCell => ({
  spans: typeof spans === 'string' ? [text(spans)] : spans,
  rowHead: true,
});
/** A number followed by its stars (the span is there, empty, when there are none). */
const starred = (t: string, p: Row[string], cls = 'num'): StatCell => ({
  spans: [text(t), { text: stars(p), as: 'stars' }],
  cls,
});

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

export function crosstabTable(counts: QueryResult, rows: string, cols: string): TableLayout {
  const grid = crosstabGrid(counts.rows, rows, cols);
  return {
    cls: 'stats crosstab',
    caption: [text('Counts (row %) of '), code(rows), text(' by '), code(cols)],
    head: [
      head([code(rows), text(' \\ '), code(cols)]),
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

/** The coefficients; print LOGIT_NOTE under it. */
export function logitTable(
  coefficients: QueryResult,
  formula: string,
  level?: number,
): TableLayout {
  const ci = levelLabel(level);
  return {
    cls: 'stats logit',
    caption: [text('Logistic regression: '), code(formula)],
    head: [
      head('Term'),
      head('Estimate', 'num'),
      head('SE', 'num'),
      head('z', 'num'),
      head('p', 'num'),
      head(`${ci} CI`, 'num'),
      head(`Odds ratio [${ci} CI]`, 'num'),
    ],
    body: coefficients.rows.map((row) => [
      rowHead([code(String(row.term))]),
      starred(formatNumber(row.estimate), row.p_value, 'num strong'),
      num(`(${formatNumber(row.std_error)})`),
      num(formatNumber(row.statistic, 2)),
      num(formatP(row.p_value)),
      num(formatInterval(row.conf_low, row.conf_high)),
      { spans: oddsRatio(row), cls: 'num' },
    ]),
  };
}

/** The intercept has no odds ratio to speak of: its cell is empty. */
function oddsRatio(row: Row): Span[] {
  if (row.term === '(Intercept)') return [];
  if (typeof row.odds_ratio !== 'number') return [text('—')];
  return [
    { text: formatNumber(row.odds_ratio), as: 'strong' },
    text(` ${formatInterval(row.or_low, row.or_high)}`),
  ];
}

/** The model's fit statistics and its warning, if it has any. */
export function logitFit(
  fit: QueryResult | undefined,
): { items: FitItem[]; warning?: string } | undefined {
  const stats = fit?.rows[0];
  if (!stats) return undefined;
  return {
    warning: stats.warning ? String(stats.warning) : undefined,
    items: [
      { label: 'N', value: formatCount(stats.n) },
      { label: 'Log-likelihood', value: formatNumber(stats.log_likelihood) },
      { label: 'AIC', value: formatNumber(stats.aic) },
      { label: 'Residual deviance', value: formatNumber(stats.deviance) },
      { label: 'Null deviance', value: formatNumber(stats.null_deviance) },
      { label: 'Iterations', value: formatValue(stats.iterations) },
      {
        label: 'Converged',
        value: stats.converged ? 'yes' : 'no',
        bad: stats.converged === false,
      },
    ],
  };
}

export function logitPredictedTable(
  predicted: QueryResult | undefined,
  predictor: string | undefined,
  level?: number,
): TableLayout | undefined {
  if (!predicted || !predictor || predicted.rows.length === 0) return undefined;
  const ci = levelLabel(level);
  return {
    cls: 'stats predicted',
    caption: [
      text('Average predicted probability by '),
      code(predictor),
      text(` (others at observed values), ${ci} delta-method intervals`),
    ],
    head: [
      head([code(predictor)]),
      head('Predicted', 'num'),
      head(`${ci} CI`, 'num'),
      head('n', 'num'),
    ],
    body: predicted.rows.map((row) => [
      rowHead(formatValue(row[predictor])),
      num(formatPercent(row.predicted), 'num strong'),
      num(formatInterval(row.lower, row.upper, 'percent')),
      num(formatCount(row.n)),
    ]),
  };
}

/**
 * What an ordered logit's tables show: the coefficients and cut-points, and the predicted
 * share of each category by one predictor. The fit statistics are the logit's (logitFit).
 */
import type { QueryResult, Row } from '../../../engine/Engine.ts';
import {
  formatCount,
  formatInterval,
  formatNumber,
  formatP,
  formatPercent,
  formatValue,
  levelLabel,
} from '../../format.ts';
import {
  code,
  head,
  num,
  rowHead,
  starred,
  STARS_NOTE,
  text,
  type Span,
  type TableLayout,
} from '../../stat-tables.ts';

export const OLOGIT_NOTE =
  'Wald tests and intervals. Standard errors in parentheses. Cut-points k|k+1 are on the ' +
  `logit scale of P(Y ≤ k): logit P(Y ≤ k) = ζ_k − xβ. ${STARS_NOTE}`;

export function ologitTable(
  coefficients: QueryResult,
  formula: string,
  level?: number,
): TableLayout {
  const ci = levelLabel(level);
  return {
    cls: 'stats logit ologit',
    caption: [text('Ordered logistic regression: '), code(formula)],
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
      rowHead(
        row.type === 'cutpoint'
          ? [code(String(row.term)), { text: ' cut-point', as: 'muted' }]
          : [code(String(row.term))],
      ),
      // A cut-point's test against 0 means nothing: no stars for it.
      row.type === 'cutpoint'
        ? num(formatNumber(row.estimate), 'num strong')
        : starred(formatNumber(row.estimate), row.p_value, 'num strong'),
      num(`(${formatNumber(row.std_error)})`),
      num(formatNumber(row.statistic, 2)),
      num(row.type === 'cutpoint' ? '' : formatP(row.p_value)),
      num(formatInterval(row.conf_low, row.conf_high)),
      { spans: oddsRatio(row), cls: 'num' },
    ]),
  };
}

function oddsRatio(row: Row): Span[] {
  if (row.type === 'cutpoint') return [];
  if (typeof row.odds_ratio !== 'number') return [text('—')];
  return [
    { text: formatNumber(row.odds_ratio), as: 'strong' },
    text(` ${formatInterval(row.or_low, row.or_high)}`),
  ];
}

export function ologitPredictedTable(
  predicted: QueryResult | undefined,
  predictor: string | undefined,
  level?: number,
): TableLayout | undefined {
  if (!predicted || !predictor || predicted.rows.length === 0) return undefined;
  const ci = levelLabel(level);
  return {
    cls: 'stats predicted',
    caption: [
      text('Average predicted probability of each category by '),
      code(predictor),
      text(` (others at observed values), ${ci} delta-method intervals`),
    ],
    head: [
      head([code(predictor)]),
      head('Category'),
      head('Predicted', 'num'),
      head(`${ci} CI`, 'num'),
      head('n', 'num'),
    ],
    body: predicted.rows.map((row, i) => {
      // The level is written once, on its first category's line.
      const first = i === 0 || predicted.rows[i - 1][predictor] !== row[predictor];
      return [
        rowHead(first ? formatValue(row[predictor]) : ''),
        { spans: [text(formatValue(row.category))] },
        num(formatPercent(row.predicted), 'num strong'),
        num(formatInterval(row.lower, row.upper, 'percent')),
        num(first ? formatCount(row.n) : ''),
      ];
    }),
  };
}

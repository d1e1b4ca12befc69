/**
 * What a logit cell's tables show: stat-tables.ts has the cells, and the page and the report
 * draw them.
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
  type FitItem,
  type Span,
  type TableLayout,
} from '../../stat-tables.ts';

export const LOGIT_NOTE = `Wald tests and intervals. Standard errors in parentheses. ${STARS_NOTE}`;

/**
 * How a binomial model's coefficient table reads: its caption, whether it has odds ratios and
 * its class. Each kind's folder holds its own (a probit's in src/ui/cells/probit).
 */
export interface BinomialStyle {
  caption: string;
  oddsRatios: boolean;
  cls: string;
}

export const LOGIT_STYLE: BinomialStyle = {
  caption: 'Logistic regression: ',
  oddsRatios: true,
  cls: 'logit',
};

const SE_LABELS: Record<string, string> = {
  HC0: 'robust (HC0)',
  HC1: 'robust (HC1)',
  HC2: 'robust (HC2)',
  HC3: 'robust (HC3)',
  stata: "robust (Stata's vce(robust): HC0 × n/(n − 1))",
};

/**
 * The note under the coefficients: LOGIT_NOTE, with the kind of standard errors when they are
 * not the model's own (from `_fit.se_type` and `clusters`).
 */
export function modelNote(fit: QueryResult | undefined, cluster?: string): string {
  const stats = fit?.rows[0];
  const se = stats?.se_type;
  if (typeof se !== 'string' || se === 'model') return LOGIT_NOTE;
  const kind =
    se === 'cluster'
      ? `clustered by ${cluster ?? 'cluster'} (${formatCount(stats?.clusters)} clusters)`
      : (SE_LABELS[se] ?? se);
  return `Wald tests and intervals. Standard errors, ${kind}, in parentheses. ${STARS_NOTE}`;
}

/** The coefficients; print modelNote under it. */
export function logitTable(
  coefficients: QueryResult,
  formula: string,
  level?: number,
  style: BinomialStyle = LOGIT_STYLE,
): TableLayout {
  const ci = levelLabel(level);
  const odds = style.oddsRatios;
  return {
    cls: `stats ${style.cls}`,
    caption: [text(style.caption), code(formula)],
    head: [
      head('Term'),
      head('Estimate', 'num'),
      head('SE', 'num'),
      head('z', 'num'),
      head('p', 'num'),
      head(`${ci} CI`, 'num'),
      ...(odds ? [head(`Odds ratio [${ci} CI]`, 'num')] : []),
    ],
    body: coefficients.rows.map((row) => [
      rowHead([code(String(row.term))]),
      starred(formatNumber(row.estimate), row.p_value, 'num strong'),
      num(`(${formatNumber(row.std_error)})`),
      num(formatNumber(row.statistic, 2)),
      num(formatP(row.p_value)),
      num(formatInterval(row.conf_low, row.conf_high)),
      ...(odds ? [{ spans: oddsRatio(row), cls: 'num' }] : []),
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
      ...(stats.method === 'firth'
        ? [{ label: 'Method', value: "Firth's penalised likelihood" }]
        : []),
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

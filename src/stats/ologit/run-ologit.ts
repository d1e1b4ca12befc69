import exp from '@stdlib/math-base-special-exp';
import ln from '@stdlib/math-base-special-ln';
import type { Engine, Row } from '../../engine/Engine.ts';
import type { CellTables, TableData } from '../../shared/table-data.ts';
import { rankMessage } from '../logit/checks.ts';
import { describeDropped, type Design } from '../logit/design.ts';
import type { DesignMatrix } from '../logit/matrix.ts';
import { missingTable } from '../missing.ts';
import { zForLevel } from '../normal-quantile.ts';
import { confidenceLevel } from '../rate.ts';
import { twoSidedNormalP } from '../tail-probabilities.ts';
import { fitOlogit, type OlogitFit, type OlogitSpec } from './fit-ologit.ts';
import { MAX_ITERATIONS, type OrderedFit } from './newton.ts';
import { uncentre } from './parameters.ts';
import { predictCategories } from './predict.ts';
import { COEFFICIENT_COLUMNS, FIT_COLUMNS } from './tables.ts';

export type { OlogitSpec } from './fit-ologit.ts';

/**
 * Ordered logistic regression as R's MASS::polr(method = "logistic") reports it (logit
 * P(Y <= k) = zeta_k - x'beta) and ordinal::clm fits it. The design (estimation sample,
 * dummies, missing counts) is the logit's; only the outcome is coded here, as categories 0…K-1.
 */
export async function runOlogit(engine: Engine, spec: OlogitSpec): Promise<CellTables> {
  const level = confidenceLevel(spec.level);
  return estimate(engine, await fitOlogit(engine, spec), spec, level);
}

async function estimate(
  engine: Engine,
  model: OlogitFit,
  spec: OlogitSpec,
  level: number,
): Promise<CellTables> {
  const { design, matrix, categories, kept, problem, fit, notes } = model;
  const aliased = design.columns.map((_, j) => j).filter((j) => !kept.includes(j + 1));
  const K = categories.values.length;
  const shifts = kept.map((j) => matrix.shift[j]);
  const { estimates, covariance } = uncentre(fit.theta, fit.covariance, shifts);
  const z = zForLevel(level);

  const row = (term: string, type: string, at: number | null): Row => {
    const coefficient = type === 'coefficient';
    if (at === null || !covariance) {
      return {
        term,
        type,
        ...Object.fromEntries(VALUE_NAMES.map((c) => [c, null])),
        ...(at === null ? {} : { estimate: estimates[at] }),
      };
    }
    const value = estimates[at];
    const se = Math.sqrt(covariance[at][at]);
    const statistic = value / se;
    const [low, high] = [value - z * se, value + z * se];
    return {
      term,
      type,
      estimate: value,
      std_error: se,
      statistic,
      p_value: twoSidedNormalP(statistic),
      conf_low: low,
      conf_high: high,
      odds_ratio: coefficient ? exp(value) : null,
      or_low: coefficient ? exp(low) : null,
      or_high: coefficient ? exp(high) : null,
    };
  };
  const rows: Row[] = [
    ...design.columns.map((c, j) => {
      const at = kept.indexOf(j + 1);
      return row(c.term, 'coefficient', at < 0 ? null : at);
    }),
    ...categories.labels
      .slice(0, -1)
      .map((label, k) => row(`${label}|${categories.labels[k + 1]}`, 'cutpoint', kept.length + k)),
  ];

  const problems = [
    ...design.notes,
    ...notes,
    rankMessage(design.columns, aliased),
    convergenceMessage(fit),
  ].filter((m): m is string => m !== null);
  const tables: Record<string, TableData> = {
    '': { columns: COEFFICIENT_COLUMNS, rows },
    _fit: { columns: FIT_COLUMNS, rows: [fitRow(design, matrix, fit, K, problems)] },
    _missing: missingTable(design.missing),
  };
  const variable = design.predictors.find((p) => p.name === spec.predict);
  if (variable && fit.covariance) {
    tables._predicted = await predictCategories(engine, design, variable, categories, {
      problem,
      theta: fit.theta,
      covariance: fit.covariance,
      z,
    });
  }
  const warnings = [...(design.dropped > 0 ? [describeDropped(design.dropped)] : []), ...problems];
  return { tables, warnings };
}

function fitRow(
  design: Design,
  matrix: DesignMatrix,
  fit: OrderedFit,
  K: number,
  problems: string[],
): Row {
  const parameters = fit.theta.length;
  // clm's nobs (what BIC and the residual degrees of freedom count) is the sum of the weights.
  let nobs = matrix.n;
  if (matrix.weights) {
    nobs = 0;
    for (let r = 0; r < matrix.n; r++) nobs += matrix.weights[r];
  }
  const deviance = -2 * fit.logLik;
  return {
    n: design.n,
    n_dropped: design.dropped,
    log_likelihood: fit.logLik,
    aic: deviance + 2 * parameters,
    deviance,
    null_deviance: nullDeviance(matrix, K),
    iterations: fit.iterations,
    converged: fit.converged,
    warning: problems.length ? problems.join('; ') : null,
    bic: deviance + ln(nobs) * parameters,
    df_residual: nobs - parameters,
    se_type: 'model',
    clusters: null,
  };
}

/** -2 log-likelihood of the cut-points-only model: each category at its (weighted) share. */
function nullDeviance(matrix: DesignMatrix, K: number): number {
  const totals = new Float64Array(K);
  for (let r = 0; r < matrix.n; r++) totals[matrix.y[r]] += matrix.weights ? matrix.weights[r] : 1;
  let all = 0;
  for (let k = 0; k < K; k++) all += totals[k];
  let logLik = 0;
  for (let k = 0; k < K; k++) if (totals[k] > 0) logLik += totals[k] * ln(totals[k] / all);
  return -2 * logLik;
}

function convergenceMessage(fit: OrderedFit): string | null {
  if (fit.converged) return null;
  const why =
    fit.failure ?? `the Newton–Raphson iterations did not converge in ${MAX_ITERATIONS} steps`;
  return (
    `${why}: often a predictor separates the categories (a level whose rows all sit in the ` +
    'lowest or the highest category), so the likelihood has no maximum; the estimates and ' +
    'standard errors are not reliable'
  );
}

const VALUE_NAMES = COEFFICIENT_COLUMNS.slice(2).map((c) => c.name);

import exp from '@stdlib/math-base-special-exp';
import ln from '@stdlib/math-base-special-ln';
import type { Engine, Row } from '../../engine/Engine.ts';
import type { CellTables, TableData } from '../../shared/table-data.ts';
import { tableColumns } from '../columns.ts';
import { zForLevel } from '../normal-quantile.ts';
import { twoSidedNormalP } from '../tail-probabilities.ts';
import { rankMessage, separationMessage } from './checks.ts';
import { buildDesign, describeDropped, type Design } from './design.ts';
import { parseFormula } from './formula.ts';
import { fitIrls, type IrlsFit } from './irls.ts';
import { loadDesignMatrix } from './design-matrix.ts';
import { releaseDesignMatrix } from './matrix.ts';
import { inverseFactor } from './linalg.ts';
import { predictByLevel } from './predict.ts';
import { markLogitPhase } from '../phase-mark.ts';
import { missingTable } from '../missing.ts';
import { confidenceLevel } from '../rate.ts';

export interface LogitSpec {
  from: string;
  formula: string;
  level?: number;
  /** Adds `<name>_predicted`: average predicted probability at each level of this predictor. */
  predict?: string;
}

/**
 * Logistic regression with R's glm(family = binomial) conventions and algorithm. DuckDB selects
 * the estimation sample and codes the dummies; the model matrix is read from it once as
 * columns and every IRLS step is one pass over them (logit-kernel.ts), never row objects.
 */
export async function runLogit(engine: Engine, spec: LogitSpec): Promise<CellTables> {
  markLogitPhase('start');
  const level = confidenceLevel(spec.level);
  const formula = parseFormula(spec.formula);
  const columns = await tableColumns(engine, spec.from);
  const design = await buildDesign(engine, spec.from, columns, formula, { predict: spec.predict });
  markLogitPhase('design');
  return estimate(engine, design, spec, level);
}

async function estimate(
  engine: Engine,
  design: Design,
  spec: LogitSpec,
  level: number,
): Promise<CellTables> {
  const matrix = await loadDesignMatrix(engine, design);
  markLogitPhase('matrix');
  let fit: IrlsFit;
  try {
    fit = await fitIrls(matrix);
  } finally {
    releaseDesignMatrix(matrix);
  }
  markLogitPhase('fit');
  const { kept } = fit.factor;
  // Indices into design.columns (the intercept is never aliased: it comes first).
  const aliased = design.columns.map((_, j) => j).filter((j) => !kept.includes(j + 1));
  const centredCovariance = inverseFactor(fit.factor);
  const { coefficients, covariance } = uncentre(matrix.shift, fit, centredCovariance);

  const z = zForLevel(level);
  const names = ['(Intercept)', ...design.columns.map((c) => c.term)];
  const coefRows = names.map((term, j): Row => {
    const at = kept.indexOf(j);
    if (at < 0) return { term, ...nullEstimates() };
    const estimate = coefficients[j];
    const stdError = Math.sqrt(covariance[at][at]);
    const statistic = estimate / stdError;
    const low = estimate - z * stdError;
    const high = estimate + z * stdError;
    return {
      term,
      estimate,
      std_error: stdError,
      statistic,
      p_value: twoSidedNormalP(statistic),
      conf_low: low,
      conf_high: high,
      odds_ratio: exp(estimate),
      or_low: exp(low),
      or_high: exp(high),
    };
  });

  const problems = [
    ...design.notes,
    rankMessage(design.columns, aliased),
    fit.failure ? `the fit stopped early: ${fit.failure}` : null,
    separationMessage(design, aliased, fit),
  ].filter((m): m is string => m !== null);
  const rank = kept.length;
  const nullDeviance = nullDevianceOf(design);
  const fitRow: Row = {
    n: design.n,
    n_dropped: design.dropped,
    log_likelihood: -fit.deviance / 2,
    aic: fit.deviance + 2 * rank,
    deviance: fit.deviance,
    null_deviance: nullDeviance,
    iterations: fit.iterations,
    converged: fit.converged,
    warning: problems.length ? problems.join('; ') : null,
    // R's BIC(): -2 logLik + log(nobs) * rank, the columns a regression table compares on.
    bic: fit.deviance + ln(design.n) * rank,
    df_residual: design.n - rank,
    se_type: 'model',
    clusters: null,
  };

  const tables: Record<string, TableData> = {
    '': { columns: COEFFICIENT_COLUMNS, rows: coefRows },
    _fit: { columns: FIT_COLUMNS, rows: [fitRow] },
    _missing: missingTable(design.missing),
  };
  if (spec.predict !== undefined) {
    const variable = design.predictors.find((p) => p.name === spec.predict);
    if (variable) {
      tables._predicted = await predictByLevel(engine, design, matrix, variable, {
        coefficients: fit.coefficients,
        kept,
        covariance: centredCovariance,
        z,
      });
    }
  }
  markLogitPhase('end');
  const warnings = [...(design.dropped > 0 ? [describeDropped(design.dropped)] : []), ...problems];
  return { tables, warnings };
}

/**
 * Back from the centred design (x - shift) to R's parametrisation: slopes are unchanged, the
 * intercept absorbs -sum(b_j * shift_j), and the covariance transforms with the same matrix.
 */
function uncentre(
  shifts: number[],
  fit: IrlsFit,
  centred: number[][],
): { coefficients: number[]; covariance: number[][] } {
  const { kept } = fit.factor;
  const shift = (j: number) => shifts[j];
  const coefficients = [...fit.coefficients];
  coefficients[0] = fit.coefficients.reduce((acc, b, j) => acc - b * shift(j), fit.coefficients[0]);
  // T maps centred to uncentred coefficients on the kept set: row of the intercept is (1, -shift).
  const t = (a: number, b: number) => {
    if (kept[a] === 0) return kept[b] === 0 ? 1 : -shift(kept[b]);
    return a === b ? 1 : 0;
  };
  const m = kept.length;
  const tv = Array.from({ length: m }, (_, a) =>
    Array.from({ length: m }, (_, b) => {
      let s = 0;
      for (let c = 0; c < m; c++) s += t(a, c) * centred[c][b];
      return s;
    }),
  );
  const covariance = Array.from({ length: m }, (_, a) =>
    Array.from({ length: m }, (_, b) => {
      let s = 0;
      for (let c = 0; c < m; c++) s += tv[a][c] * t(b, c);
      return s;
    }),
  );
  return { coefficients, covariance };
}

/** Deviance of the intercept-only model, as glm.fit computes it: at the mean outcome. */
function nullDevianceOf(design: Design): number {
  const p = design.ones / design.n;
  const part = (count: number, prob: number) => (count === 0 ? 0 : count * ln(1 / prob));
  return 2 * (part(design.ones, p) + part(design.n - design.ones, 1 - p));
}

function nullEstimates(): Row {
  return {
    estimate: null,
    std_error: null,
    statistic: null,
    p_value: null,
    conf_low: null,
    conf_high: null,
    odds_ratio: null,
    or_low: null,
    or_high: null,
  };
}

const COEFFICIENT_COLUMNS = [
  { name: 'term', type: 'VARCHAR' },
  ...[
    'estimate',
    'std_error',
    'statistic',
    'p_value',
    'conf_low',
    'conf_high',
    'odds_ratio',
    'or_low',
    'or_high',
  ].map((name) => ({ name, type: 'DOUBLE' })),
];

const FIT_COLUMNS = [
  { name: 'n', type: 'BIGINT' },
  // Rows left out for a missing value in a model column; <name>_missing says which.
  { name: 'n_dropped', type: 'BIGINT' },
  { name: 'log_likelihood', type: 'DOUBLE' },
  { name: 'aic', type: 'DOUBLE' },
  { name: 'deviance', type: 'DOUBLE' },
  { name: 'null_deviance', type: 'DOUBLE' },
  { name: 'iterations', type: 'INTEGER' },
  { name: 'converged', type: 'BOOLEAN' },
  { name: 'warning', type: 'VARCHAR' },
  // Added after the first release, so earlier notebooks keep their columns' places.
  { name: 'bic', type: 'DOUBLE' },
  { name: 'df_residual', type: 'BIGINT' },
  // How the standard errors were computed (`model`, `HC0`…`HC3`, `stata`, `cluster`).
  { name: 'se_type', type: 'VARCHAR' },
  // Number of clusters G when se_type is `cluster`.
  { name: 'clusters', type: 'BIGINT' },
];

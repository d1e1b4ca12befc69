import type { Engine } from '../../engine/Engine.ts';
import type { CellTables, TableData } from '../../shared/table-data.ts';
import { plural } from '../columns.ts';
import { zForLevel } from '../normal-quantile.ts';
import { firthMessage, rankMessage, separationMessage } from './checks.ts';
import { coefficientTable } from './coefficient-table.ts';
import { describeDropped } from './design.ts';
import { fitBinomial, type BinomialFit } from './fit-binomial.ts';
import type { LogitSpec, ProbitSpec } from './model-spec.ts';
import { fitStatistics } from './fit-statistics.ts';
import type { LinkName } from './link.ts';
import type { DesignMatrix } from './matrix.ts';
import { predictByLevel } from './predict.ts';
import { uncentre } from './uncentre.ts';
import { markLogitPhase } from '../phase-mark.ts';
import { missingTable } from '../missing.ts';
import { confidenceLevel } from '../rate.ts';
import { FIT_COLUMNS } from './fit-columns.ts';

export type { LogitSpec, ProbitSpec } from './model-spec.ts';

/**
 * Logistic regression with R's glm(family = binomial) conventions and algorithm. DuckDB selects
 * the estimation sample and codes the dummies; the model matrix is read from it once as
 * columns and every IRLS step is one pass over them (kernel.ts), never row objects.
 */
export function runLogit(engine: Engine, spec: LogitSpec): Promise<CellTables> {
  return runBinomial(engine, spec, 'logit');
}

/** Probit regression: glm(family = binomial(link = "probit")), the same steps as the logit. */
export function runProbit(engine: Engine, spec: ProbitSpec): Promise<CellTables> {
  return runBinomial(engine, spec, 'probit');
}

async function runBinomial(engine: Engine, spec: LogitSpec, link: LinkName): Promise<CellTables> {
  const level = confidenceLevel(spec.level);
  const model = await fitBinomial(engine, spec, link);
  return tablesOf(engine, spec, model, zForLevel(level));
}

async function tablesOf(
  engine: Engine,
  spec: LogitSpec,
  model: BinomialFit,
  z: number,
): Promise<CellTables> {
  const { design, matrix, fit, centredCovariance, aliased, firth, clusters } = model;
  const { kept } = fit.factor;
  const { coefficients, covariance } = uncentre(
    matrix.shift,
    matrix.intercept,
    kept,
    fit.coefficients,
    centredCovariance,
  );

  const names = [
    ...(matrix.intercept ? ['(Intercept)'] : []),
    ...design.columns.map((c) => c.term),
  ];
  const coefficientsTable = coefficientTable(
    names,
    coefficients,
    kept,
    covariance,
    z,
    model.link === 'logit',
  );

  const problems = [
    ...design.notes,
    rankMessage(design.columns, aliased),
    ...(firth
      ? [firthMessage(design, fit)]
      : [
          fit.failure ? `the fit stopped early: ${fit.failure}` : null,
          separationMessage(design, aliased, fit, {
            link: model.link,
            intercept: matrix.intercept,
          }),
        ]),
  ].filter((m): m is string => m !== null);
  const rank = kept.length;
  const stats = await fitStatistics(matrix, fit, rank, design, firth);
  const fitRow = {
    n: design.n,
    n_dropped: design.dropped,
    log_likelihood: stats.logLikelihood,
    aic: stats.aic,
    deviance: fit.deviance,
    null_deviance: stats.nullDeviance,
    iterations: fit.iterations,
    converged: fit.converged,
    warning: problems.length ? problems.join('; ') : null,
    bic: stats.bic,
    df_residual: design.n - rank,
    se_type: model.se,
    clusters: model.se === 'cluster' ? clusters : null,
    method: firth ? 'firth' : 'ml',
  };

  const tables: Record<string, TableData> = {
    '': coefficientsTable,
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
  const warnings = [
    ...(design.dropped > 0 ? [describeDropped(design.dropped)] : []),
    ...(design.zeroWeights > 0
      ? [
          `${plural(design.zeroWeights, 'row')} with weight 0 left out (as glm, which does not count them)`,
        ]
      : []),
    ...(nonIntegerSuccesses(matrix)
      ? ['non-integer #successes in a binomial glm! (R warns the same: the weights are not counts)']
      : []),
    ...problems,
  ];
  return { tables, warnings };
}

/** binomial()$initialize's check: weight × outcome more than 0.001 from a whole number. */
function nonIntegerSuccesses(matrix: DesignMatrix): boolean {
  const weights = matrix.weights;
  if (!weights) return false;
  for (let r = 0; r < matrix.n; r++) {
    const m = weights[r] * matrix.y[r];
    if (Math.abs(m - Math.round(m)) > 0.001) return true;
  }
  return false;
}

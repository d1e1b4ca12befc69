import type { Engine } from '../../engine/Engine.ts';
import { CellError } from '../../shared/errors.ts';
import type { CellTables, TableData } from '../../shared/table-data.ts';
import { plural } from '../columns.ts';
import { tableColumns } from '../columns.ts';
import { zForLevel } from '../normal-quantile.ts';
import { firthMessage, rankMessage, separationMessage } from './checks.ts';
import { coefficientTable } from './coefficient-table.ts';
import { buildDesign, describeDropped, type Design } from './design.ts';
import { loadDesignMatrix } from './design-matrix.ts';
import { fitFirth } from './firth.ts';
import { fitStatistics } from './fit-statistics.ts';
import { parseFormula } from './formula.ts';
import { fitIrls, type IrlsFit } from './irls.ts';
import { inverseFactor } from './linalg.ts';
import type { LinkName } from './link.ts';
import { releaseDesignMatrix, type DesignMatrix } from './matrix.ts';
import { predictByLevel } from './predict.ts';
import { sandwichCovariance, SE_TYPES, type SeType } from './sandwich.ts';
import { uncentre } from './uncentre.ts';
import { markLogitPhase } from '../phase-mark.ts';
import { missingTable } from '../missing.ts';
import { confidenceLevel } from '../rate.ts';
import { FIT_COLUMNS } from './fit-columns.ts';

export interface ProbitSpec {
  from: string;
  formula: string;
  level?: number;
  /** Adds `<name>_predicted`: average predicted probability at each level of this predictor. */
  predict?: string;
  /** How the standard errors are computed (default `model`). */
  se?: SeType;
  /** The cluster column of `se: cluster`. */
  cluster?: string;
  /** Prior weights, as glm's `weights =`. */
  weights?: string;
  /** Reference level of text predictors, as R's relevel: {column: level}. */
  reference?: Record<string, string | number | boolean>;
}

export interface LogitSpec extends ProbitSpec {
  /** `ml` (glm, the default) or `firth` (brglm2's AS_mean, = logistf). */
  method?: 'ml' | 'firth';
}

export const METHODS = ['ml', 'firth'] as const;

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

/** The spec's own consistency; the cells check the same before anything runs. */
export function checkModelOptions(spec: LogitSpec): string | undefined {
  if (spec.se !== undefined && !(SE_TYPES as readonly string[]).includes(spec.se)) {
    return `se must be one of ${SE_TYPES.join(', ')} (got ${JSON.stringify(spec.se)})`;
  }
  if (spec.method !== undefined && !(METHODS as readonly string[]).includes(spec.method)) {
    return `method must be ml or firth (got ${JSON.stringify(spec.method)})`;
  }
  const se = seTypeOf(spec);
  if (se === 'cluster' && spec.cluster === undefined) {
    return 'se: cluster needs the cluster column: add `cluster: <column>`';
  }
  if (spec.cluster !== undefined && se !== 'cluster') {
    return `cluster: is used only with se: cluster (se is ${se})`;
  }
  if (spec.method === 'firth' && se !== 'model') {
    return "method: firth reports the penalised model's own standard errors; remove se: or set se: model";
  }
  return undefined;
}

/** `cluster:` alone means clustered standard errors. */
function seTypeOf(spec: LogitSpec): SeType {
  return spec.se ?? (spec.cluster !== undefined ? 'cluster' : 'model');
}

async function runBinomial(engine: Engine, spec: LogitSpec, link: LinkName): Promise<CellTables> {
  markLogitPhase('start');
  const problem = checkModelOptions(spec);
  if (problem) throw new CellError(problem);
  const level = confidenceLevel(spec.level);
  const formula = parseFormula(spec.formula);
  const columns = await tableColumns(engine, spec.from);
  const se = seTypeOf(spec);
  const design = await buildDesign(engine, spec.from, columns, formula, {
    predict: spec.predict,
    weights: spec.weights,
    cluster: se === 'cluster' ? spec.cluster : undefined,
    reference: spec.reference,
  });
  markLogitPhase('design');
  return estimate(engine, design, spec, { level, link, se });
}

async function estimate(
  engine: Engine,
  design: Design,
  spec: LogitSpec,
  model: { level: number; link: LinkName; se: SeType },
): Promise<CellTables> {
  const matrix = await loadDesignMatrix(engine, design);
  matrix.link = model.link;
  markLogitPhase('matrix');
  const firth = spec.method === 'firth';
  let fit: IrlsFit;
  try {
    fit = firth ? await fitFirth(matrix) : await fitIrls(matrix);
  } finally {
    releaseDesignMatrix(matrix);
  }
  markLogitPhase('fit');
  const { kept } = fit.factor;
  // Design column j is matrix column j + 1 when there is an intercept (which is never aliased).
  const offset = matrix.intercept ? 1 : 0;
  const aliased = design.columns.map((_, j) => j).filter((j) => !kept.includes(j + offset));
  const modelCovariance = inverseFactor(fit.factor);
  const clusters = model.se === 'cluster' ? (design.clusters ?? 0) : 0;
  const centredCovariance = await chosenCovariance(
    matrix,
    fit,
    modelCovariance,
    model.se,
    clusters,
  );
  const { coefficients, covariance } = uncentre(
    matrix.shift,
    matrix.intercept,
    kept,
    fit.coefficients,
    centredCovariance,
  );

  const z = zForLevel(model.level);
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

/** summary.glm's covariance, or the sandwich estimator the spec asked for (centred, kept order). */
function chosenCovariance(
  matrix: DesignMatrix,
  fit: IrlsFit,
  modelCovariance: number[][],
  se: SeType,
  clusters: number,
): Promise<number[][]> | number[][] {
  if (se === 'model') return modelCovariance;
  if (se === 'cluster' && clusters < 2) {
    throw new CellError(
      `se: cluster needs at least 2 clusters in the estimation sample (found ${clusters})`,
    );
  }
  return sandwichCovariance(
    matrix,
    {
      coefficients: fit.coefficients,
      weightsAt: fit.weightsAt,
      kept: fit.factor.kept,
      bread: modelCovariance,
    },
    se,
    clusters,
  );
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

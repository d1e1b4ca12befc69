/**
 * A binomial model fitted and ready to report or to differentiate: the design, the matrix's
 * shape (its rows are freed after the fit), the centred coefficients and the covariance the
 * spec asked for. The logit and probit cells make their tables from it (run-logit.ts); the
 * margins cell fits the model it names again through it and gets the same bits.
 */
import type { Engine } from '../../engine/Engine.ts';
import { CellError } from '../../shared/errors.ts';
import { tableColumns } from '../columns.ts';
import { markLogitPhase } from '../phase-mark.ts';
import { buildDesign, type Design } from './design.ts';
import { loadDesignMatrix } from './design-matrix.ts';
import { fitFirth } from './firth.ts';
import { parseFormula } from './formula.ts';
import { fitIrls, type IrlsFit } from './irls.ts';
import { inverseFactor } from './linalg.ts';
import type { LinkName } from './link.ts';
import { releaseDesignMatrix, type DesignMatrix } from './matrix.ts';
import { checkModelOptions, seTypeOf, type LogitSpec } from './model-spec.ts';
import { sandwichCovariance } from './sandwich.ts';
import type { SeType } from './se-types.ts';

export interface BinomialFit {
  link: LinkName;
  se: SeType;
  firth: boolean;
  design: Design;
  /** The fitted matrix's shape, shift and link; its rows are released. */
  matrix: DesignMatrix;
  fit: IrlsFit;
  /** Design columns left out as aliased (indices into design.columns). */
  aliased: number[];
  /** Clusters of se: cluster (0 otherwise). */
  clusters: number;
  /** The chosen covariance of the centred coefficients, in `fit.factor.kept` order. */
  centredCovariance: number[][];
}

export async function fitBinomial(
  engine: Engine,
  spec: LogitSpec,
  link: LinkName,
): Promise<BinomialFit> {
  markLogitPhase('start');
  const problem = checkModelOptions(spec);
  if (problem) throw new CellError(problem);
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
  const matrix = await loadDesignMatrix(engine, design);
  matrix.link = link;
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
  const clusters = se === 'cluster' ? (design.clusters ?? 0) : 0;
  const centredCovariance = await chosenCovariance(matrix, fit, modelCovariance, se, clusters);
  return { link, se, firth, design, matrix, fit, aliased, clusters, centredCovariance };
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

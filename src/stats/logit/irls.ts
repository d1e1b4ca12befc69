import { irlsSums, type StepSums } from './kernel.ts';
import { type DesignMatrix } from './matrix.ts';
import { factorKept, factorWithAliasing, solveFactor, type Factor } from './linalg.ts';

const MAX_ITERATIONS = 25; // glm.control()$maxit
const EPSILON = 1e-8; // glm.control()$epsilon
/**
 * A column is aliased when less than this share of its weighted sum of squares is left after
 * the columns before it (variance inflation above 1e9). R's QR can use a far smaller
 * threshold; normal equations square the condition number, so this one is set well above
 * their rounding noise and still only catches exact or near-exact collinearity.
 */
const ALIAS_TOLERANCE = 1e-9;

export interface IrlsFit {
  /** Coefficients of the centred design (intercept first); aliased ones are 0. */
  coefficients: number[];
  /** Factor of X'WX at the weights of the last step, as R's summary.glm uses. */
  factor: Factor;
  /**
   * The coefficients those weights came from (null: glm.fit's starting values). R's working
   * weights (`fit$weights`), its QR and so sandwich's estfun and hat values use them.
   */
  weightsAt: number[] | null;
  deviance: number;
  iterations: number;
  converged: boolean;
  minMu: number;
  maxMu: number;
  /** Set when the iterations had to stop early for a numerical reason. */
  failure?: string;
}

/**
 * R's glm.fit for the binomial family with logit link, step for step: the same starting
 * values, weights, working response, convergence rule and iteration limit, so estimates and
 * iteration counts match R's. The design table is read once as columns (see logit-kernel.ts);
 * each step is one pass over them for the deviance, X'WX and X'Wz, then a p×p solve.
 */
export async function fitIrls(
  matrix: DesignMatrix,
  control: { epsilon?: number; maxit?: number } = {},
): Promise<IrlsFit> {
  const width = matrix.width;
  const epsilon = control.epsilon ?? EPSILON;
  const maxit = control.maxit ?? MAX_ITERATIONS;
  let step = await irlsSums(matrix, null);
  let stepAt: number[] | null = null;
  let weightsAt: number[] | null = null;
  let devold = step.deviance;
  const aliasing = factorWithAliasing(step.xtwx, ALIAS_TOLERANCE);
  let factor: Factor = aliasing;
  let coefficients = new Array<number>(width).fill(0);
  let converged = false;
  let iterations = 0;
  for (let iter = 1; iter <= maxit; iter++) {
    iterations = iter;
    const next = iter === 1 ? aliasing : factorKept(step.xtwx, aliasing.kept);
    if (!next) {
      return {
        ...result(step),
        failure: 'the weighted cross-product matrix lost positive definiteness',
      };
    }
    factor = next;
    weightsAt = stepAt;
    coefficients = solveFactor(factor, step.xtwz);
    step = await irlsSums(matrix, coefficients);
    stepAt = coefficients;
    if (!Number.isFinite(step.deviance)) {
      return { ...result(step), failure: 'the deviance became infinite' };
    }
    if (Math.abs(step.deviance - devold) / (Math.abs(step.deviance) + 0.1) < epsilon) {
      converged = true;
      break;
    }
    devold = step.deviance;
  }
  return result(step);

  function result(last: StepSums): IrlsFit {
    return {
      coefficients,
      factor,
      weightsAt,
      deviance: last.deviance,
      iterations,
      converged,
      minMu: last.minMu,
      maxMu: last.maxMu,
    };
  }
}

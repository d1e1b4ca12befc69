/**
 * Newton–Raphson for the ordered logit with the analytic Hessian and step halving, as
 * ordinal::clm fits it (clm.fit.NR): start at the marginal cut-points with every coefficient 0,
 * take the Newton step, halve it while the log-likelihood falls. It stops when the step is
 * negligible (relative 1e-10), past clm's own rule (max |gradient| < 1e-6), so the estimates
 * are the maximum to the last digits and the covariance is the inverse information there.
 */
import ln from '@stdlib/math-base-special-ln';
import { factorKept, inverseFactor, solveFactor } from '../logit/linalg.ts';
import { likelihoodSums, type LikelihoodSums, type OrderedProblem } from './likelihood.ts';

/** clm.control()$maxIter and $maxLineIter. */
export const MAX_ITERATIONS = 100;
const MAX_HALVINGS = 15;
/** A Newton step below this (relative to the parameter, or absolute below 1) is convergence. */
const STEP_TOLERANCE = 1e-10;

export interface OrderedFit {
  /** Parameters of the centred design: kept coefficients, then the K-1 cut-points. */
  theta: number[];
  /** Their covariance: the inverse of the information at theta. */
  covariance: number[][] | null;
  logLik: number;
  iterations: number;
  converged: boolean;
  minProbability: number;
  /** Set when the iterations had to stop for a numerical reason. */
  failure?: string;
}

/** Starting cut-points: the logits of the weighted cumulative shares of the categories. */
export function startingTheta(problem: OrderedProblem): number[] {
  const { matrix, categories: K, columns } = problem;
  const totals = new Float64Array(K);
  for (let r = 0; r < matrix.n; r++) totals[matrix.y[r]] += matrix.weights ? matrix.weights[r] : 1;
  let all = 0;
  for (let k = 0; k < K; k++) all += totals[k];
  const zeta: number[] = [];
  let below = 0;
  for (let k = 0; k < K - 1; k++) {
    below += totals[k];
    const share = below / all;
    zeta.push(ln(share / (1 - share)));
  }
  return [...new Array<number>(columns.length).fill(0), ...zeta];
}

export async function fitOrdered(problem: OrderedProblem): Promise<OrderedFit> {
  let theta = startingTheta(problem);
  let sums = await likelihoodSums(problem, theta);
  const all = theta.map((_, i) => i);
  let iterations = 0;
  const result = (last: LikelihoodSums, converged: boolean, failure?: string): OrderedFit => {
    const factor = factorKept(last.information, all);
    return {
      theta,
      covariance: factor ? inverseFactor(factor) : null,
      logLik: last.logLik,
      iterations,
      converged,
      minProbability: last.minProbability,
      ...(failure ? { failure } : {}),
    };
  };
  for (;;) {
    const factor = factorKept(sums.information, all);
    if (!factor) {
      return result(sums, false, 'the information matrix is not positive definite');
    }
    const step = solveFactor(factor, sums.gradient);
    if (step.every((s, i) => Math.abs(s) <= STEP_TOLERANCE * Math.max(1, Math.abs(theta[i])))) {
      return result(sums, true);
    }
    if (iterations === MAX_ITERATIONS) return result(sums, false);
    iterations++;
    let scale = 1;
    let accepted = false;
    for (let halving = 0; halving <= MAX_HALVINGS; halving++, scale /= 2) {
      const next = theta.map((t, i) => t + scale * step[i]);
      const nextSums = await likelihoodSums(problem, next);
      // Rounding can make the log-likelihood at the maximum wobble in its last digits.
      if (nextSums.logLik >= sums.logLik - 1e-12 * Math.abs(sums.logLik)) {
        theta = next;
        sums = nextSums;
        accepted = true;
        break;
      }
    }
    if (!accepted) {
      const small = sums.gradient.every((g) => Math.abs(g) < 1e-6);
      return result(
        sums,
        small,
        small ? undefined : 'no step along the Newton direction raised the likelihood',
      );
    }
  }
}

/**
 * Firth's penalised logit as R's brglm2 fits it: brglmFit(type = "AS_mean") (brglm2 0.9), whose
 * estimates equal logistf's (the mean bias-reducing adjusted score is the score of the Jeffreys
 * penalised likelihood for canonical links). brglmFit's own algorithm, step for step, so its
 * iteration count and convergence flag are reproduced:
 * - start: glm.fit on the adjusted response y* = (w y + a/2) / (w + a), weights w + a, with
 *   a = p / n, to relative deviance change 1e-6;
 * - each step: β ← β + 2^-k I(β)^-1 (U(β) + A(β)) with U the score, I = X'WX and
 *   A = Σ ½ h_i (1 − 2 μ_i) x_i (h_i the hat values); k = 0, then halved (k = 1, 2, …, up to 12)
 *   while the new step is longer in sum of absolute values than the one before; in the first
 *   iteration one halved step always follows (brglmFit's testhalf);
 * - stop when the sum of |step| is below 1e-6, at most 100 iterations.
 * Standard errors come from I(β)^-1 at the estimates, as summary() of a brglmFit reports them.
 */
import { nextTask } from '../../shared/next-task.ts';
import { devianceTerm } from './kernel.ts';
import { fitIrls, type IrlsFit } from './irls.ts';
import { logitLink } from './link.ts';
import { factorKept, inverseFactor, solveFactor, type Factor } from './linalg.ts';
import { releaseDesignMatrix, SLICE, type DesignMatrix } from './matrix.ts';

/** brglm_control() defaults. */
const EPSILON = 1e-6;
const MAX_ITERATIONS = 100;
const MAX_STEP_FACTOR = 12;

export async function fitFirth(matrix: DesignMatrix): Promise<IrlsFit> {
  // The starting fit uses another response and weights than the helper thread holds.
  releaseDesignMatrix(matrix);
  const n = matrix.n;
  const prior = matrix.weights ?? new Float64Array(n).fill(1);
  // An unweighted start fit learns which columns are aliased (as brglmFit's check_aliasing).
  const probe = await fitIrls({ ...matrix, weights: null }, { maxit: 1 });
  const kept = probe.factor.kept;
  const a = kept.length / n;
  const adjustedWeights = new Float64Array(n);
  const adjustedY = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    adjustedWeights[r] = prior[r] + a;
    adjustedY[r] = (prior[r] * matrix.y[r] + 0.5 * a) / adjustedWeights[r];
  }
  const start = await fitIrls(
    { ...matrix, y: adjustedY, weights: adjustedWeights, helper: undefined },
    { epsilon: EPSILON, maxit: 10_000 },
  );
  let betas = start.coefficients;
  let state = await stepAt(matrix, prior, betas, kept);
  if (!state) return failed(start, 'the information matrix could not be inverted');
  let iterations = 0;
  let converged = false;
  for (let iter = 1; iter <= MAX_ITERATIONS; iter++) {
    iterations = iter;
    let factor = 0;
    let testHalf = true;
    while (testHalf && factor < MAX_STEP_FACTOR) {
      const previous = state.step;
      const scale = 2 ** -factor;
      betas = betas.map((b, j) => b + scale * previous[j]);
      const next = await stepAt(matrix, prior, betas, kept);
      if (!next)
        return failed(
          { ...start, coefficients: betas },
          'the information matrix could not be inverted',
        );
      state = next;
      testHalf =
        factor === 0 && iter === 1
          ? true
          : absoluteSum(matrix, state.step) > absoluteSum(matrix, previous);
      factor++;
    }
    if (absoluteSum(matrix, state.step) < EPSILON) {
      converged = iter < MAX_ITERATIONS;
      break;
    }
  }
  return {
    coefficients: betas,
    factor: state.factor,
    weightsAt: betas,
    deviance: state.deviance,
    iterations,
    converged,
    minMu: state.minMu,
    maxMu: state.maxMu,
  };
}

interface FirthState {
  step: number[];
  factor: Factor;
  deviance: number;
  minMu: number;
  maxMu: number;
}

/**
 * At β: I(β) = X'WX and the score (one pass), then the hat values and the adjustment with
 * I(β)^-1 (a second pass), and the step I^-1 (U + A). Rows are added in order.
 */
async function stepAt(
  matrix: DesignMatrix,
  prior: Float64Array,
  betas: number[],
  kept: number[],
): Promise<FirthState | null> {
  const { n, width: p, x, y } = matrix;
  const mus = new Float64Array(n);
  const weights = new Float64Array(n);
  const information = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const score = new Array<number>(p).fill(0);
  let deviance = 0;
  let minMu = Infinity;
  let maxMu = -Infinity;
  await eachSlice(n, (r) => {
    const base = r * p;
    let eta = 0;
    for (let j = 0; j < p; j++) eta += betas[j] * x[base + j];
    const { mu, me } = logitLink(eta);
    const w = (prior[r] * me * me) / (mu * (1 - mu));
    mus[r] = mu;
    weights[r] = w;
    if (mu < minMu) minMu = mu;
    if (mu > maxMu) maxMu = mu;
    deviance += 2 * prior[r] * devianceTerm(y[r], mu);
    const u = (prior[r] * me * (y[r] - mu)) / (mu * (1 - mu));
    for (const i of kept) {
      score[i] += u * x[base + i];
      for (const j of kept) if (j <= i) information[i][j] += w * x[base + i] * x[base + j];
    }
  });
  for (const i of kept) for (const j of kept) if (j > i) information[i][j] = information[j][i];
  const factor = factorKept(information, kept);
  if (!factor) return null;
  const inverse = inverseFactor(factor);
  const m = kept.length;
  const adjusted = [...score];
  const xs = new Float64Array(m);
  await eachSlice(n, (r) => {
    const base = r * p;
    for (let k = 0; k < m; k++) xs[k] = x[base + kept[k]];
    let quadratic = 0;
    for (let a = 0; a < m; a++) {
      let row = 0;
      for (let b = 0; b < m; b++) row += inverse[a][b] * xs[b];
      quadratic += xs[a] * row;
    }
    const hat = weights[r] * quadratic;
    const adjustment = 0.5 * hat * (1 - 2 * mus[r]);
    for (let k = 0; k < m; k++) adjusted[kept[k]] += adjustment * xs[k];
  });
  return { step: solveFactor(factor, adjusted), factor, deviance, minMu, maxMu };
}

async function eachSlice(n: number, visit: (row: number) => void): Promise<void> {
  for (let from = 0; from < n; from += SLICE) {
    if (from > 0) await nextTask();
    const to = Math.min(n, from + SLICE);
    for (let r = from; r < to; r++) visit(r);
  }
}

/**
 * brglmFit's sum(abs(step)), in R's (uncentred) parametrisation: slopes are the same, the
 * intercept's step is the centred one minus Σ shift_j step_j.
 */
function absoluteSum(matrix: DesignMatrix, step: number[]): number {
  let total = 0;
  let intercept = step[0];
  for (let j = 0; j < step.length; j++) {
    if (matrix.intercept && j > 0) intercept -= matrix.shift[j] * step[j];
    if (!matrix.intercept || j > 0) total += Math.abs(step[j]);
  }
  return matrix.intercept ? total + Math.abs(intercept) : total;
}

function failed(fit: IrlsFit, failure: string): IrlsFit {
  return { ...fit, converged: false, failure };
}

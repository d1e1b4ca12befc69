/**
 * One pass of the ordered logit over the design matrix: the log-likelihood, its gradient and
 * the analytic Hessian (observed information), as ordinal::clm's Newton–Raphson uses them.
 *
 * The model (MASS::polr's parametrisation): P(Y <= k | x) = F(zeta_k - x'beta), F the logistic
 * distribution function, so a row in category k has probability pi = F(u) - F(l) with
 * u = zeta_k - eta and l = zeta_{k-1} - eta (zeta_{-1} = -Inf, zeta_{K-1} = +Inf). In (u, l),
 * log pi has gradient (f(u)/pi, -f(l)/pi) and a 2×2 Hessian; u and l are linear in the
 * parameters, so the Hessian in the parameters is J' H J with J's rows (e_k - x, e_{k-1} - x).
 *
 * Rows are added in order in one JavaScript loop with @stdlib's exp/ln/log1p, so the browser
 * and Node get the same bits; slices of rows yield to the event loop.
 */
import exp from '@stdlib/math-base-special-exp';
import ln from '@stdlib/math-base-special-ln';
import log1p from '@stdlib/math-base-special-log1p';
import { nextTask } from '../../shared/next-task.ts';
import { SLICE, type DesignMatrix } from '../logit/matrix.ts';

export interface OrderedProblem {
  matrix: DesignMatrix;
  /** Matrix columns of the estimated coefficients (never the intercept, never an aliased one). */
  columns: number[];
  /** Number of categories K; the matrix's y holds 0…K-1. */
  categories: number;
}

export interface LikelihoodSums {
  logLik: number;
  /** Gradient of the log-likelihood, parameters in order (beta…, zeta_0…zeta_{K-2}). */
  gradient: number[];
  /** Minus the Hessian (observed information), full square. */
  information: number[][];
  /** Smallest fitted probability of a row's own category. */
  minProbability: number;
}

/** Logistic distribution function, computed from the side where exp cannot overflow. */
export function logistic(t: number): number {
  if (t >= 0) return 1 / (1 + exp(-t));
  const e = exp(t);
  return e / (1 + e);
}

/** Logistic density F(t)(1 - F(t)), symmetric in t. */
export function logisticDensity(t: number): number {
  const e = exp(-Math.abs(t));
  return e / ((1 + e) * (1 + e));
}

/** Sums over every row at the parameters `theta` (centred design, see run-ologit.ts). */
export async function likelihoodSums(
  problem: OrderedProblem,
  theta: number[],
): Promise<LikelihoodSums> {
  const { matrix, columns, categories: K } = problem;
  const { n, width, x, y, weights } = matrix;
  const q = columns.length;
  const m = q + K - 1;
  const gradient = new Float64Array(m);
  const info = new Float64Array(m * m);
  const xs = new Float64Array(q);
  let logLik = 0;
  let minProbability = Infinity;
  for (let from = 0; from < n; from += SLICE) {
    if (from > 0) await nextTask();
    const to = Math.min(n, from + SLICE);
    for (let r = from; r < to; r++) {
      const base = r * width;
      let eta = 0;
      for (let a = 0; a < q; a++) {
        xs[a] = x[base + columns[a]];
        eta += theta[a] * xs[a];
      }
      const k = y[r] | 0;
      const w = weights ? weights[r] : 1;
      const hasUp = k < K - 1;
      const hasLow = k > 0;
      // One exp per finite end: F(t), F(-t), the density f and its slope f' = f (F(-t) - F(t)).
      let fu = 0;
      let du = 0;
      let upper = 1; // F(u)
      let upperTail = 0; // F(-u)
      let eu = 0;
      const u = hasUp ? theta[q + k] - eta : Infinity;
      if (hasUp) {
        eu = exp(-Math.abs(u));
        const big = 1 / (1 + eu);
        const small = eu / (1 + eu);
        upper = u >= 0 ? big : small;
        upperTail = u >= 0 ? small : big;
        fu = big * small;
        du = fu * (upperTail - upper);
      }
      let fl = 0;
      let dl = 0;
      let lower = 0; // F(l)
      let lowerTail = 1; // F(-l)
      let el = 0;
      const l = hasLow ? theta[q + k - 1] - eta : -Infinity;
      if (hasLow) {
        el = exp(-Math.abs(l));
        const big = 1 / (1 + el);
        const small = el / (1 + el);
        lower = l >= 0 ? big : small;
        lowerTail = l >= 0 ? small : big;
        fl = big * small;
        dl = fl * (lowerTail - lower);
      }
      let pi: number;
      let logPi: number;
      if (!hasLow) {
        // log F(u) = -log1p(exp(-u)), written so exp never overflows.
        pi = upper;
        logPi = u >= 0 ? -log1p(eu) : u - log1p(eu);
      } else if (!hasUp) {
        pi = lowerTail;
        logPi = l <= 0 ? -log1p(el) : -l - log1p(el);
      } else {
        // Both ends above 0: the difference of the upper tails keeps its digits.
        pi = l > 0 ? lowerTail - upperTail : upper - lower;
        logPi = ln(pi);
      }
      if (pi < minProbability) minProbability = pi;
      logLik += w * logPi;
      const gu = fu / pi;
      const gl = -fl / pi;
      // Hessian of log pi in (u, l).
      const huu = du / pi - gu * gu;
      const hll = -dl / pi - gl * gl;
      const hul = -gu * gl;
      const cxx = -w * (huu + 2 * hul + hll);
      const cxu = w * (huu + hul);
      const cxl = w * (hul + hll);
      const gx = -w * (gu + gl);
      const iu = q + k;
      const il = q + k - 1;
      for (let a = 0; a < q; a++) {
        gradient[a] += gx * xs[a];
        const row = a * m;
        const ca = cxx * xs[a];
        for (let b = 0; b <= a; b++) info[row + b] += ca * xs[b];
        if (hasUp) info[iu * m + a] += cxu * xs[a];
        if (hasLow) info[il * m + a] += cxl * xs[a];
      }
      if (hasUp) {
        gradient[iu] += w * gu;
        info[iu * m + iu] -= w * huu;
      }
      if (hasLow) {
        gradient[il] += w * gl;
        info[il * m + il] -= w * hll;
      }
      if (hasUp && hasLow) info[iu * m + il] -= w * hul;
    }
  }
  // The lower triangle was summed; mirror it.
  const information = Array.from({ length: m }, (_, i) =>
    Array.from({ length: m }, (_, j) => (j <= i ? info[i * m + j] : info[j * m + i])),
  );
  return { logLik, gradient: Array.from(gradient), information, minProbability };
}

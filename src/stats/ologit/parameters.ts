/**
 * The parameters around the fit: which design columns can be estimated (aliasing), and the
 * way back from the centred design the fit uses to the parametrisation R reports.
 */
import { nextTask } from '../../shared/next-task.ts';
import { factorWithAliasing } from '../logit/linalg.ts';
import { SLICE, type DesignMatrix } from '../logit/matrix.ts';

/** As the logit's (logit/irls.ts): only exact or near-exact collinearity is aliased. */
const ALIAS_TOLERANCE = 1e-9;

/**
 * Matrix columns (1…width-1) that are estimated: a column that is constant, or a linear
 * combination of the intercept and the columns before it, is aliased, later columns first, as
 * clm drops them. Decided on the weighted cross-product of the centred design with the
 * intercept in front, summed in row order.
 */
export async function estimableColumns(matrix: DesignMatrix): Promise<number[]> {
  const { n, width: p, x, weights } = matrix;
  const a = new Float64Array(p * p);
  for (let from = 0; from < n; from += SLICE) {
    if (from > 0) await nextTask();
    const to = Math.min(n, from + SLICE);
    for (let r = from; r < to; r++) {
      const base = r * p;
      const w = weights ? weights[r] : 1;
      for (let i = 0; i < p; i++) {
        const wi = w * x[base + i];
        for (let j = 0; j <= i; j++) a[i * p + j] += wi * x[base + j];
      }
    }
  }
  const square = Array.from({ length: p }, (_, i) =>
    Array.from({ length: p }, (_, j) => (j <= i ? a[i * p + j] : a[j * p + i])),
  );
  return factorWithAliasing(square, ALIAS_TOLERANCE).kept.filter((j) => j > 0);
}

/**
 * From the centred design (x - shift) to R's: eta loses sum(beta_j * shift_j), which each
 * cut-point absorbs (zeta_k + sum(beta_j * shift_j)); the covariance transforms with the same
 * matrix T (identity, plus the shifts in the cut-points' rows): T V T'.
 */
export function uncentre(
  theta: number[],
  covariance: number[][] | null,
  shifts: number[],
): { estimates: number[]; covariance: number[][] | null } {
  const q = shifts.length;
  const m = theta.length;
  let moved = 0;
  for (let a = 0; a < q; a++) moved += theta[a] * shifts[a];
  const estimates = theta.map((t, i) => (i < q ? t : t + moved));
  if (!covariance) return { estimates, covariance: null };
  const t = (i: number, j: number) => (i === j ? 1 : i >= q && j < q ? shifts[j] : 0);
  const tv = Array.from({ length: m }, (_, i) =>
    Array.from({ length: m }, (_, j) => {
      let s = 0;
      for (let c = 0; c < m; c++) s += t(i, c) * covariance[c][j];
      return s;
    }),
  );
  const out = Array.from({ length: m }, (_, i) =>
    Array.from({ length: m }, (_, j) => {
      let s = 0;
      for (let c = 0; c < m; c++) s += tv[i][c] * t(j, c);
      return s;
    }),
  );
  return { estimates, covariance: out };
}

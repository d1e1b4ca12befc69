/**
 * Heteroskedasticity-consistent and cluster-robust covariances of a binomial glm, as R's
 * sandwich package computes them on the fitted glm object (sandwich 3.0): bread (X'WX)^-1
 * from the last IRLS step, meat from the score contributions estfun(glm) = working residual ×
 * working weight × x. R's working weights are those of the last step's start (glm.fit computes
 * them before the final update), the working residuals those of the final coefficients; both
 * are reproduced here so the result matches vcovHC / vcovCL, not merely approaches it.
 */
import { nextTask } from '../../shared/next-task.ts';
import { startEta } from './kernel.ts';
import { linkOf } from './link.ts';
import { SLICE, type DesignMatrix } from './matrix.ts';
import type { SeType } from './se-types.ts';

export interface SandwichInput {
  /** Final coefficients of the centred design (aliased ones 0). */
  coefficients: number[];
  /** Coefficients the last step's weights came from (null: glm.fit's start). */
  weightsAt: number[] | null;
  /** Indices of the estimated columns. */
  kept: number[];
  /** (X'WX)^-1 on the kept columns at those weights: summary.glm's cov.unscaled. */
  bread: number[][];
}

/**
 * The robust covariance of the kept coefficients (centred design, kept order):
 * bread · meat · bread with
 * - HC0: meat = Σ s_i s_iᵀ; HC1: × n/(n − k); `stata`: × n/(n − 1) (Stata's vce(robust));
 * - HC2: s_i s_iᵀ / (1 − h_i); HC3: / (1 − h_i)² (h_i the glm's hat values);
 * - cluster: Σ_g (Σ_{i∈g} s_i)(Σ_{i∈g} s_i)ᵀ × G/(G − 1) (vcovCL type HC0, Stata's vce(cluster)).
 */
export async function sandwichCovariance(
  matrix: DesignMatrix,
  input: SandwichInput,
  type: Exclude<SeType, 'model'>,
  clusters: number,
): Promise<number[][]> {
  const m = input.kept.length;
  const meat =
    type === 'cluster'
      ? await clusterMeat(matrix, input, clusters)
      : await rowMeat(matrix, input, type);
  const n = matrix.n;
  const scale =
    type === 'HC1'
      ? n / (n - m)
      : type === 'stata'
        ? n / (n - 1)
        : type === 'cluster'
          ? clusters / (clusters - 1)
          : 1;
  const { bread } = input;
  const left = product(bread, meat, m);
  const full = product(left, bread, m);
  return full.map((row, a) => row.map((_, b) => ((full[a][b] + full[b][a]) / 2) * scale));
}

/** Per row: the kept design values, the score factor (weight × working residual), the weight. */
type RowVisitor = (xs: Float64Array, score: number, weight: number, row: number) => void;

async function eachRow(
  matrix: DesignMatrix,
  input: SandwichInput,
  visit: RowVisitor,
): Promise<void> {
  const { n, width: p, x, y } = matrix;
  const link = linkOf(matrix.link);
  const prior = matrix.weights ?? null;
  const { coefficients, weightsAt, kept } = input;
  const xs = new Float64Array(kept.length);
  for (let from = 0; from < n; from += SLICE) {
    if (from > 0) await nextTask();
    const to = Math.min(n, from + SLICE);
    for (let r = from, base = from * p; r < to; r++, base += p) {
      const wr = prior === null ? 1 : prior[r];
      let etaAt = 0;
      let eta = 0;
      if (weightsAt === null) etaAt = startEta(matrix.link, y[r], wr);
      else for (let j = 0; j < p; j++) etaAt += weightsAt[j] * x[base + j];
      for (let j = 0; j < p; j++) eta += coefficients[j] * x[base + j];
      const before = link(etaAt);
      const weight = (wr * before.me * before.me) / (before.mu * (1 - before.mu));
      const now = link(eta);
      const score = (weight * (y[r] - now.mu)) / now.me;
      for (let k = 0; k < kept.length; k++) xs[k] = x[base + kept[k]];
      visit(xs, score, weight, r);
    }
  }
}

async function rowMeat(
  matrix: DesignMatrix,
  input: SandwichInput,
  type: 'HC0' | 'HC1' | 'HC2' | 'HC3' | 'stata',
): Promise<number[][]> {
  const m = input.kept.length;
  const meat = new Float64Array(m * m);
  const needsHat = type === 'HC2' || type === 'HC3';
  await eachRow(matrix, input, (xs, score, weight) => {
    let factor = score * score;
    if (needsHat) {
      const h = weight * quadratic(input.bread, xs, m);
      factor /= type === 'HC2' ? 1 - h : (1 - h) * (1 - h);
    }
    for (let a = 0; a < m; a++) {
      const u = factor * xs[a];
      for (let b = 0; b <= a; b++) meat[a * m + b] += u * xs[b];
    }
  });
  return symmetric(meat, m);
}

async function clusterMeat(
  matrix: DesignMatrix,
  input: SandwichInput,
  clusters: number,
): Promise<number[][]> {
  const m = input.kept.length;
  const codes = matrix.cluster;
  if (!codes) throw new Error('a clustered covariance needs the cluster codes');
  // Each cluster's summed score, added in row order; then the outer products in cluster order.
  const totals = new Float64Array(clusters * m);
  await eachRow(matrix, input, (xs, score, _weight, r) => {
    const base = (codes[r] - 1) * m;
    for (let a = 0; a < m; a++) totals[base + a] += score * xs[a];
  });
  const meat = new Float64Array(m * m);
  for (let g = 0; g < clusters; g++) {
    const base = g * m;
    for (let a = 0; a < m; a++) {
      const u = totals[base + a];
      for (let b = 0; b <= a; b++) meat[a * m + b] += u * totals[base + b];
    }
  }
  return symmetric(meat, m);
}

function quadratic(matrix: number[][], v: Float64Array, m: number): number {
  let total = 0;
  for (let a = 0; a < m; a++) {
    let row = 0;
    for (let b = 0; b < m; b++) row += matrix[a][b] * v[b];
    total += v[a] * row;
  }
  return total;
}

function symmetric(lower: Float64Array, m: number): number[][] {
  return Array.from({ length: m }, (_, a) =>
    Array.from({ length: m }, (_, b) => (b <= a ? lower[a * m + b] : lower[b * m + a])),
  );
}

function product(left: number[][], right: number[][], m: number): number[][] {
  return Array.from({ length: m }, (_, a) =>
    Array.from({ length: m }, (_, b) => {
      let s = 0;
      for (let c = 0; c < m; c++) s += left[a][c] * right[c][b];
      return s;
    }),
  );
}

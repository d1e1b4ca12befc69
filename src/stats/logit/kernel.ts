import exp from '@stdlib/math-base-special-exp';
import ln from '@stdlib/math-base-special-ln';
import { releaseDesignMatrix, SLICE, type DesignMatrix, type PartialSums } from './matrix.ts';
import { nextTask } from '../../shared/next-task.ts';
import { DBL_EPSILON, linkFunction, probitLink, THRESH, type LinkName } from './link.ts';

export interface StepSums {
  deviance: number;
  minMu: number;
  maxMu: number;
  xtwx: number[][];
  xtwz: number[];
}

/**
 * One IRLS step of R's glm.fit for the binomial family: from the linear predictor (R's
 * starting values when `coefficients` is null) the deviance, X'WX and X'Wz, with the link,
 * its derivative and the deviance residuals computed as R's C code computes them. Each slice
 * of rows is summed on its own and the slices are added in order: the same bits whichever
 * order or thread computed the slices, and a shorter chain of additions than one running sum.
 */
export async function irlsSums(
  matrix: DesignMatrix,
  coefficients: number[] | null,
): Promise<StepSums> {
  const p = matrix.width;
  const total = emptySums(p);
  const helper = matrix.helper;
  const own = helper ? helper.from : matrix.n;
  const theirs: [number, number][] = [];
  for (let from = own; from < matrix.n; from += SLICE) {
    theirs.push([from, Math.min(matrix.n, from + SLICE)]);
  }
  const fromHelper =
    helper && theirs.length > 0
      ? helper.api.sums(coefficients, theirs, matrix.link ?? 'logit')
      : null;
  const parts: PartialSums[] = [];
  for (let from = 0; from < own; from += SLICE) {
    if (from > 0) await nextTask();
    parts.push(sliceSums(matrix, coefficients, from, Math.min(own, from + SLICE)));
  }
  if (fromHelper) {
    try {
      parts.push(...(await fromHelper));
    } catch {
      // A helper that failed costs time, not the fit: its slices are summed here instead.
      releaseDesignMatrix(matrix);
      for (const [from, to] of theirs) parts.push(sliceSums(matrix, coefficients, from, to));
    }
  }
  for (const part of parts) {
    for (let k = 0; k < total.a.length; k++) total.a[k] += part.a[k];
    for (let i = 0; i < p; i++) total.b[i] += part.b[i];
    total.deviance += part.deviance;
    total.minMu = Math.min(total.minMu, part.minMu);
    total.maxMu = Math.max(total.maxMu, part.maxMu);
  }
  const xtwx = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (let i = 0, k = 0; i < p; i++) {
    for (let j = 0; j <= i; j++, k++) xtwx[i][j] = xtwx[j][i] = total.a[k];
  }
  const { deviance, minMu, maxMu } = total;
  return { deviance, minMu, maxMu, xtwx, xtwz: Array.from(total.b) };
}

function emptySums(p: number): PartialSums {
  const a = new Float64Array((p * (p + 1)) / 2);
  return { a, b: new Float64Array(p), deviance: 0, minMu: Infinity, maxMu: -Infinity };
}

// mustart = (y + 0.5) / 2, eta = log(mu / (1 - mu)), as binomial()$initialize does.
const START_ONE = ln(0.75 / (1 - 0.75));
const START_ZERO = ln(0.25 / (1 - 0.25));

/**
 * glm.fit's starting linear predictor for one row: binomial()$initialize's
 * mustart = (weight * y + 0.5) / (weight + 1), through the link function.
 */
export function startEta(link: LinkName | undefined, y: number, weight: number): number {
  if (weight === 1 && link !== 'probit' && (y === 0 || y === 1)) {
    return y === 1 ? START_ONE : START_ZERO;
  }
  return linkFunction(link, (weight * y + 0.5) / (weight + 1));
}

/**
 * binomial()$dev.resids without the factor 2 * weight: y log(y / mu) + (1 - y) log((1 - y) /
 * (1 - mu)), with R's y_log_y (0 when y is 0). y is 0 or 1 except in Firth's starting fit.
 */
export function devianceTerm(y: number, mu: number): number {
  if (y === 1) return ln(1 / mu);
  if (y === 0) return ln(1 / (1 - mu));
  return y * ln(y / mu) + (1 - y) * ln((1 - y) / (1 - mu));
}

/**
 * The sums of one IRLS step over rows [from, to). Rows go four at a time into X'WX: one
 * read and write of each sum per four rows makes the pass about twice as fast, and the
 * grouping depends only on the row numbers, so the bits do not change with who runs it.
 */
export function sliceSums(
  matrix: DesignMatrix,
  coefficients: number[] | null,
  from: number,
  to: number,
): PartialSums {
  const { width: p, y, x } = matrix;
  const prior = matrix.weights ?? null;
  const probit = matrix.link === 'probit';
  const sums = emptySums(p);
  const w = new Float64Array(4);
  const z = new Float64Array(4);
  for (let r = from; r < to; r += 4) {
    const count = Math.min(4, to - r);
    for (let q = 0; q < count; q++) {
      const base = (r + q) * p;
      const yr = y[r + q];
      const wr = prior === null ? 1 : prior[r + q];
      let eta: number;
      if (coefficients === null) {
        eta = startEta(matrix.link, yr, wr);
      } else {
        // From column 0, which holds 1 when the model has an intercept: the same bits as
        // starting at its coefficient, and right for a model without one.
        eta = 0;
        for (let j = 0; j < p; j++) eta += coefficients[j] * x[base + j];
      }
      let mu: number;
      let me: number;
      if (probit) {
        ({ mu, me } = probitLink(eta));
      } else {
        // link(), written out: an object per row would be garbage for the collector.
        const e = eta < -THRESH ? DBL_EPSILON : eta > THRESH ? 1 / DBL_EPSILON : exp(eta);
        mu = e / (1 + e);
        me = eta < -THRESH || eta > THRESH ? DBL_EPSILON : e / ((1 + e) * (1 + e));
      }
      if (mu < sums.minMu) sums.minMu = mu;
      if (mu > sums.maxMu) sums.maxMu = mu;
      // binomial()$dev.resids: 2 * wt * (y log(y / mu) + (1 - y) log((1 - y) / (1 - mu))).
      if (prior === null) {
        sums.deviance += yr === 1 ? 2 * ln(1 / mu) : 2 * ln(1 / (1 - mu));
        w[q] = (me * me) / (mu * (1 - mu));
      } else {
        sums.deviance += 2 * wr * devianceTerm(yr, mu);
        w[q] = (wr * me * me) / (mu * (1 - mu));
      }
      z[q] = eta + (yr - mu) / me;
    }
    if (count === 4) addFourRows(sums, x, r * p, p, w, z);
    else for (let q = 0; q < count; q++) addRow(sums, x, (r + q) * p, p, w[q], z[q]);
  }
  return sums;
}

function addFourRows(
  sums: PartialSums,
  x: Float64Array,
  base: number,
  p: number,
  w: Float64Array,
  z: Float64Array,
): void {
  const { a, b } = sums;
  const r0 = base;
  const r1 = base + p;
  const r2 = r1 + p;
  const r3 = r2 + p;
  const w0 = w[0];
  const w1 = w[1];
  const w2 = w[2];
  const w3 = w[3];
  for (let i = 0, k = 0; i < p; i++) {
    const u0 = w0 * x[r0 + i];
    const u1 = w1 * x[r1 + i];
    const u2 = w2 * x[r2 + i];
    const u3 = w3 * x[r3 + i];
    b[i] += u0 * z[0] + u1 * z[1] + (u2 * z[2] + u3 * z[3]);
    for (let j = 0; j <= i; j++) {
      a[k++] += u0 * x[r0 + j] + u1 * x[r1 + j] + (u2 * x[r2 + j] + u3 * x[r3 + j]);
    }
  }
}

function addRow(
  sums: PartialSums,
  x: Float64Array,
  base: number,
  p: number,
  w: number,
  z: number,
): void {
  const { a, b } = sums;
  for (let i = 0, k = 0; i < p; i++) {
    const u = w * x[base + i];
    b[i] += u * z;
    for (let j = 0; j <= i; j++) a[k++] += u * x[base + j];
  }
}

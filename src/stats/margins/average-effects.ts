/**
 * Average marginal effects of a fitted binomial model, as marginaleffects defines them
 * (avg_slopes, avg_comparisons, avg_predictions): every row of the estimation sample keeps
 * its observed values except the one variable being moved, the design row is recomputed
 * through every column that variable enters (design.rows: transforms and interactions), and
 * the row quantities are averaged. Each comes with its gradient with respect to the model's
 * centred coefficients, for the delta method. Sums run in JavaScript in row order, so the
 * browser and the command line give the same bits.
 */
import { nextTask } from '../../shared/next-task.ts';
import type { Design } from '../logit/design.ts';
import { linkOf, type LinkName } from '../logit/link.ts';
import { SLICE, type DesignMatrix } from '../logit/matrix.ts';
import { averagePrediction } from '../logit/average-prediction.ts';

/** A number averaged over the sample and its gradient (centred coefficients, full width). */
export interface Averaged {
  estimate: number;
  gradient: Float64Array;
}

/** d(mu')/d(eta): the second derivative of the inverse link (logit: mu'(1 - 2mu); probit: -eta·phi). */
function slopeOfMe(link: LinkName, eta: number, mu: number, me: number): number {
  return link === 'probit' ? -eta * me : me * (1 - 2 * mu);
}

/**
 * The average derivative of the predicted probability with respect to raw variable `k`:
 * mean of mu'(eta) · d eta / d x, where d eta / d x = Σ_j β_j · d x_j / d x through every
 * column x enters. Gradient: mean of mu''(eta) · (d eta / d x) · x_j + mu'(eta) · d x_j / d x.
 */
export async function averageSlope(
  design: Design,
  link: LinkName,
  beta: number[],
  k: number,
): Promise<Averaged> {
  const { n, rows } = design;
  const p = rows.width;
  const inverse = linkOf(link);
  const raw = new Float64Array(design.raw.length);
  const x = new Float64Array(p);
  const dx = new Float64Array(p);
  const gradient = new Float64Array(p);
  let total = 0;
  for (let from = 0; from < n; from += SLICE) {
    if (from > 0) await nextTask();
    const to = Math.min(n, from + SLICE);
    for (let r = from; r < to; r++) {
      design.rawRow(r, raw);
      rows.fill(raw, x);
      rows.derivative(raw, k, dx);
      let eta = 0;
      let slope = 0;
      for (let j = 0; j < p; j++) {
        eta += beta[j] * x[j];
        slope += beta[j] * dx[j];
      }
      const { mu, me } = inverse(eta);
      const curvature = slopeOfMe(link, eta, mu, me) * slope;
      total += me * slope;
      for (let j = 0; j < p; j++) gradient[j] += curvature * x[j] + me * dx[j];
    }
  }
  for (let j = 0; j < p; j++) gradient[j] /= n;
  return { estimate: total / n, gradient };
}

/**
 * The average predicted probability with raw variable `k` set to `value` in every row (and
 * its gradient: the mean of mu'(eta) times the row), as the model cell's predictions compute
 * it. `value` is as the sample holds it: a number, 0/1 for a boolean, a text level's index.
 */
export async function averagePredictionAt(
  design: Design,
  matrix: DesignMatrix,
  beta: number[],
  k: number,
  value: number,
): Promise<Averaged> {
  const raw = new Float64Array(design.raw.length);
  const fillRow = (r: number, row: Float64Array) => {
    design.rawRow(r, raw);
    raw[k] = value;
    design.rows.fill(raw, row);
  };
  const { mean, gradient } = await averagePrediction(matrix, beta, fillRow);
  return { estimate: mean, gradient: Float64Array.from(gradient) };
}

/** The difference of two averages (a contrast: level minus reference), gradient and all. */
export function difference(a: Averaged, b: Averaged): Averaged {
  return {
    estimate: a.estimate - b.estimate,
    gradient: a.gradient.map((g, j) => g - b.gradient[j]),
  };
}

/** Delta-method standard error: sqrt(gᵀ V g) over the estimated coefficients (`kept`). */
export function deltaStandardError(
  averaged: Averaged,
  kept: number[],
  covariance: number[][],
): number {
  const g = kept.map((index) => averaged.gradient[index]);
  let variance = 0;
  for (let a = 0; a < g.length; a++) {
    for (let b = 0; b < g.length; b++) variance += g[a] * covariance[a][b] * g[b];
  }
  return Math.sqrt(Math.max(variance, 0));
}

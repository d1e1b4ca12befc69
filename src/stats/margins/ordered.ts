/**
 * Average effects of an ordered logit on the probability of each category, as marginaleffects
 * defines them for polr/clm: P(Y = k) = F(zeta_k - eta) - F(zeta_{k-1} - eta) (zeta_{-1} = -Inf,
 * zeta_{K-1} = +Inf), every row of the estimation sample at its observed values except the
 * variable moved, the design row recomputed through every column it enters (design.rows), and
 * the row quantities averaged without weights (as the binomial margins). Each average carries
 * its gradient in the model's centred parameters (kept coefficients, then cut-points: the
 * fit's own order), for the delta method. Sums run in JavaScript in row order.
 */
import { nextTask } from '../../shared/next-task.ts';
import type { Design } from '../logit/design.ts';
import { SLICE } from '../logit/matrix.ts';
import { logistic, logisticDensity } from '../ologit/likelihood.ts';
import type { Averaged } from './average-effects.ts';

export interface OrderedModel {
  design: Design;
  /** Matrix columns of the estimated coefficients, in the parameters' order. */
  kept: number[];
  /** Centred parameters: kept.length coefficients, then K - 1 cut-points. */
  theta: number[];
  categories: number;
}

/** Row quantities for one category: the value averaged and its gradient added in place. */
type RowTerm = (
  k: number,
  bounds: Bounds,
  x: Float64Array,
  dx: Float64Array,
  slope: number,
  gradient: Float64Array,
) => number;

/** F, f and f' at zeta_k - eta for k = -1…K-1, index k + 1 (0 and 1 at the open ends). */
interface Bounds {
  cdf: Float64Array;
  density: Float64Array;
  curvature: Float64Array;
}

/**
 * d P(Y = k) / d x averaged: -(f(u) - f(l)) · d eta / d x, with u = zeta_k - eta and
 * l = zeta_{k-1} - eta. Gradient: (f'(u) - f'(l)) · x_j · deta - (f(u) - f(l)) · d x_j / d x in
 * a coefficient; -f'(u) · deta in zeta_k, +f'(l) · deta in zeta_{k-1}.
 */
export function averageCategorySlopes(model: OrderedModel, variable: number): Promise<Averaged[]> {
  const q = model.kept.length;
  const slope: RowTerm = (k, { density, curvature }, x, dx, deta, gradient) => {
    const df = density[k + 1] - density[k];
    const dc = curvature[k + 1] - curvature[k];
    for (let a = 0; a < q; a++) {
      const j = model.kept[a];
      gradient[a] += dc * x[j] * deta - df * dx[j];
    }
    if (k < model.categories - 1) gradient[q + k] -= curvature[k + 1] * deta;
    if (k > 0) gradient[q + k - 1] += curvature[k] * deta;
    return -df * deta;
  };
  return averageOver(model, variable, null, slope);
}

/**
 * P(Y = k) averaged with raw variable `variable` set to `value` in every row. Gradient:
 * -(f(u) - f(l)) · x_j in a coefficient; f(u) in zeta_k, -f(l) in zeta_{k-1}.
 */
export function averageCategoryPredictionsAt(
  model: OrderedModel,
  variable: number,
  value: number,
): Promise<Averaged[]> {
  const q = model.kept.length;
  const probability: RowTerm = (k, { cdf, density }, x, _dx, _deta, gradient) => {
    const df = density[k + 1] - density[k];
    for (let a = 0; a < q; a++) gradient[a] -= df * x[model.kept[a]];
    if (k < model.categories - 1) gradient[q + k] += density[k + 1];
    if (k > 0) gradient[q + k - 1] -= density[k];
    return cdf[k + 1] - cdf[k];
  };
  return averageOver(model, variable, value, probability);
}

async function averageOver(
  model: OrderedModel,
  variable: number,
  value: number | null,
  term: RowTerm,
): Promise<Averaged[]> {
  const { design, kept, theta, categories: K } = model;
  const { n, rows } = design;
  const q = kept.length;
  const raw = new Float64Array(design.raw.length);
  const x = new Float64Array(rows.width);
  const dx = new Float64Array(rows.width);
  const bounds: Bounds = {
    cdf: new Float64Array(K + 1),
    density: new Float64Array(K + 1),
    curvature: new Float64Array(K + 1),
  };
  bounds.cdf[K] = 1;
  const sums = Array.from({ length: K }, () => ({
    estimate: 0,
    gradient: new Float64Array(theta.length),
  }));
  for (let from = 0; from < n; from += SLICE) {
    if (from > 0) await nextTask();
    const to = Math.min(n, from + SLICE);
    for (let r = from; r < to; r++) {
      design.rawRow(r, raw);
      if (value !== null) raw[variable] = value;
      rows.fill(raw, x);
      if (value === null) rows.derivative(raw, variable, dx);
      let eta = 0;
      let deta = 0;
      for (let a = 0; a < q; a++) {
        eta += theta[a] * x[kept[a]];
        if (value === null) deta += theta[a] * dx[kept[a]];
      }
      for (let k = 0; k < K - 1; k++) {
        const t = theta[q + k] - eta;
        const F = logistic(t);
        const f = logisticDensity(t);
        bounds.cdf[k + 1] = F;
        bounds.density[k + 1] = f;
        bounds.curvature[k + 1] = f * (1 - 2 * F);
      }
      for (let k = 0; k < K; k++) {
        sums[k].estimate += term(k, bounds, x, dx, deta, sums[k].gradient);
      }
    }
  }
  return sums.map(({ estimate, gradient }) => ({
    estimate: estimate / n,
    gradient: gradient.map((g) => g / n),
  }));
}

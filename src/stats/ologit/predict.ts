/**
 * `<name>_predicted` of an ordered logit: the average predicted probability of every category
 * at each level of one predictor, with delta-method intervals.
 */
import type { ColumnInfo, Engine, Row } from '../../engine/Engine.ts';
import { nextTask } from '../../shared/next-task.ts';
import type { TableData } from '../../shared/table-data.ts';
import { CellError } from '../../shared/errors.ts';
import type { Design } from '../logit/design.ts';
import { SLICE } from '../logit/matrix.ts';
import { levelsOf } from '../logit/predict.ts';
import type { Categories } from './categories.ts';
import { logistic, logisticDensity, type OrderedProblem } from './likelihood.ts';

export interface PredictionModel {
  problem: OrderedProblem;
  /** Centred parameters (kept coefficients, cut-points) and their covariance. */
  theta: number[];
  covariance: number[][];
  z: number;
}

/**
 * Every row of the estimation sample keeps its other values, the predictor is set to the
 * level, and P(Y = k) = F(zeta_k - eta) - F(zeta_{k-1} - eta) is averaged (weighted by the
 * prior weights when there are some: a row of weight 2 counts as two rows). The gradient of
 * that average in the parameters gives the delta-method interval, clamped to [0, 1] as the
 * logit's predictions are.
 */
export async function predictCategories(
  engine: Engine,
  design: Design,
  variable: ColumnInfo,
  categories: Categories,
  model: PredictionModel,
): Promise<TableData> {
  if (['category', 'predicted', 'lower', 'upper', 'n'].includes(variable.name.toLowerCase())) {
    throw new CellError(
      `predict: a predictor called ${JSON.stringify(variable.name)} would clash with a column ` +
        'of the predictions table; rename it in a sql cell',
    );
  }
  const { problem } = model;
  const { matrix } = problem;
  const { levels, counts, type } = await levelsOf(engine, design, variable);
  // The predictor's own design columns (matrix column j + 1 for design column j).
  const own = design.columns
    .map((c, j) => (c.variable.name === variable.name ? j : -1))
    .filter((j) => j >= 0);
  const rows: Row[] = [];
  for (const [i, level] of levels.entries()) {
    const at = new Map(
      own.map((j) => {
        const column = design.columns[j];
        const raw = column.level === undefined ? Number(level) : level === column.level ? 1 : 0;
        return [j + 1, raw - matrix.shift[j + 1]] as [number, number];
      }),
    );
    const averages = await averageProbabilities(model, at);
    averages.forEach(({ mean, gradient }, k) => {
      let variance = 0;
      for (let a = 0; a < gradient.length; a++) {
        for (let b = 0; b < gradient.length; b++) {
          variance += gradient[a] * model.covariance[a][b] * gradient[b];
        }
      }
      const se = Math.sqrt(Math.max(variance, 0));
      rows.push({
        [variable.name]: level,
        category: categories.values[k],
        predicted: mean,
        lower: Math.max(0, mean - model.z * se),
        upper: Math.min(1, mean + model.z * se),
        n: counts[i],
      });
    });
  }
  return {
    columns: [
      { name: variable.name, type },
      { name: 'category', type: categories.type },
      { name: 'predicted', type: 'DOUBLE' },
      { name: 'lower', type: 'DOUBLE' },
      { name: 'upper', type: 'DOUBLE' },
      { name: 'n', type: 'BIGINT' },
    ],
    rows,
  };
}

/** For each category, the average probability and its gradient in the centred parameters. */
async function averageProbabilities(
  model: PredictionModel,
  at: Map<number, number>,
): Promise<{ mean: number; gradient: number[] }[]> {
  const { problem, theta } = model;
  const { matrix, columns, categories: K } = problem;
  const { n, width, x, weights } = matrix;
  const q = columns.length;
  const m = theta.length;
  const sums = Array.from({ length: K }, () => ({ mean: 0, gradient: new Float64Array(m) }));
  const xs = new Float64Array(q);
  const cdf = new Float64Array(K + 1);
  const density = new Float64Array(K + 1);
  let total = 0;
  for (let from = 0; from < n; from += SLICE) {
    if (from > 0) await nextTask();
    const to = Math.min(n, from + SLICE);
    for (let r = from; r < to; r++) {
      const base = r * width;
      let eta = 0;
      for (let a = 0; a < q; a++) {
        xs[a] = at.get(columns[a]) ?? x[base + columns[a]];
        eta += theta[a] * xs[a];
      }
      const w = weights ? weights[r] : 1;
      total += w;
      // cdf[k + 1] = F(zeta_k - eta): cdf[0] = 0 and cdf[K] = 1 close the ends.
      cdf[K] = 1;
      for (let k = 0; k < K - 1; k++) {
        cdf[k + 1] = logistic(theta[q + k] - eta);
        density[k + 1] = logisticDensity(theta[q + k] - eta);
      }
      for (let k = 0; k < K; k++) {
        const s = sums[k];
        s.mean += w * (cdf[k + 1] - cdf[k]);
        const slope = -w * (density[k + 1] - density[k]);
        for (let a = 0; a < q; a++) s.gradient[a] += slope * xs[a];
        if (k < K - 1) s.gradient[q + k] += w * density[k + 1];
        if (k > 0) s.gradient[q + k - 1] -= w * density[k];
      }
    }
  }
  return sums.map((s) => ({
    mean: s.mean / total,
    gradient: Array.from(s.gradient, (g) => g / total),
  }));
}

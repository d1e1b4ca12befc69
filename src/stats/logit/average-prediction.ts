import { nextTask } from '../../shared/next-task.ts';
import { linkOf } from './link.ts';
import { SLICE, type DesignMatrix } from './matrix.ts';

/**
 * Average predicted probability, and its gradient with respect to the (centred) coefficients,
 * over every row of the sample with the row's design vector given by `fillRow` (the row with
 * some variable set to a value, recomputed through every column it enters): the average of mu
 * and of mu'(eta) times the row's design vector.
 */
export async function averagePrediction(
  matrix: DesignMatrix,
  coefficients: number[],
  fillRow: (r: number, row: Float64Array) => void,
): Promise<{ mean: number; gradient: number[] }> {
  const { n, width: p } = matrix;
  const link = linkOf(matrix.link);
  const row = new Float64Array(p);
  const gradient = new Float64Array(p);
  let total = 0;
  for (let from = 0; from < n; from += SLICE) {
    if (from > 0) await nextTask();
    const to = Math.min(n, from + SLICE);
    for (let r = from; r < to; r++) {
      fillRow(r, row);
      let eta = 0;
      for (let j = 0; j < p; j++) eta += coefficients[j] * row[j];
      const { mu, me } = link(eta);
      total += mu;
      for (let j = 0; j < p; j++) gradient[j] += me * row[j];
    }
  }
  return { mean: total / n, gradient: Array.from(gradient, (g) => g / n) };
}

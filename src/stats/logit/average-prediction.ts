import { nextTask } from '../../shared/next-task.ts';
import { logitLink as link } from './link.ts';
import { SLICE, type DesignMatrix } from './matrix.ts';

/**
 * Average predicted probability, and its gradient with respect to the (centred) coefficients,
 * over every row with the columns `at` set to the given centred values: the average of mu and
 * of mu'(eta) times the row's modified design vector.
 */
export async function averagePrediction(
  matrix: DesignMatrix,
  coefficients: number[],
  at: Map<number, number>,
): Promise<{ mean: number; gradient: number[] }> {
  const { n, width: p, x } = matrix;
  const row = new Float64Array(p);
  const gradient = new Float64Array(p);
  let total = 0;
  for (let from = 0; from < n; from += SLICE) {
    if (from > 0) await nextTask();
    const to = Math.min(n, from + SLICE);
    for (let r = from, base = from * p; r < to; r++, base += p) {
      for (let j = 0; j < p; j++) row[j] = x[base + j];
      for (const [j, value] of at) row[j] = value;
      let eta = 0;
      for (let j = 0; j < p; j++) eta += coefficients[j] * row[j];
      const { mu, me } = link(eta);
      total += mu;
      for (let j = 0; j < p; j++) gradient[j] += me * row[j];
    }
  }
  return { mean: total / n, gradient: Array.from(gradient, (g) => g / n) };
}

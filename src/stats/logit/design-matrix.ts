import type { Engine } from '../../engine/Engine.ts';
import { ident } from '../../engine/sql.ts';
import { nextTask } from '../../shared/next-task.ts';
import { markLogitPhase } from '../phase-mark.ts';
import { designColumnName, type Design } from './design.ts';
import { SLICE, type DesignMatrix } from './matrix.ts';
import { newSliceHelper } from './slice-helper.ts';

export async function loadDesignMatrix(engine: Engine, design: Design): Promise<DesignMatrix> {
  const width = design.columns.length + 1;
  const names = [
    'y',
    ...design.columns.map((_, j) => designColumnName(j)),
    ...(design.weighted ? ['w'] : []),
    ...(design.clusters !== null ? ['g'] : []),
  ];
  const fetched = await engine.queryNumbers(
    `SELECT ${names.map(ident).join(', ')} FROM (${design.sample})`,
  );
  const cluster = design.clusters !== null ? (fetched.pop() ?? null) : null;
  const weights = design.weighted ? (fetched.pop() ?? null) : null;
  const [y, ...columns] = fetched;
  markLogitPhase('fetched');
  const n = y.length;
  const shift = [
    0,
    ...columns.map((column, j) => {
      // A constant column centred on its own value is exactly zero, so it is surely aliased.
      if (design.columns[j].constant) return column[0];
      let sum = 0;
      for (let r = 0; r < n; r++) sum += column[r];
      return sum / n;
    }),
  ];
  const x = new Float64Array(n * width);
  for (let from = 0; from < n; from += SLICE) {
    if (from > 0) await nextTask();
    const to = Math.min(n, from + SLICE);
    for (let r = from, base = from * width; r < to; r++, base += width) {
      x[base] = 1;
      for (let j = 1; j < width; j++) x[base + j] = columns[j - 1][r] - shift[j];
    }
  }
  const matrix: DesignMatrix = { n, width, intercept: true, y, x, shift, weights, cluster };
  markLogitPhase('transposed');
  await attachHelper(matrix);
  return matrix;
}

/**
 * Gives the second half of the slices to a helper thread when there is one and the matrix is
 * big enough to be worth the copy. Without one every slice is summed here: same bits.
 */
async function attachHelper(matrix: DesignMatrix): Promise<void> {
  const slices = Math.ceil(matrix.n / SLICE);
  if (slices < 4) return;
  const api = newSliceHelper();
  if (!api) return;
  const from = Math.ceil(slices / 2) * SLICE;
  try {
    await api.load(matrix, from);
    matrix.helper = { api, from };
  } catch {
    api.release(); // The fit still runs, on this thread alone.
  }
}

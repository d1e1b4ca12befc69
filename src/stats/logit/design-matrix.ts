import type { Engine } from '../../engine/Engine.ts';
import { nextTask } from '../../shared/next-task.ts';
import { markLogitPhase } from '../phase-mark.ts';
import type { Design } from './design.ts';
import { SLICE, type DesignMatrix } from './matrix.ts';
import { newSliceHelper } from './slice-helper.ts';

/**
 * The design's centred row-major matrix: each row as the function a prediction uses
 * (`design.rows.fill`) gives it. The sample was read from DuckDB when the design was built.
 */
export async function loadDesignMatrix(_engine: Engine, design: Design): Promise<DesignMatrix> {
  // The sample is already read (buildDesign); the mark keeps the benchmark's phases in order.
  markLogitPhase('fetched');
  const { n, rows } = design;
  const width = rows.width;
  // The design's own uncentred matrix when it is still there: centring it in place gives the
  // bits rows.fill gives (value - shift), without computing every row again.
  const x = design.uncentred ?? new Float64Array(n * width);
  const fresh = design.uncentred === null;
  design.uncentred = null;
  const raw = new Float64Array(design.raw.length);
  const { shift } = rows;
  const first = design.intercept ? 1 : 0;
  for (let from = 0; from < n; from += SLICE) {
    if (from > 0) await nextTask();
    const to = Math.min(n, from + SLICE);
    for (let r = from; r < to; r++) {
      const base = r * width;
      if (fresh) {
        design.rawRow(r, raw);
        rows.fill(raw, x, base);
      } else {
        for (let j = first; j < width; j++) x[base + j] -= shift[j];
      }
    }
  }
  const matrix: DesignMatrix = {
    n,
    width,
    intercept: design.intercept,
    y: design.y,
    x,
    shift: Array.from(rows.shift),
    weights: design.weights,
    cluster: design.cluster,
  };
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

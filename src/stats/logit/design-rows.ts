/**
 * One row of the model matrix from one row's raw values: the function the matrix is built
 * with, and the one a prediction or a marginal effect uses after setting a variable, so
 * setting `x` recomputes `x`, `I(x^2)`, `log(x)` and `x:z` alike, with the same arithmetic in
 * the same order (the same bits as the fitted matrix).
 *
 * Raw values are indexed as `Design.raw` is: a number, 0/1 for a boolean, a text column's
 * index into its `levels`. Matrix rows are as `DesignMatrix` holds them: with an intercept,
 * column 0 is 1 and design column j is matrix column j + 1; every column minus its `shift`
 * (all 0 without an intercept).
 */
import { nextTask } from '../../shared/next-task.ts';
import { derivative as derive } from './expression.ts';
import { SLICE } from './matrix.ts';
import type { CodedColumn } from './coding.ts';
import type { ModelVariable } from './model-frame.ts';

export class DesignRows {
  /** Matrix columns: the design columns, plus the intercept's. */
  readonly width: number;
  /** Subtracted from each matrix column (0 for the intercept; all 0 without one). */
  readonly shift: Float64Array;
  private readonly first: number;
  private readonly start: Int32Array;
  private readonly partVariable: Int32Array;
  private readonly partLevel: Int32Array;
  private readonly numbers: Float64Array;
  private readonly codes: Int32Array;
  private readonly slopes: Float64Array;

  constructor(
    private readonly variables: ModelVariable[],
    columns: CodedColumn[],
    readonly intercept: boolean,
    private readonly slot: (name: string) => number,
  ) {
    this.first = intercept ? 1 : 0;
    this.width = columns.length + this.first;
    this.shift = new Float64Array(this.width);
    const parts = columns.flatMap((c) => c.parts);
    this.start = new Int32Array(columns.length + 1);
    columns.forEach((c, j) => (this.start[j + 1] = this.start[j] + c.parts.length));
    this.partVariable = Int32Array.from(parts, (p) => p.variable);
    this.partLevel = Int32Array.from(parts, (p) => p.level);
    this.numbers = new Float64Array(variables.length);
    this.codes = new Int32Array(variables.length);
    this.slopes = new Float64Array(variables.length);
  }

  /** The matrix row at these raw values, centred, into out[offset …]. */
  fill(raw: ArrayLike<number>, out: Float64Array, offset = 0): void {
    this.uncentred(raw, out, offset);
    const { shift, width } = this;
    for (let j = this.first; j < width; j++) out[offset + j] -= shift[j];
  }

  /** The same row before centring (what the column means are taken of). */
  uncentred(raw: ArrayLike<number>, out: Float64Array, offset = 0): void {
    const { variables, numbers, codes } = this;
    for (let v = 0; v < variables.length; v++) {
      const variable = variables[v];
      if (variable.kind === 'numeric') numbers[v] = variable.value(raw);
      else codes[v] = variable.code(raw[variable.raw]);
    }
    if (this.intercept) out[offset] = 1;
    const { start, partVariable, partLevel } = this;
    const columns = start.length - 1;
    for (let c = 0, at = offset + this.first; c < columns; c++, at++) {
      let value = 1;
      for (let k = start[c]; k < start[c + 1]; k++) {
        const v = partVariable[k];
        const level = partLevel[k];
        value *= level < 0 ? numbers[v] : codes[v] === level ? 1 : 0;
      }
      out[at] = value;
    }
  }

  /**
   * d(matrix column) / d(raw value k) at these raw values, into out[offset …]: 0 for the
   * intercept and for factor indicators (a factor does not change continuously, even
   * factor(x) of a numeric x), the chain rule through each computed variable, and the
   * product rule through interactions.
   */
  derivative(raw: ArrayLike<number>, k: number, out: Float64Array, offset = 0): void {
    const { variables, numbers, codes, slopes } = this;
    for (let v = 0; v < variables.length; v++) {
      const variable = variables[v];
      if (variable.kind === 'numeric') {
        [numbers[v], slopes[v]] = derive(variable.expr, this.slot, raw, k);
      } else {
        codes[v] = variable.code(raw[variable.raw]);
        slopes[v] = 0;
      }
    }
    if (this.intercept) out[offset] = 0;
    const { start, partVariable, partLevel } = this;
    for (let c = 0, at = offset + this.first; c + 1 < start.length; c++, at++) {
      let value = 1;
      let slope = 0;
      for (let i = start[c]; i < start[c + 1]; i++) {
        const v = partVariable[i];
        const numeric = partLevel[i] < 0;
        const part = numeric ? numbers[v] : codes[v] === partLevel[i] ? 1 : 0;
        slope = slope * part + value * (numeric ? slopes[v] : 0);
        value *= part;
      }
      out[at] = slope;
    }
  }
}

export interface ColumnRange {
  min0: number;
  max0: number;
  min1: number;
  max1: number;
}

/**
 * One pass over the sample that fills the matrix before centring (`x`, row-major, the
 * intercept's 1 first when there is one) and takes, per design column, its range among rows
 * with outcome 0 and 1 (the separation check), whether it is constant, and its mean, which
 * becomes its shift when the model has an intercept (a constant column is shifted by its
 * value, so it centres to exactly 0 and is surely aliased). The sums run row by row in order:
 * the same bits everywhere.
 */
export async function summarise(
  rows: DesignRows,
  rawRow: (r: number, out: Float64Array) => void,
  y: Float64Array,
  rawCount: number,
): Promise<{ constant: boolean[]; range: ColumnRange[]; x: Float64Array }> {
  const n = y.length;
  const width = rows.width;
  const first = rows.intercept ? 1 : 0;
  const count = width - first;
  const x = new Float64Array(n * width);
  const raw = new Float64Array(rawCount);
  const sum = new Float64Array(count);
  // Minimum and maximum per column among outcome-0 rows, then among outcome-1 rows.
  const min = new Float64Array(2 * count).fill(Infinity);
  const max = new Float64Array(2 * count).fill(-Infinity);
  const seen = [false, false];
  for (let from = 0; from < n; from += SLICE) {
    if (from > 0) await nextTask();
    const to = Math.min(n, from + SLICE);
    for (let r = from; r < to; r++) {
      const base = r * width;
      rawRow(r, raw);
      rows.uncentred(raw, x, base);
      const at = base + first;
      for (let c = 0; c < count; c++) sum[c] += x[at + c];
      const group = y[r] === 0 ? 0 : y[r] === 1 ? 1 : -1;
      if (group < 0) continue;
      seen[group] = true;
      for (let c = 0, g = group * count; c < count; c++, g++) {
        const v = x[at + c];
        if (v < min[g]) min[g] = v;
        if (v > max[g]) max[g] = v;
      }
    }
  }
  const constant: boolean[] = [];
  const range: ColumnRange[] = [];
  for (let c = 0; c < count; c++) {
    const r = {
      min0: seen[0] ? min[c] : NaN,
      max0: seen[0] ? max[c] : NaN,
      min1: seen[1] ? min[count + c] : NaN,
      max1: seen[1] ? max[count + c] : NaN,
    };
    const lo = Math.min(...[r.min0, r.min1].filter((v) => !Number.isNaN(v)));
    const hi = Math.max(...[r.max0, r.max1].filter((v) => !Number.isNaN(v)));
    constant.push(lo === hi);
    range.push(r);
    if (rows.intercept) rows.shift[first + c] = lo === hi ? x[first + c] : sum[c] / n;
  }
  return { constant, range, x };
}

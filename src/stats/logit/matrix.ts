// The design matrix, the sums a slice of it gives, and the helper that computes them on another
// thread reference each other; one file for the three keeps the kernel and the helper free of a
// cycle between them.

/**
 * The design as one row-major matrix (intercept column of ones first), centred: each
 * column minus its mean. Centring keeps X'WX well conditioned (a year column next to the
 * intercept would otherwise cost half the digits); estimates are mapped back to the
 * uncentred parametrisation R reports. Summing over it
 * in a single JavaScript loop gives the same bits in Node and in the browser: the order of the
 * additions is fixed (a SQL sum depends on DuckDB's threads), and exp and log come from
 * @stdlib's pure-arithmetic code, because V8's Math.log differs between Node 20 and current
 * Chromium in the last bit for about 7% of arguments.
 */
import type { LinkName } from './link.ts';

/** Rows per slice between two yields to the event loop: about 15 ms of work at 13 columns. */
export const SLICE = 65_536;

export interface DesignMatrix {
  n: number;
  /** Columns including the intercept. */
  width: number;
  /**
   * Column 0 is the intercept (all ones). Without one (`- 1` in the formula) every column is
   * a predictor and none is centred (centring would change the model); `shift` is all 0.
   */
  intercept: boolean;
  y: Float64Array;
  x: Float64Array;
  /** Subtracted from each column (0 for the intercept). */
  shift: number[];
  /** Prior weights (glm's `weights =`), all positive; null when the model has none. */
  weights?: Float64Array | null;
  /** Each row's cluster, 1…G; null when the model asked for no clustering. */
  cluster?: Float64Array | null;
  /** The binomial link (logit when absent). */
  link?: LinkName;
  /** Another thread holding rows [from, n), which sums those slices. */
  helper?: { api: SliceHelper; from: number };
}

export interface PartialSums {
  /** Lower triangle of X'WX, row by row. */
  a: Float64Array;
  b: Float64Array;
  deviance: number;
  minMu: number;
  maxMu: number;
}

/**
 * Another thread that sums whole slices of a design matrix (a Web Worker in the browser, where
 * DuckDB's own worker sits idle during a fit). The caller adds the slices' sums in slice order,
 * so a fit gives the same bits with or without a helper.
 */
export interface SliceHelper {
  /** Copies rows [from, matrix.n) to the helper; `from` is a slice boundary. */
  load(matrix: DesignMatrix, from: number): Promise<void>;
  /** The sums of the given slices (rows [from, to) of the whole matrix), in order. */
  sums(
    coefficients: number[] | null,
    slices: [number, number][],
    link: LinkName,
  ): Promise<PartialSums[]>;
  release(): void;
}

/** Frees the helper thread (and its copy of the rows); the matrix still works without it. */
export function releaseDesignMatrix(matrix: DesignMatrix): void {
  matrix.helper?.api.release();
  matrix.helper = undefined;
}

import type { DesignMatrix, PartialSums } from './logit-kernel.ts';

/**
 * Another thread that sums whole slices of a design matrix (a Web Worker in the browser, where
 * DuckDB's own worker sits idle during a fit). The caller adds the slices' sums in slice order,
 * so a fit gives the same bits with or without a helper.
 */
export interface SliceHelper {
  /** Copies rows [from, matrix.n) to the helper; `from` is a slice boundary. */
  load(matrix: DesignMatrix, from: number): Promise<void>;
  /** The sums of the given slices (rows [from, to) of the whole matrix), in order. */
  sums(coefficients: number[] | null, slices: [number, number][]): Promise<PartialSums[]>;
  release(): void;
}

let makeHelper: (() => SliceHelper) | undefined;

/** Installed by the browser app at start; the command line sums every slice itself. */
export function useSliceHelper(factory: (() => SliceHelper) | undefined): void {
  makeHelper = factory;
}

export function newSliceHelper(): SliceHelper | undefined {
  return makeHelper?.();
}

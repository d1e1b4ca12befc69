import type { SliceHelper } from './matrix.ts';

let makeHelper: (() => SliceHelper) | undefined;

/** Installed by the browser app at start; the command line sums every slice itself. */
export function useSliceHelper(factory: (() => SliceHelper) | undefined): void {
  makeHelper = factory;
}

export function newSliceHelper(): SliceHelper | undefined {
  return makeHelper?.();
}

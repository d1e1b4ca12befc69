import type { PartialSums } from '../logit/matrix.ts';

export type HelperRequest =
  | {
      kind: 'load';
      id: number;
      n: number;
      width: number;
      offset: number;
      y: Float64Array;
      x: Float64Array;
    }
  | { kind: 'sums'; id: number; coefficients: number[] | null; slices: [number, number][] };

export type HelperReply =
  { kind: 'loaded'; id: number } | { kind: 'sums'; id: number; parts: PartialSums[] };

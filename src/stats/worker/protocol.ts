import type { LinkName } from '../logit/link.ts';
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
      /** Prior weights of the same rows, or null for an unweighted model. */
      weights: Float64Array | null;
    }
  | {
      kind: 'sums';
      id: number;
      coefficients: number[] | null;
      slices: [number, number][];
      /** Chosen after the rows were loaded (the design does not know the model). */
      link: LinkName;
    };

export type HelperReply =
  { kind: 'loaded'; id: number } | { kind: 'sums'; id: number; parts: PartialSums[] };

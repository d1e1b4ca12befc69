/**
 * The Web Worker behind WorkerSliceHelper: holds the rows it was given and sums slices of them
 * with the same sliceSums the main thread uses.
 */
import { sliceSums } from '../logit/kernel.ts';
import { type DesignMatrix } from '../logit/matrix.ts';
import type { HelperReply, HelperRequest } from './protocol.ts';

let part: DesignMatrix | undefined;
/** Row number of the part's first row in the whole matrix. */
let offset = 0;

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<HelperRequest>) => void) | null;
  postMessage(message: HelperReply, transfer: Transferable[]): void;
};

scope.onmessage = ({ data }) => {
  if (data.kind === 'load') {
    part = {
      n: data.n,
      width: data.width,
      intercept: true,
      y: data.y,
      x: data.x,
      shift: [],
      weights: data.weights,
    };
    offset = data.offset;
    scope.postMessage({ kind: 'loaded', id: data.id }, []);
    return;
  }
  if (!part) throw new Error('sums asked before load');
  const matrix: DesignMatrix = { ...part, link: data.link };
  const parts = data.slices.map(([from, to]) =>
    sliceSums(matrix, data.coefficients, from - offset, to - offset),
  );
  scope.postMessage(
    { kind: 'sums', id: data.id, parts },
    parts.flatMap((p) => [p.a.buffer, p.b.buffer]),
  );
};

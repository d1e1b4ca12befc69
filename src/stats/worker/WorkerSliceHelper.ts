import type { LinkName } from '../logit/link.ts';
import type { DesignMatrix, PartialSums, SliceHelper } from '../logit/matrix.ts';
import type { HelperReply, HelperRequest } from './protocol.ts';

/** A SliceHelper on a Web Worker of the page's own origin (bundled by Vite, no blob needed). */
export class WorkerSliceHelper implements SliceHelper {
  private readonly worker = new Worker(new URL('./kernel-worker.ts', import.meta.url), {
    type: 'module',
  });
  private next = 0;
  private readonly waiting = new Map<number, (reply: HelperReply) => void>();
  private failure: Error | undefined;

  constructor() {
    this.worker.onmessage = ({ data }: MessageEvent<HelperReply>) => {
      this.waiting.get(data.id)?.(data);
      this.waiting.delete(data.id);
    };
    this.worker.onerror = (event) => {
      this.failure = new Error(`the statistics worker failed: ${event.message}`);
      for (const resolve of this.waiting.values()) resolve({ kind: 'loaded', id: -1 });
      this.waiting.clear();
    };
  }

  async load(matrix: DesignMatrix, from: number): Promise<void> {
    const y = matrix.y.slice(from);
    const x = matrix.x.slice(from * matrix.width);
    const weights = matrix.weights ? matrix.weights.slice(from) : null;
    const request = {
      kind: 'load' as const,
      n: matrix.n - from,
      width: matrix.width,
      offset: from,
      y,
      x,
      weights,
    };
    await this.ask(request, [y.buffer, x.buffer, ...(weights ? [weights.buffer] : [])]);
  }

  async sums(
    coefficients: number[] | null,
    slices: [number, number][],
    link: LinkName,
  ): Promise<PartialSums[]> {
    const reply = await this.ask({ kind: 'sums', coefficients, slices, link }, []);
    if (reply.kind !== 'sums')
      throw this.failure ?? new Error('the statistics worker gave no sums');
    return reply.parts;
  }

  release(): void {
    this.worker.terminate();
  }

  private ask(
    request:
      | Omit<Extract<HelperRequest, { kind: 'load' }>, 'id'>
      | Omit<Extract<HelperRequest, { kind: 'sums' }>, 'id'>,
    transfer: Transferable[],
  ): Promise<HelperReply> {
    if (this.failure) return Promise.reject(this.failure);
    const id = ++this.next;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, (reply) => (reply.id === id ? resolve(reply) : reject(this.failure)));
      this.worker.postMessage({ ...request, id } as HelperRequest, transfer);
    });
  }
}

import type { FileSource } from '../../engine/Engine.ts';
import { abortError } from '../abort.ts';
import type { ArrowReply, ArrowRequest } from './arrow-protocol.ts';

type Opened = Extract<ArrowReply, { type: 'opened' }>;
type Rows = Extract<ArrowReply, { type: 'rows' }>;

export interface OpenedReader {
  reader: ArrowReader;
  opened: Opened;
}

/**
 * The decoder for `source`, started now, or undefined where there is no Web Worker (Node: the
 * command line and tests, whose DuckDB reads Parquet itself) or the file is a path.
 */
export function openDecoder(
  source: FileSource,
  signal: AbortSignal | undefined,
): Promise<OpenedReader> | undefined {
  if (typeof window === 'undefined' || typeof Worker !== 'function' || source.kind === 'path') {
    return undefined;
  }
  const file = source.kind === 'blob' ? source.blob : new Blob([source.bytes.slice()]);
  const opening = ArrowReader.open(file, signal);
  // Answered by whoever awaits it; this keeps an unused decoder's failure from counting as
  // unhandled.
  opening.catch(() => {});
  return opening;
}

/** Stops a decoder that was started but not (or no longer) used. */
export function closeDecoder(decoder: Promise<OpenedReader> | undefined): void {
  void decoder?.then(
    ({ reader }) => reader.close(),
    () => {},
  );
}

/**
 * A Parquet file decoded to Arrow IPC streams in a Web Worker (arrow-worker.ts), one row group
 * per request. Cancel (the signal) terminates the worker at once, mid-decode included.
 */
export class ArrowReader {
  private pending:
    { resolve: (reply: ArrowReply) => void; reject: (error: Error) => void } | undefined;
  private failure: Error | undefined;
  /** The first row group, asked for as soon as the file was open (see open()). */
  private first: Promise<Rows> | undefined;

  private constructor(
    private readonly worker: Worker,
    private readonly signal: AbortSignal | undefined,
  ) {
    worker.onmessage = ({ data }: MessageEvent<ArrowReply>) => this.settle(data);
    worker.onerror = (event) => {
      event.preventDefault();
      this.fail(new Error(event.message || 'the Parquet decoder stopped'));
    };
    signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  /** Starts the worker, loads parquet-wasm's module and reads the file's footer. */
  static async open(file: Blob, signal: AbortSignal | undefined): Promise<OpenedReader> {
    if (signal?.aborted) throw abortError();
    const worker = new Worker(new URL('./arrow-worker.ts', import.meta.url), { type: 'module' });
    const reader = new ArrowReader(worker, signal);
    try {
      const opened = await reader.ask({ type: 'open', file });
      if (opened.type !== 'opened') throw new Error(`unexpected reply ${opened.type}`);
      // Decoded while the caller plans the table and DuckDB checks the types.
      if (opened.rowGroupRows.length > 0) {
        reader.first = reader.read(0);
        reader.first.catch(() => {});
      }
      return { reader, opened };
    } catch (error) {
      reader.close();
      throw error;
    }
  }

  /** One row group as an IPC stream (its buffer is the caller's, to transfer onwards). */
  async read(rowGroup: number): Promise<Rows> {
    const first = this.first;
    if (first && rowGroup === 0) {
      this.first = undefined;
      return first;
    }
    const reply = await this.ask({ type: 'read', rowGroup });
    if (reply.type !== 'rows' || reply.rowGroup !== rowGroup) {
      throw new Error(`unexpected reply ${reply.type}`);
    }
    return reply;
  }

  close(): void {
    this.signal?.removeEventListener('abort', this.onAbort);
    this.worker.terminate();
    this.fail(abortError());
  }

  private readonly onAbort = (): void => this.close();

  private ask(request: ArrowRequest): Promise<ArrowReply> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.pending) return Promise.reject(new Error('one request at a time'));
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.worker.postMessage(request);
    });
  }

  private settle(reply: ArrowReply): void {
    const pending = this.pending;
    this.pending = undefined;
    if (reply.type === 'failed') pending?.reject(new Error(reply.message));
    else pending?.resolve(reply);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    const pending = this.pending;
    this.pending = undefined;
    pending?.reject(this.failure);
  }
}

import { abortError } from '../abort.ts';
import { IngestError } from '../errors.ts';
import type {
  ParseKind,
  ParseOptions,
  ParseReply,
  ParseRequest,
  ParseResults,
} from './protocol.ts';

/**
 * Runs a JavaScript reader (Stata, Excel, Arrow) on a Web Worker in the browser, so a slow or
 * hostile file cannot freeze the page and Cancel can stop it (the worker is terminated). On
 * the command line (Node: no Web Worker) the same reader runs in-process.
 */
export async function parseOffThread<K extends ParseKind>(
  kind: K,
  bytes: Uint8Array,
  fileName: string,
  signal?: AbortSignal,
  options: ParseOptions = {},
): Promise<ParseResults[K]> {
  if (typeof window === 'undefined' || typeof Worker !== 'function') {
    // Imported here so the browser's main-thread chunk does not carry the parsers too.
    const { parsers } = await import('./parsers.ts');
    return parsers[kind](bytes, fileName, options);
  }
  const reply = await inWorker({ kind, bytes, fileName, options }, signal);
  // The worker ran parsers[kind], whose result is ParseResults[K].
  return reply as ParseResults[K];
}

function inWorker(
  request: ParseRequest,
  signal: AbortSignal | undefined,
): Promise<ParseResults[ParseKind]> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError());
      return;
    }
    const worker = new Worker(new URL('./parse-worker.ts', import.meta.url), { type: 'module' });
    const finish = (): void => {
      worker.terminate();
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = (): void => {
      finish();
      reject(abortError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.onmessage = ({ data }: MessageEvent<ParseReply>) => {
      finish();
      if (data.ok) resolve(data.result);
      else reject(data.ingest ? new IngestError(data.message) : new Error(data.message));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      finish();
      reject(
        new IngestError(
          `${request.fileName} could not be read: the reader stopped (${event.message || 'it ran out of memory'}). The file may be damaged or too large for the browser; run the notebook on the command line (statecraft run), or save the data as CSV.`,
        ),
      );
    };
    worker.postMessage(request);
  });
}

/**
 * Starts DuckDB-WASM's worker and the compilation of its .wasm from the page's first script,
 * before DuckDB-WASM's own JavaScript (and Apache Arrow, which it imports: 47 kB gzip) has
 * loaded. The download and compilation are most of a cold start, so every millisecond before
 * they begin is a millisecond before the first chart; this module imports nothing but the
 * assets' URLs. The worker is handed to DuckDB-WASM's AsyncDuckDB once it is instantiated
 * (bundles.ts).
 */
import ehModule from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import mvpModule from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import { absolute, defineExportGlobals, startWorker } from './worker.ts';

/**
 * DuckDB-WASM 1.32's worker protocol (its WorkerRequestType and WorkerResponseType): a request
 * is `{ messageId, type, data }`, and its answers carry the request's id as `requestId`.
 * test/engine/boot.test.ts checks these names against the library's own.
 */
export const PROTOCOL = {
  instantiate: 'INSTANTIATE',
  ok: 'OK',
  error: 'ERROR',
} as const;

/** Far from AsyncDuckDB's own ids (0, 1, …), though its answer comes before AsyncDuckDB listens. */
const BOOT_MESSAGE_ID = 2 ** 30;

/**
 * A minimal module with a `try` block: WebAssembly validates it only where exceptions are
 * supported, as the EH build (smaller and faster than the MVP build) needs. This is the
 * feature DuckDB-WASM's selectBundle() picks between these two builds on.
 */
const EXCEPTIONS_PROBE = new Uint8Array([
  ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], // magic, version 1
  ...[0x01, 0x04, 0x01, 0x60, 0x00, 0x00], // one type: () -> ()
  ...[0x03, 0x02, 0x01, 0x00], // one function of that type
  ...[0x0a, 0x07, 0x01, 0x05, 0x00, 0x06, 0x40, 0x0b, 0x0b], // its body: try end, end
]);

export function supportsExceptions(): boolean {
  return WebAssembly.validate(EXCEPTIONS_PROBE);
}

interface DuckDBFiles {
  mainModule: string;
  mainWorker: string;
  /** What the worker runs before its script: the MVP build's missing globals (worker.ts). */
  prelude?: () => void;
}

/** DuckDB's worker script and .wasm for this browser, from the app's own assets. */
function duckdbFiles(): DuckDBFiles {
  return supportsExceptions()
    ? { mainModule: absolute(ehModule), mainWorker: absolute(ehWorker) }
    : {
        mainModule: absolute(mvpModule),
        mainWorker: absolute(mvpWorker),
        prelude: defineExportGlobals,
      };
}

/** A DuckDB-WASM worker whose module is being (or has been) instantiated. */
export interface BootedWorker {
  worker: Worker;
  /** Resolves when the module is instantiated; rejects, with the reason, when it cannot be. */
  instantiated: Promise<void>;
}

/** Starts the worker and asks it to instantiate the module, without DuckDB-WASM's JavaScript. */
export function bootDuckDB(): BootedWorker {
  const files = duckdbFiles();
  const { worker, release } = startWorker(files.mainWorker, files.prelude);
  const watching = new AbortController();
  const answered = new Promise<void>((resolve, reject) => {
    const onMessage = ({
      data,
    }: MessageEvent<{ requestId?: number; type?: string; data?: unknown }>) => {
      if (data?.requestId !== BOOT_MESSAGE_ID) return;
      if (data.type === PROTOCOL.ok) resolve();
      else if (data.type === PROTOCOL.error) reject(new Error(errorText(data.data)));
      else return;
      worker.removeEventListener('message', onMessage);
    };
    worker.addEventListener('message', onMessage);
  });
  worker.postMessage({
    messageId: BOOT_MESSAGE_ID,
    type: PROTOCOL.instantiate,
    data: [files.mainModule, null],
  });
  const instantiated = Promise.race([
    answered,
    missingFile(worker, files.mainModule, watching.signal),
  ])
    .catch((error: unknown) => {
      worker.terminate();
      throw error;
    })
    .finally(() => {
      watching.abort();
      release();
    });
  return { worker, instantiated };
}

function errorText(data: unknown): string {
  const message = (data as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message : 'DuckDB could not be instantiated';
}

/**
 * Rejects when DuckDB's worker script or its .wasm cannot be loaded, and otherwise never
 * settles. DuckDB-WASM 1.32 reports neither: instantiation would wait forever and the page
 * would say "Running…" for good. The .wasm is asked for with a HEAD request, which the
 * worker's own download does not wait on. Both checks stop once DuckDB is up (`signal`).
 */
function missingFile(worker: Worker, module: string, signal: AbortSignal): Promise<never> {
  const name = module.split('/').pop() ?? module;
  return new Promise((_, reject) => {
    const failed = (event: ErrorEvent): void => {
      event.preventDefault();
      const detail = event.message ? ` (${event.message})` : '';
      reject(new Error(`its worker script did not load${detail}. ${INCOMPLETE}`));
    };
    worker.addEventListener('error', failed, { signal });
    fetch(module, { method: 'HEAD', signal }).then(
      (response) => {
        // 405/501: the server does not answer HEAD; the download itself may still work.
        if (!response.ok && response.status !== 405 && response.status !== 501) {
          const status = `HTTP ${response.status}`;
          reject(
            new Error(
              `its WebAssembly module ${name} could not be fetched (${status}). ${INCOMPLETE}`,
            ),
          );
        }
      },
      () => undefined,
    );
  });
}

const INCOMPLETE =
  'The app was served without all of its files: reload the page, and if that does not help, ask whoever hosts it to publish the whole build (its assets folder included).';

import { AsyncDuckDB, VoidLogger, selectBundle, type DuckDBBundles } from '@duckdb/duckdb-wasm';
import ehModule from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import mvpModule from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import { absolute, startWorker } from './worker.ts';

/**
 * DuckDB's worker scripts and WebAssembly modules, emitted by Vite into the app's own assets so
 * that nothing is fetched from another origin. Only the MVP and EH (exception handling) builds
 * ship: the COI build needs cross-origin isolation headers a static host may not send.
 */
function bundles(): DuckDBBundles {
  return {
    mvp: { mainModule: absolute(mvpModule), mainWorker: absolute(mvpWorker) },
    eh: { mainModule: absolute(ehModule), mainWorker: absolute(ehWorker) },
  };
}

/** Starts DuckDB-WASM in its own worker and compiles the module; resolves when it can open. */
export async function instantiateDuckDB(): Promise<AsyncDuckDB> {
  const bundle = await selectBundle(bundles());
  if (!bundle.mainWorker) throw new Error('DuckDB bundle has no worker script');
  const { worker, release } = startWorker(bundle.mainWorker);
  const db = new AsyncDuckDB(new VoidLogger(), worker);
  const watching = new AbortController();
  try {
    await Promise.race([
      db.instantiate(bundle.mainModule, null),
      missingFile(worker, bundle.mainModule, watching.signal),
    ]);
  } catch (error) {
    await db.terminate();
    throw error;
  } finally {
    watching.abort();
    release();
  }
  return db;
}

/**
 * Rejects when DuckDB's worker script or its .wasm cannot be loaded, and otherwise never
 * settles. DuckDB-WASM 1.32 reports neither: its instantiate() would wait forever and the page
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

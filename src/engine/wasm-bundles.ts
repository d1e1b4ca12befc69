import {
  AsyncDuckDB,
  VoidLogger,
  selectBundle,
  type DuckDBBundle,
  type DuckDBBundles,
} from '@duckdb/duckdb-wasm';
import ehModule from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import mvpModule from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';

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
  const { worker, release } = startWorker(bundle);
  const db = new AsyncDuckDB(new VoidLogger(), worker);
  try {
    await db.instantiate(bundle.mainModule, null);
  } catch (error) {
    await db.terminate();
    throw error;
  } finally {
    release();
  }
  return db;
}

/**
 * A worker started from a blob: URL inherits the page's Content-Security-Policy, whereas one
 * started from its script's URL would only get the policy of that script's response (none on a
 * plain static host). Inheriting it means connect-src 'self' also holds inside DuckDB: an
 * extension download or a remote URL in SQL is refused by the browser before any request.
 */
function startWorker(bundle: DuckDBBundle): { worker: Worker; release: () => void } {
  if (!bundle.mainWorker) throw new Error('DuckDB bundle has no worker script');
  const bootstrap = `importScripts(${JSON.stringify(bundle.mainWorker)});`;
  const url = URL.createObjectURL(new Blob([bootstrap], { type: 'text/javascript' }));
  return { worker: new Worker(url), release: () => URL.revokeObjectURL(url) };
}

/** The worker runs at a blob: URL, against which relative URLs cannot be resolved. */
function absolute(url: string): string {
  return new URL(url, globalThis.location.href).href;
}

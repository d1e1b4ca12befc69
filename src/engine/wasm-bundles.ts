import { AsyncDuckDB, VoidLogger, selectBundle, type DuckDBBundles } from '@duckdb/duckdb-wasm';
import ehModule from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import mvpModule from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import { absolute, startWorker } from './wasm-worker.ts';

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

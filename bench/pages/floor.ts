/**
 * The floor for the cold-start figure: a page that does nothing but start DuckDB-WASM and run
 * one query, bootstrapped the way DuckDB's documentation shows (selectBundle, a worker, the
 * .wasm from the same origin). The app cannot start faster than this on the same machine.
 */
import { AsyncDuckDB, VoidLogger, selectBundle, type DuckDBBundles } from '@duckdb/duckdb-wasm';
import ehModule from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import mvpModule from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import type { BenchWindow } from './api.ts';

const bundles: DuckDBBundles = {
  mvp: { mainModule: mvpModule, mainWorker: mvpWorker },
  eh: { mainModule: ehModule, mainWorker: ehWorker },
};

async function start(): Promise<void> {
  const bundle = await selectBundle(bundles);
  const db = new AsyncDuckDB(new VoidLogger(), new Worker(bundle.mainWorker!));
  await db.instantiate(bundle.mainModule, null);
  await db.open({ path: ':memory:' });
  const connection = await db.connect();
  const table = await connection.query('SELECT version() AS v');
  const version = String(table.getChild('v')?.get(0));
  (window as unknown as BenchWindow).floor = { doneAt: performance.now(), version };
}

start().catch((error: unknown) => {
  (window as unknown as BenchWindow).floorError = String(error);
});

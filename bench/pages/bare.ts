/**
 * The memory figure's reference: DuckDB-WASM started the way its documentation shows (as
 * floor.html does), with its default in-memory database and settings, and nothing of the
 * project's. `window.bare.exec(sql)` runs a statement on one connection; `registerPicked()`
 * registers the file picked in its input under the file's name. With `?probe` the
 * worker's WebAssembly memory is visible to the bench (wasm-memory-probe.ts).
 */
import {
  AsyncDuckDB,
  DuckDBDataProtocol,
  VoidLogger,
  selectBundle,
  type DuckDBBundles,
} from '@duckdb/duckdb-wasm';
import ehModule from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import mvpModule from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import type { BareApi, BenchWindow } from './api.ts';
import { installWasmMemoryProbe } from './wasm-memory-probe.ts';

if (new URLSearchParams(location.search).has('probe')) installWasmMemoryProbe();

const bundles: DuckDBBundles = {
  mvp: { mainModule: mvpModule, mainWorker: mvpWorker },
  eh: { mainModule: ehModule, mainWorker: ehWorker },
};

async function start() {
  const bundle = await selectBundle(bundles);
  const db = new AsyncDuckDB(new VoidLogger(), new Worker(bundle.mainWorker!));
  await db.instantiate(bundle.mainModule, null);
  await db.open({ path: ':memory:' });
  return { db, connection: await db.connect() };
}

const started = start();

const api: BareApi = {
  ready: async () => {
    await started;
  },
  exec: async (sql) => {
    const table = await (await started).connection.query(sql);
    return table.toArray().map((row: Record<string, unknown>) => ({ ...row }));
  },
  registerPicked: async () => {
    const file = document.querySelector<HTMLInputElement>('[data-testid=file-input]')?.files?.[0];
    if (!file) throw new Error('No file picked in [data-testid=file-input]');
    const { db } = await started;
    await db.registerFileHandle(file.name, file, DuckDBDataProtocol.BROWSER_FILEREADER, true);
    return file.name;
  },
};

(window as unknown as BenchWindow).bare = api;

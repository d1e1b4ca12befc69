import { AsyncDuckDB, VoidLogger } from '@duckdb/duckdb-wasm';
import { bootDuckDB, type BootedWorker } from './boot.ts';

/**
 * DuckDB-WASM's AsyncDuckDB on a worker whose module is instantiated: the one the page's entry
 * started (boot.ts), or a new one (a restart after a runaway statement).
 */
export async function instantiateDuckDB(booted: BootedWorker = bootDuckDB()): Promise<AsyncDuckDB> {
  await booted.instantiated;
  return new AsyncDuckDB(new VoidLogger(), booted.worker);
}

/**
 * Loading the files political scientists actually have — CSV from a 1990s website, Excel
 * workbooks, Stata files — into DuckDB tables, plus labelled views and data dictionaries for
 * known datasets (TIES, DCID, COW, GSDB, CFR). Only the Engine interface is used, so the same
 * code runs in the browser (DuckDB-WASM) and on the command line (native DuckDB).
 * See docs/ingest.md.
 */
import type { Engine } from '../engine/Engine.ts';
import { loadFile as load } from './load.ts';
import type { LoadOptions, LoadResult } from './types.ts';

export type {
  AdapterInfo,
  LoadedTable,
  LoadOptions,
  LoadProgress,
  LoadResult,
  TableRole,
} from './types.ts';
export type { MissingCode, MissingCounts, MissingSpec } from './missing.ts';
export { MISSING_TOKENS } from './missing.ts';
export { IngestError } from './errors.ts';
export { tableNameFromFile } from './names.ts';

/**
 * Loads one file. `tables[0]` is the raw table named `options.table` (for Excel: the chosen
 * sheet); further entries are other sheets, labelled views, dictionaries and helper views.
 * An adapter failure never blocks the raw table: it becomes a warning.
 */
export async function loadFile(engine: Engine, options: LoadOptions): Promise<LoadResult> {
  return load(engine, options);
}

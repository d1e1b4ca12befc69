import type { Engine } from '../../engine/Engine.ts';
import { EngineRestartedError } from '../../engine/wasm/restart.ts';
import { ident } from '../../engine/sql.ts';
import { createEmptyTable, describeTable } from '../../engine/tables.ts';
import { isAbortError, throwIfAborted } from '../abort.ts';
import type { ColumnPlan } from './columns.ts';
import { closeDecoder, type ArrowReader, type OpenedReader } from './arrow-reader.ts';

export interface ArrowLoadOptions {
  signal?: AbortSignal;
  onProgress?: (rowsDone: number, totalRows: number) => void;
}

/**
 * Types DuckDB's Arrow scan gives a column that read_parquet types otherwise, where casting
 * the first to the second keeps every value: arrow-rs reads Parquet's millisecond timestamps
 * as Timestamp(ms), which DuckDB keeps as TIMESTAMP_MS, where read_parquet widens them to µs.
 */
const EXACT_CASTS: ReadonlySet<string> = new Set([
  'TIMESTAMP_MS→TIMESTAMP',
  // UTC times: arrow-rs drops the flag, and TIME casts to TIME WITH TIME ZONE at +00, as read.
  'TIME→TIME WITH TIME ZONE',
]);

/**
 * Types read_parquet builds from bytes arrow-rs hands over differently (UUID as 16 raw bytes,
 * INTERVAL as days and milliseconds only): such a file takes the JavaScript reader.
 */
const NOT_THROUGH_ARROW: ReadonlySet<string> = new Set(['UUID', 'INTERVAL']);

/**
 * The fast path for Parquet in the browser: parquet-wasm decodes each row group in a worker
 * and DuckDB-WASM scans the Arrow batches itself, so no value passes through JavaScript. The
 * table gets read_parquet's types (`plans`, the same as the JavaScript reader's): every column
 * whose Arrow type DuckDB types otherwise is cast on insert when the cast is exact, and when it
 * is not for any column nothing is loaded and `false` says to use the JavaScript reader. Any
 * failure but Cancel also answers `false` (the table dropped): the JavaScript reader then
 * reads the file again and words its own errors, as it always did.
 */
export async function loadThroughArrow(
  engine: Engine,
  table: string,
  decoder: Promise<OpenedReader>,
  columns: { plan: ColumnPlan; name: string }[],
  options: ArrowLoadOptions,
): Promise<number | false> {
  const { signal } = options;
  // The caller owns the decoder; closing it here, and once the rows are in, frees the
  // worker's copy of the file before the JavaScript reader reads it again.
  if (columns.some((c) => NOT_THROUGH_ARROW.has(c.plan.type))) {
    closeDecoder(decoder);
    return false;
  }
  let reader: ArrowReader | undefined;
  let created = false;
  try {
    const started = await decoder;
    reader = started.reader;
    const { schema, rowGroupRows } = started.opened;
    // The first row group, which the reader asked for as soon as the file was open: it is
    // decoded while DuckDB checks the types.
    let next = rowGroupRows.length > 0 ? reader.read(0) : undefined;
    next?.catch(() => {});
    if (!(await arrowTypesFit(engine, `${table}__arrow_types`, schema, columns))) return false;
    throwIfAborted(signal);
    await createEmptyTable(
      engine,
      table,
      columns.map((c) => ({ name: c.name, type: c.plan.type })),
    );
    created = true;
    const totalRows = rowGroupRows.reduce((sum, n) => sum + n, 0);
    let done = 0;
    // The worker decodes the next row group while DuckDB inserts this one.
    for (let group = 0; next; group++) {
      const { ipc, rows } = await next;
      next = group + 1 < rowGroupRows.length ? reader.read(group + 1) : undefined;
      // Answered or dropped below; this keeps a failure meanwhile from counting as unhandled.
      next?.catch(() => {});
      throwIfAborted(signal);
      await engine.insertArrowIPC(table, ipc, { create: false });
      done += rows;
      options.onProgress?.(done, totalRows);
    }
    return done;
  } catch (error) {
    if (created) await engine.exec(`DROP TABLE IF EXISTS ${ident(table)}`).catch(() => {});
    if (isAbortError(error) || signal?.aborted) throw error;
    // A restarted DuckDB (EngineRestartedError, Cancel of a stuck statement) lost every table:
    // reading the file again would not be what the user asked for.
    if (error instanceof EngineRestartedError) throw error;
    return false;
  } finally {
    reader?.close();
  }
}

/**
 * Whether DuckDB's Arrow scan of `schema` gives each column read_parquet's type, or one it
 * casts to exactly. Learnt from DuckDB itself: an empty table is made from the schema alone.
 */
async function arrowTypesFit(
  engine: Engine,
  probe: string,
  schema: Uint8Array,
  columns: { plan: ColumnPlan }[],
): Promise<boolean> {
  await engine.insertArrowIPC(probe, schema, { create: true });
  try {
    const arrived = await describeTable(engine, probe);
    if (arrived.length !== columns.length) return false;
    const misfits = arrived
      .map(({ type }, i) => `${type}→${columns[i].plan.type}`)
      .filter((pair, i) => arrived[i].type !== columns[i].plan.type && !EXACT_CASTS.has(pair));
    if (misfits.length > 0) performance.mark('statecraft:parquet-misfits', { detail: misfits });
    return misfits.length === 0;
  } finally {
    await engine.exec(`DROP TABLE IF EXISTS ${ident(probe)}`);
  }
}

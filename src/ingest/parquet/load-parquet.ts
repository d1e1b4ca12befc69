import type { AsyncBuffer, DecodedArray, FileMetaData, ParquetScan } from 'hyparquet';
import type { Engine, FileSource } from '../../engine/Engine.ts';
import { ident } from '../../engine/sql.ts';
import { isAbortError, throwIfAborted } from '../abort.ts';
import { IngestError } from '../errors.ts';
import { createEmptyTable } from '../../engine/tables.ts';
import { BATCH_ROWS, insertTextColumns, type TypedTextColumn } from '../insert.ts';
import { formatBytes } from '../limits.ts';
import { cleanColumnNames, deduplicateAsDuckDb } from '../names.ts';
import type { OpenedReader } from './arrow-reader.ts';
import { planColumns, type ColumnPlan, type PhysicalValue } from './columns.ts';

export interface ParquetLoadOptions {
  /** The user's file name, for messages. */
  fileName: string;
  signal?: AbortSignal;
  /** Called after each batch of rows is in DuckDB. */
  onProgress?: (rowsDone: number, totalRows: number) => void;
  /**
   * Largest row group (uncompressed bytes) decoded at once: a row group is the unit a
   * Parquet file is read in, so it is what must fit in memory.
   */
  maxRowGroupBytes: number;
  /**
   * The Arrow decoder, when the caller started it already (read-text.ts starts it as soon as
   * it knows the file is Parquet, so that its worker boots while DuckDB is asked first).
   */
  decoder?: Promise<OpenedReader>;
}

export interface ParquetLoadResult {
  rows: number;
  warnings: string[];
}

/**
 * Loads a Parquet file without DuckDB's parquet extension (DuckDB-WASM as shipped on npm has
 * none, and this project never downloads extensions): hyparquet decodes it one row group and
 * one column at a time, reading only those byte ranges through `engine.readSlice`, and the
 * values go into DuckDB as text cast to the exact type DuckDB's own `read_parquet` gives the
 * column (see columns.ts), so the table is the same as on the command line. In the browser the
 * same table is first tried through Arrow (loadInWorker below), which is many times faster;
 * this path remains for the files that one cannot build exactly.
 */
export async function loadParquetInJs(
  engine: Engine,
  table: string,
  source: FileSource,
  options: ParquetLoadOptions,
): Promise<ParquetLoadResult> {
  const { fileName, signal } = options;
  const hyparquet = await import('hyparquet');
  const file = await sliceReader(engine, source);
  let metadata: FileMetaData;
  try {
    metadata = await hyparquet.parquetMetadataAsync(file, { geoparquet: false });
  } catch (error) {
    throw unreadable(fileName, error);
  }
  const { plans, unsupported } = planColumns(hyparquet.parquetSchema(metadata).children);
  if (unsupported.length > 0) throw unsupportedError(fileName, unsupported);
  if (plans.length === 0) throw new IngestError(`${fileName} has no columns.`);
  checkRowGroups(metadata, fileName, options.maxRowGroupBytes);
  checkDistinctNames(plans, fileName);
  // DuckDB renames repeated names as it reads; the project's rules then apply to its result.
  const names = cleanColumnNames(deduplicateAsDuckDb(plans.map((p) => p.name)));
  const warnings = plans
    .filter((p) => p.note)
    .map((p) => `Column "${p.name}" holds ${p.note}; it was loaded as VARCHAR.`);
  const viaArrow = await loadInWorker(engine, table, options, plans, names);
  notePath(viaArrow === false ? 'javascript' : 'arrow');
  if (viaArrow !== false) return { rows: viaArrow, warnings };
  // Decoded as stored: logical types are applied here, exactly, instead of by hyparquet
  // (which turns decimals into doubles and timestamps into millisecond Dates).
  const physical: FileMetaData = {
    ...metadata,
    schema: metadata.schema.map((element) => {
      const copy = { ...element };
      delete copy.converted_type;
      delete copy.logical_type;
      return copy;
    }),
  };
  // Only this reader decompresses pages itself: its codecs load when it is taken.
  const { compressors } = await import('hyparquet-compressors');
  const scan = await hyparquet.parquetScan({
    file,
    metadata: physical,
    compressors,
    utf8: false,
    geoparquet: false,
    useOffsetIndex: false,
  });
  const totalRows = Number(metadata.num_rows);
  await createEmptyTable(
    engine,
    table,
    plans.map((p, i) => ({ name: names[i], type: p.type })),
  );
  let done = 0;
  // One INSERT runs in DuckDB while the next batch is decoded and turned into text.
  let inserting: Promise<void> = Promise.resolve();
  try {
    for (const range of scan.ranges) {
      throwIfAborted(signal);
      const data: DecodedArray[] = [];
      for (const plan of plans) {
        throwIfAborted(signal);
        data.push(await readColumn(scan, plan.name, range, fileName));
      }
      for (let start = range.rowStart; start < range.rowEnd; start += BATCH_ROWS) {
        throwIfAborted(signal);
        const from = start - range.rowStart;
        const to = Math.min(range.rowEnd, start + BATCH_ROWS) - range.rowStart;
        const batch = plans.map((plan, i) => textColumn(names[i], plan, data[i], from, to));
        await inserting;
        throwIfAborted(signal);
        inserting = insertTextColumns(engine, table, batch).then(() => {
          done += to - from;
          options.onProgress?.(done, totalRows);
        });
        // Awaited above or below; this keeps a failure meanwhile from counting as unhandled.
        inserting.catch(() => {});
      }
    }
    await inserting;
  } catch (error) {
    await inserting.catch(() => {});
    await engine.exec(`DROP TABLE IF EXISTS ${ident(table)}`).catch(() => {});
    throw error;
  }
  return { rows: done, warnings };
}

/**
 * parquet-wasm in a Web Worker and DuckDB-WASM's own Arrow scan (arrow-load.ts): the fast
 * path, taken in the browser (the caller started the decoder) whenever it builds the very
 * table the code below would. Node (the command line, tests) has no Web Worker, and its DuckDB
 * reads Parquet itself anyway.
 */
async function loadInWorker(
  engine: Engine,
  table: string,
  options: ParquetLoadOptions,
  plans: ColumnPlan[],
  names: string[],
): Promise<number | false> {
  const { decoder } = options;
  if (!decoder) return false;
  const { loadThroughArrow } = await import('./arrow-load.ts');
  const columns = plans.map((plan, i) => ({ plan, name: names[i] }));
  return loadThroughArrow(engine, table, decoder, columns, options);
}

/**
 * Which reader built the table, as a performance mark (`statecraft:parquet-reader`): the browser
 * tests check that the fast path really ran, and a profile shows it.
 */
function notePath(reader: 'arrow' | 'javascript'): void {
  performance.mark('statecraft:parquet-reader', { detail: reader });
}

async function readColumn(
  scan: ParquetScan,
  column: string,
  range: { rowStart: number; rowEnd: number },
  fileName: string,
): Promise<DecodedArray> {
  try {
    return await scan.readColumn({ column, ...range });
  } catch (error) {
    if (isAbortError(error)) throw error;
    throw unreadable(fileName, error, column);
  }
}

function textColumn(
  name: string,
  plan: ColumnPlan,
  data: DecodedArray,
  from: number,
  to: number,
): TypedTextColumn {
  const values: (string | null)[] = new Array<string | null>(to - from);
  for (let i = from; i < to; i++) {
    const value = data[i] as PhysicalValue | null | undefined;
    values[i - from] = value === null || value === undefined ? null : plan.text(value);
  }
  return { name, type: plan.type, values };
}

/** hyparquet's view of the file: byte ranges read through the engine, never the whole file. */
async function sliceReader(engine: Engine, source: FileSource): Promise<AsyncBuffer> {
  const byteLength = await engine.fileSize(source);
  return {
    byteLength,
    slice: async (start, end = byteLength) => {
      const bytes = await engine.readSlice(source, start, end);
      const buffer = bytes.buffer as ArrayBuffer;
      // A view into a larger buffer (a Node Buffer, bytes in memory) is copied out exactly.
      return bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength
        ? buffer
        : buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    },
  };
}

function checkRowGroups(metadata: FileMetaData, fileName: string, limit: number): void {
  const largest = Math.max(0, ...metadata.row_groups.map((g) => Number(g.total_byte_size)));
  if (largest > limit) {
    throw new IngestError(
      `${fileName} stores its rows in blocks (row groups) of up to ${formatBytes(largest)}, and the browser's Parquet reader decodes one block at a time in memory; the limit here is ${formatBytes(limit)}. Run the notebook on the command line (statecraft run), which reads Parquet with DuckDB itself, or write the file with smaller row groups (e.g. ROW_GROUP_SIZE 100000).`,
    );
  }
}

/** hyparquet finds a column by its name, so two columns called exactly the same are one to it. */
function checkDistinctNames(plans: ColumnPlan[], fileName: string): void {
  const seen = new Set<string>();
  for (const { name } of plans) {
    if (seen.has(name)) {
      throw new IngestError(
        `${fileName} has two columns named "${name}", which the browser's Parquet reader cannot tell apart. Run the notebook on the command line (statecraft run), or write the file with distinct column names.`,
      );
    }
    seen.add(name);
  }
}

function unsupportedError(
  fileName: string,
  columns: { name: string; holds: string }[],
): IngestError {
  const list = columns.map((c) => `"${c.name}" (${c.holds})`).join(', ');
  const plural = columns.length > 1 ? 'Columns' : 'Column';
  return new IngestError(
    `${fileName}: ${plural} ${list} cannot be read by the browser's Parquet reader, which handles flat columns of numbers, text, booleans, decimals, dates and times. Run the notebook on the command line (statecraft run), where DuckDB reads every Parquet type, or write the file without these columns (or with them converted to text).`,
  );
}

function unreadable(fileName: string, error: unknown, column?: string): IngestError {
  const detail = error instanceof Error ? error.message : String(error);
  const where = column === undefined ? '' : ` (column "${column}")`;
  return new IngestError(
    `${fileName} could not be read as Parquet${where}: ${detail}. The file may be damaged or truncated: download or copy it again.`,
  );
}

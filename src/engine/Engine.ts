/**
 * The one interface every part of the runtime talks to. Two implementations exist:
 * NativeEngine (native DuckDB through @duckdb/node-api, for the CLI and Node tests) and
 * WasmEngine (DuckDB-WASM in its own worker, for the browser). Both embed DuckDB v1.4.3,
 * so the same SQL reads the same files the same way.
 *
 * Results come back already normalised to plain JSON-friendly values (see Value) so that
 * the code above the engine never sees BigInt, Arrow vectors or engine-specific objects,
 * and the browser and the command line produce byte-identical results.json.
 */

// The value vocabulary is shared with everything that handles results; the engine's interface
// speaks it, so its callers keep importing it from here.
import type { ColumnInfo, Row, Value } from '../shared/table-data.ts';

export type { ColumnInfo, Row, Value };

export interface QueryResult {
  columns: ColumnInfo[];
  rows: Row[];
}

/**
 * A file handed to the engine. In Node it is usually a path on disk; in the browser a File
 * picked or dropped by the user (read by DuckDB in chunks, never whole into a JS string), or
 * bytes already in memory.
 */
export type FileSource =
  | { kind: 'path'; path: string }
  | { kind: 'bytes'; bytes: Uint8Array }
  | { kind: 'blob'; blob: Blob };

/** Positional parameters bound to `?`/`$1` placeholders; never spliced into SQL text. */
export type Params = ReadonlyArray<number | string | boolean | null>;

/**
 * DuckDB types whose every value a DOUBLE holds exactly: what `Engine.queryNumbers` accepts
 * (the browser checks the same rule on Arrow's types).
 */
export const EXACT_IN_DOUBLE_TYPES: ReadonlySet<string> = new Set([
  'TINYINT',
  'SMALLINT',
  'INTEGER',
  'UTINYINT',
  'USMALLINT',
  'UINTEGER',
  'FLOAT',
  'DOUBLE',
]);

export interface Engine {
  /** `duckdb-wasm` or `duckdb-native`. */
  readonly name: string;
  /**
   * Whether DuckDB reads Parquet itself (read_parquet). Native DuckDB has the reader built in;
   * DuckDB-WASM from npm has it only as an extension to download, which this project never
   * does, so the browser decodes Parquet itself (ingest/parquet/) without asking first.
   */
  readonly readsParquet: boolean;
  /** DuckDB library version, e.g. `v1.4.3`. */
  version(): Promise<string>;
  /** Runs one statement and returns its rows (keep this for small results: aggregates, previews). */
  query(sql: string, params?: Params): Promise<QueryResult>;
  /**
   * Runs a query whose columns are all DOUBLE, FLOAT or integers of at most 32 bits, without
   * NULLs, and returns each column whole as a Float64Array (through Arrow in the browser, data
   * chunks natively): the input of numeric kernels over many rows, which must never become row
   * objects. Narrow types (a 0/1 dummy as UTINYINT) cut what crosses from DuckDB's worker.
   */
  queryNumbers(sql: string): Promise<Float64Array[]>;
  /** Runs one statement for its effect. */
  exec(sql: string, params?: Params): Promise<void>;
  /**
   * Parses and binds `sql` as a prepared statement without running it: throws DuckDB's own
   * error, including "Cannot prepare multiple statements at once!" for more than one. How
   * notebook SQL is checked before it runs (notebook/query-check.ts).
   */
  prepare(sql: string): Promise<void>;
  /**
   * Makes a file readable by DuckDB's readers (read_csv, read_parquet, …) and returns the
   * path to use inside SQL. `name` is the user's file name (used for messages and as a
   * hint for the virtual path).
   */
  registerFile(name: string, source: FileSource): Promise<string>;
  /** Reads a registered file's bytes (used by parsers DuckDB does not have, like Excel). */
  readFile(source: FileSource): Promise<Uint8Array>;
  /** Reads bytes [start, end) of a file without reading the rest (sniffing, chunked parsing). */
  readSlice(source: FileSource, start: number, end: number): Promise<Uint8Array>;
  /** Size of a file in bytes. */
  fileSize(source: FileSource): Promise<number>;
  /**
   * Appends the rows of one Arrow IPC stream (schema, record batches, end-of-stream marker) to
   * `table`, or creates `table` from it with `create`. Columns are taken by position, and each
   * gets the type DuckDB's own Arrow scan gives its Arrow type (Utf8 → VARCHAR, Timestamp(ms) →
   * TIMESTAMP_MS, …); appending to an existing table casts to its column types as INSERT does.
   * The bytes may be handed over (transferred) to DuckDB: the caller must not use them again.
   * How the browser loads Parquet decoded in a worker (ingest/parquet/arrow-load.ts).
   */
  insertArrowIPC(table: string, ipc: Uint8Array, options: { create: boolean }): Promise<void>;
  /** Interrupts the running query, if any. */
  cancel(): Promise<void>;
  close(): Promise<void>;
}

/** Error raised by an engine, carrying DuckDB's own message. */
export class EngineError extends Error {
  constructor(
    message: string,
    readonly sql?: string,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

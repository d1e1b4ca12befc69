import {
  DuckDBDataProtocol,
  type AsyncDuckDB,
  type AsyncDuckDBConnection,
  type DuckDBConfig,
} from '@duckdb/duckdb-wasm';
import { DataType, Precision, type Table } from 'apache-arrow';
import {
  EngineError,
  type Engine,
  type FileSource,
  type Params,
  type QueryResult,
} from './Engine.ts';
import { startupStatements } from './settings.ts';
import { hugeintCandidates, tableToResult } from './wasm-arrow.ts';
import { duckdbMessage } from './wasm-errors.ts';
import { runSql } from './wasm-run.ts';
import { instantiateDuckDB } from './wasm-bundles.ts';

/**
 * Values stay as DuckDB computes them (no casts to double in the worker): wasm-arrow.ts needs
 * the real types to name columns as the native engine does, and converts DECIMAL, BIGINT and
 * timestamps the way the native engine does. (Lossless Arrow export would tell HUGEINT from
 * DECIMAL(38,0), but DuckDB-WASM 1.32 sends garbage for BOOLEAN columns with it.)
 */
const CONFIG: DuckDBConfig = {
  path: ':memory:',
  allowUnsignedExtensions: false,
  query: {
    castBigIntToDouble: false,
    castDecimalToDouble: false,
    castTimestampToDate: false,
    castDurationToTime64: false,
  },
  filesystem: { allowFullHTTPReads: false, reliableHeadRequests: false },
};

/** Besides the common ones: community extensions would also be fetched from another origin. */
const BROWSER_SETTINGS = ['SET allow_community_extensions = false'];

/** Every file the user opens is registered under this folder (see registerFile). */
const FILES_FOLDER = '/files/';

/** DuckDB may read the user's opened files and nothing else: no URL, not even the app's own. */
const BROWSER_STARTUP = startupStatements(
  { paths: [], directories: [FILES_FOLDER] },
  BROWSER_SETTINGS,
);

/** DuckDB-WASM in its own Web Worker: the browser's engine. */
export class WasmEngine implements Engine {
  readonly name = 'duckdb-wasm';
  private registered = 0;
  /** One connection runs one statement at a time; callers may overlap, so they queue. */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly db: AsyncDuckDB,
    private readonly connection: AsyncDuckDBConnection,
  ) {}

  /**
   * `instantiating` is DuckDB already being instantiated (the page's entry starts that before
   * this module has loaded, see main.ts); without it this starts it.
   */
  static async create(instantiating?: Promise<AsyncDuckDB>): Promise<WasmEngine> {
    const db = await (instantiating ?? instantiateDuckDB());
    try {
      await db.open(CONFIG);
      const engine = new WasmEngine(db, await db.connect());
      for (const statement of BROWSER_STARTUP) {
        await engine.exec(statement);
      }
      return engine;
    } catch (error) {
      await db.terminate();
      throw new EngineError(duckdbMessage(error));
    }
  }

  /**
   * The library's own version string (what `SELECT version()` returns), asked of the worker
   * without a query: the app shows it while the notebook's first queries are still running.
   */
  async version(): Promise<string> {
    return this.db.getVersion();
  }

  async query(sql: string, params: Params = []): Promise<QueryResult> {
    return this.serialize(sql, async () => {
      const table = await runSql(this.connection, sql, params);
      return tableToResult(table, await this.hugeintColumns(table, sql, params));
    });
  }

  /** The raw Arrow result, for results too big to turn into row objects. */
  queryArrow(sql: string, params: Params = []): Promise<Table> {
    return this.serialize(sql, () => runSql(this.connection, sql, params));
  }

  async queryNumbers(sql: string): Promise<Float64Array[]> {
    const table = await this.queryArrow(sql);
    return table.schema.fields.map((field, i) => {
      const vector = table.getChildAt(i);
      const type = field.type;
      const exact = DataType.isFloat(type)
        ? type.precision !== Precision.HALF
        : DataType.isInt(type) && type.bitWidth <= 32;
      if (!vector || !exact) {
        throw new EngineError(
          `column ${field.name} is ${String(type)}, not a number exact in a DOUBLE`,
          sql,
        );
      }
      if (vector.nullCount > 0) throw new EngineError(`column ${field.name} has NULLs`, sql);
      // A multi-batch column comes back as one fresh typed array (apache-arrow concatenates).
      const values = vector.toArray() as Float64Array | Float32Array | Int32Array | Uint8Array;
      return values instanceof Float64Array ? values : Float64Array.from(values);
    });
  }

  async exec(sql: string, params: Params = []): Promise<void> {
    await this.queryArrow(sql, params);
  }

  async registerFile(name: string, source: FileSource): Promise<string> {
    if (source.kind === 'path') throw pathError(name);
    this.registered += 1;
    const path = `${FILES_FOLDER}${this.registered}/${baseName(name)}`;
    try {
      if (source.kind === 'bytes') {
        // registerFileBuffer transfers the buffer to the worker, detaching it here; the
        // caller's bytes must stay readable (readFile, a second registration).
        await this.db.registerFileBuffer(path, source.bytes.slice());
      } else {
        // DuckDB reads the File in slices through FileReaderSync in the worker, so a large
        // file is never held whole in memory on either side.
        await this.db.registerFileHandle(
          path,
          source.blob,
          DuckDBDataProtocol.BROWSER_FILEREADER,
          true,
        );
      }
    } catch (error) {
      throw new EngineError(`Cannot register ${name}: ${duckdbMessage(error)}`);
    }
    return path;
  }

  async readFile(source: FileSource): Promise<Uint8Array> {
    if (source.kind === 'path') throw pathError(source.path);
    if (source.kind === 'bytes') return source.bytes;
    return new Uint8Array(await source.blob.arrayBuffer());
  }

  async readSlice(source: FileSource, start: number, end: number): Promise<Uint8Array> {
    if (source.kind === 'path') throw pathError(source.path);
    if (source.kind === 'bytes') return source.bytes.subarray(start, end);
    return new Uint8Array(await source.blob.slice(start, end).arrayBuffer());
  }

  async fileSize(source: FileSource): Promise<number> {
    if (source.kind === 'path') throw pathError(source.path);
    return source.kind === 'bytes' ? source.bytes.length : source.blob.size;
  }

  /**
   * Interrupts the statement running now. Statements without parameters run as pending
   * queries that the worker executes in slices, so the cancel message gets through between
   * two slices; a prepared statement with parameters runs in one go and cannot be interrupted.
   */
  async cancel(): Promise<void> {
    await this.connection.cancelSent();
  }

  async close(): Promise<void> {
    await this.connection.close();
    await this.db.terminate();
  }

  /**
   * Which DECIMAL(38,0) columns are really HUGEINT (sum() of integers, say): Arrow cannot tell,
   * DESCRIBE can. If DuckDB cannot describe the statement they stay DECIMAL(38,0).
   */
  private async hugeintColumns(table: Table, sql: string, params: Params): Promise<Set<number>> {
    const candidates = hugeintCandidates(table);
    if (candidates.length === 0) return new Set();
    try {
      const described = tableToResult(await runSql(this.connection, `DESCRIBE ${sql}`, params));
      const types = described.rows.map((row) => row.column_type);
      if (types.length !== table.numCols) return new Set();
      return new Set(candidates.filter((i) => types[i] === 'HUGEINT'));
    } catch {
      return new Set();
    }
  }

  /** Runs one task at a time, and words any failure as DuckDB's message. */
  private serialize<T>(sql: string, task: () => Promise<T>): Promise<T> {
    const result = this.queue.then(async () => {
      try {
        return await task();
      } catch (error) {
        throw new EngineError(duckdbMessage(error), sql);
      }
    });
    this.queue = result.catch(() => undefined);
    return result;
  }
}

function pathError(path: string): EngineError {
  return new EngineError(
    `Cannot open ${path}: the browser has no file paths; pick or drop the file instead.`,
  );
}

function baseName(name: string): string {
  return name.split(/[\\/]/).pop() || 'file';
}

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
} from '../Engine.ts';
import { startupStatements } from '../settings.ts';
import { hugeintCandidates, tableToResult } from './arrow.ts';
import { duckdbMessage } from './errors.ts';
import { runSql } from './run.ts';
import type { BootedWorker } from './boot.ts';
import { instantiateDuckDB } from './bundles.ts';
import { EngineRestartedError } from './restart.ts';

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

export interface WasmOptions {
  /**
   * The most memory DuckDB may use, in MB (the page's `?memory-limit=`): its default is most of
   * the 4 GiB WebAssembly allows. Set before the configuration is locked; no query can change it.
   */
  memoryLimitMb?: number;
}

/** DuckDB may read the user's opened files and nothing else: no URL, not even the app's own. */
function browserStartup(options: WasmOptions): string[] {
  const limit = options.memoryLimitMb;
  const memory = limit && limit > 0 ? [`SET memory_limit = '${Math.round(limit)}MB'`] : [];
  return startupStatements({ paths: [], directories: [FILES_FOLDER] }, [
    ...BROWSER_SETTINGS,
    ...memory,
  ]);
}

/** DuckDB-WASM in its own Web Worker: the browser's engine. */
export class WasmEngine implements Engine {
  readonly name = 'duckdb-wasm';
  readonly readsParquet = false;
  private registered = 0;
  /** One connection runs one statement at a time; callers may overlap, so they queue. */
  private queue: Promise<unknown> = Promise.resolve();
  /** The statement (or the query's few statements) running now, while one is. */
  private running: Running | undefined;
  /** Set while a new DuckDB starts in place of one that was stopped; later calls wait for it. */
  private restarting: Promise<void> | undefined;
  /** DuckDB was restarted this many times to stop a statement, each time losing every table. */
  restarts = 0;

  private constructor(
    private db: AsyncDuckDB,
    private connection: AsyncDuckDBConnection,
    private readonly options: WasmOptions,
  ) {}

  /**
   * `booted` is DuckDB's worker the page's entry already started (see main.ts); without it
   * this starts one.
   */
  static async create(booted?: BootedWorker, options: WasmOptions = {}): Promise<WasmEngine> {
    const db = await instantiateDuckDB(booted);
    try {
      await db.open(CONFIG);
      const connection = await db.connect();
      // One message to the worker for all of them: a plain query runs a script of statements
      // in order (the pending queries exec() uses take one each), and every round trip to the
      // worker is time before the notebook's first statement.
      await connection.query(browserStartup(options).join(';\n'));
      return new WasmEngine(db, connection, options);
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
    await this.restarting;
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

  prepare(sql: string): Promise<void> {
    return this.serialize(sql, async () => {
      await (await this.connection.prepare(sql)).close();
    });
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
   * DuckDB-WASM's own IPC insert: the buffer is transferred to its worker (no copy on the way),
   * where DuckDB scans the batches into the table. It queues like a statement, so Cancel and a
   * restart treat it as one.
   */
  insertArrowIPC(table: string, ipc: Uint8Array, options: { create: boolean }): Promise<void> {
    const what = `${options.create ? 'CREATE' : 'INSERT INTO'} ${table} FROM an Arrow stream`;
    return this.serialize(what, () =>
      this.connection.insertArrowFromIPCStream(ipc, { name: table, create: options.create }),
    );
  }

  /**
   * Interrupts the statement running now. Statements without parameters run as pending
   * queries that the worker executes in slices, so the cancel message gets through between
   * two slices (joins included: DuckDB yields inside a join's output too). But a slice lasts as
   * long as its longest step, and one function call on one row can take hours (levenshtein of
   * two long strings); a prepared statement with parameters runs in one go. When the worker has
   * not answered, or the statement has not ended, INTERRUPT_GRACE_MS after the first cancel,
   * DuckDB is restarted instead (see restart()).
   */
  async cancel(): Promise<void> {
    const run = this.running;
    if (!run) return;
    run.cancelledAt ??= performance.now();
    const answered = this.connection.cancelSent().then(
      () => true,
      () => true,
    );
    const left = Math.max(0, run.cancelledAt + INTERRUPT_GRACE_MS - performance.now());
    const inTime = await Promise.race([answered, delay(left).then(() => false)]);
    // Answered in time: the worker dropped the statement. Otherwise, or when it answered but
    // the statement still runs past the grace (a cancel between two statements of one task),
    // nothing short of ending the worker stops it.
    if (this.running !== run) return;
    if (!inTime || performance.now() - run.cancelledAt >= INTERRUPT_GRACE_MS) this.restart(run);
  }

  async close(): Promise<void> {
    await this.restarting?.catch(() => undefined);
    await this.connection.close();
    await this.db.terminate();
  }

  /**
   * Ends the worker running `run` and starts DuckDB again the way create() does (so with the
   * same start-up settings), in the same engine object. `run` fails at once with
   * EngineRestartedError; statements after it wait for the new DuckDB. Registered files and
   * tables are gone: the runner loads its datasets again (restartsOf() tells it). If DuckDB does
   * not start again, every later call fails with the reason.
   */
  private restart(run: Running): void {
    if (this.restarting) return;
    const old = this.db;
    this.restarts += 1;
    this.running = undefined;
    this.restarting = (async () => {
      await old.terminate();
      const fresh = await WasmEngine.create(undefined, this.options);
      this.db = fresh.db;
      this.connection = fresh.connection;
      this.restarting = undefined;
    })();
    // Nobody may wait for it but the queue: a failed restart is reported by the next call.
    this.restarting.catch(() => undefined);
    run.abandon(new EngineRestartedError());
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

  /**
   * Runs one task at a time, and words any failure as DuckDB's message. A task that restart()
   * abandons fails at once; its promise from the ended worker never settles.
   */
  private serialize<T>(sql: string, task: () => Promise<T>): Promise<T> {
    const result = this.queue.then(async () => {
      let run: Running | undefined;
      try {
        await this.restarting;
        const abandoned = new Promise<never>((_, reject) => {
          run = { abandon: reject, cancelledAt: undefined };
        });
        this.running = run;
        return await Promise.race([task(), abandoned]);
      } catch (error) {
        if (error instanceof EngineRestartedError) throw error;
        throw new EngineError(duckdbMessage(error), sql);
      } finally {
        if (this.running === run) this.running = undefined;
      }
    });
    this.queue = result.catch(() => undefined);
    return result;
  }
}

/** A task in the engine's queue, as cancel() and restart() see it. */
interface Running {
  abandon: (error: Error) => void;
  /** When the first cancel for it was sent. */
  cancelledAt: number | undefined;
}

/**
 * Long enough for a statement that yields to DuckDB-WASM's worker to take the cancel (the
 * worker polls every few milliseconds), short enough that Cancel stops the query within a
 * second.
 */
const INTERRUPT_GRACE_MS = 500;

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function pathError(path: string): EngineError {
  return new EngineError(
    `Cannot open ${path}: the browser has no file paths; pick or drop the file instead.`,
  );
}

function baseName(name: string): string {
  return name.split(/[\\/]/).pop() || 'file';
}

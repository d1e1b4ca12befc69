import { mkdtemp, open, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, sep } from 'node:path';
import {
  BOOLEAN,
  DOUBLE,
  DuckDBDateValue,
  DuckDBInstance,
  DuckDBTimestampMillisecondsValue,
  DuckDBTimestampNanosecondsValue,
  DuckDBTimestampSecondsValue,
  DuckDBTimestampTZValue,
  DuckDBTimestampValue,
  JSDuckDBValueConverter,
  VARCHAR,
  type DuckDBConnection,
  type DuckDBValueConverter,
  type JS,
  type DuckDBType,
  type DuckDBVector,
  type DuckDBValue,
} from '@duckdb/node-api';
import {
  EngineError,
  EXACT_IN_DOUBLE_TYPES,
  type Engine,
  type FileSource,
  type Params,
  type QueryResult,
} from './Engine.ts';
import { insertArrowStream } from './native-arrow.ts';
import { dateBeyondYears, normalizeRows, timestampBeyondYears } from './normalize.ts';
import { startupStatements, unconfinedStatements } from './settings.ts';

/** Native DuckDB (through @duckdb/node-api): the command line's engine and the Node tests'. */
export class NativeEngine implements Engine {
  readonly name = 'duckdb-native';
  readonly readsParquet = true;
  private tempDir: string | undefined;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
  ) {}

  /**
   * `readable` confines the engine: DuckDB then reads only those files (and its own scratch
   * folder), writes none, reaches no network and cannot be reconfigured — how the command line
   * runs a notebook it did not write. Without it (tests, benches) files load from anywhere.
   */
  static async create(
    options: { threads?: number; readable?: readonly string[] } = {},
  ): Promise<NativeEngine> {
    const instance = await DuckDBInstance.create(':memory:', {
      ...(options.threads ? { threads: String(options.threads) } : {}),
    });
    const engine = new NativeEngine(instance, await instance.connect());
    let statements = unconfinedStatements();
    if (options.readable) {
      engine.tempDir = await mkdtemp(join(tmpdir(), 'statecraft-'));
      statements = startupStatements({
        paths: options.readable,
        directories: [engine.tempDir + sep],
      });
    }
    for (const statement of statements) await engine.exec(statement);
    return engine;
  }

  async version(): Promise<string> {
    const { rows } = await this.query('SELECT version() AS v');
    return String(rows[0].v);
  }

  async query(sql: string, params: Params = []): Promise<QueryResult> {
    try {
      const reader = await this.connection.runAndReadAll(
        sql,
        params as DuckDBValue[],
        paramTypes(params),
      );
      const types = reader.columnTypes();
      const columns = reader.columnNames().map((name, i) => ({ name, type: types[i].toString() }));
      return { columns, rows: normalizeRows(columns, reader.convertRows(toJS)) };
    } catch (error) {
      throw new EngineError(messageOf(error), sql);
    }
  }

  async queryNumbers(sql: string): Promise<Float64Array[]> {
    try {
      const result = await this.connection.run(sql);
      const types = result.columnTypes();
      types.forEach((type, i) => {
        if (!EXACT_IN_DOUBLE_TYPES.has(type.toString())) {
          throw new Error(
            `column ${result.columnName(i)} is ${type.toString()}, not a number exact in a DOUBLE`,
          );
        }
      });
      const parts: Float64Array[][] = types.map(() => []);
      let chunk = await result.fetchChunk();
      while (chunk && chunk.rowCount > 0) {
        for (let c = 0; c < types.length; c++) {
          parts[c].push(copyNumbers(chunk.getColumnVector(c), result.columnName(c)));
        }
        chunk = await result.fetchChunk();
      }
      return parts.map(concatDoubles);
    } catch (error) {
      throw new EngineError(messageOf(error), sql);
    }
  }

  async exec(sql: string, params: Params = []): Promise<void> {
    try {
      await this.connection.run(sql, params as DuckDBValue[], paramTypes(params));
    } catch (error) {
      throw new EngineError(messageOf(error), sql);
    }
  }

  async prepare(sql: string): Promise<void> {
    try {
      (await this.connection.prepare(sql)).destroySync();
    } catch (error) {
      throw new EngineError(messageOf(error), sql);
    }
  }

  async registerFile(name: string, source: FileSource): Promise<string> {
    if (source.kind === 'path') return source.path;
    this.tempDir ??= await mkdtemp(join(tmpdir(), 'statecraft-'));
    const path = join(this.tempDir, basename(name));
    await writeFile(path, await this.readFile(source));
    return path;
  }

  async readFile(source: FileSource): Promise<Uint8Array> {
    if (source.kind === 'path') return new Uint8Array(await readFile(source.path));
    if (source.kind === 'bytes') return source.bytes;
    return new Uint8Array(await source.blob.arrayBuffer());
  }

  async readSlice(source: FileSource, start: number, end: number): Promise<Uint8Array> {
    if (source.kind === 'bytes') return source.bytes.subarray(start, end);
    if (source.kind === 'blob')
      return new Uint8Array(await source.blob.slice(start, end).arrayBuffer());
    const handle = await open(source.path, 'r');
    try {
      const buffer = new Uint8Array(Math.max(0, end - start));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, start);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  }

  async fileSize(source: FileSource): Promise<number> {
    if (source.kind === 'bytes') return source.bytes.length;
    if (source.kind === 'blob') return source.blob.size;
    return (await stat(source.path)).size;
  }

  async insertArrowIPC(
    table: string,
    ipc: Uint8Array,
    options: { create: boolean },
  ): Promise<void> {
    try {
      await insertArrowStream(this.connection, table, ipc, options.create);
    } catch (error) {
      throw new EngineError(messageOf(error));
    }
  }

  async cancel(): Promise<void> {
    this.connection.interrupt();
  }

  async close(): Promise<void> {
    this.connection.closeSync();
    this.instance.closeSync();
    if (this.tempDir) await rm(this.tempDir, { recursive: true, force: true });
  }
}

/**
 * Binds parameters with the types DuckDB-WASM gives them (every JS number a DOUBLE, NULL a
 * VARCHAR), so `SELECT ? AS a` has the same type in the browser and on the command line.
 */
function paramTypes(params: Params): DuckDBType[] {
  return params.map((p) =>
    typeof p === 'number' ? DOUBLE : typeof p === 'boolean' ? BOOLEAN : VARCHAR,
  );
}

/** DuckDB's message, worded as DuckDB-WASM words it (native adds a prefix to parse errors). */
function messageOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^Failed to extract statements: /, '');
}

/**
 * node-api's JS values, except dates and timestamps a JS Date cannot hold or does not write as
 * DuckDB does (infinities, years outside 1 to 9999; node-api throws for the first): those become
 * the text the browser engine gives them too (see dateBeyondYears), also inside lists and structs.
 */
const toJS: DuckDBValueConverter<JS> = (value, type, self) =>
  beyondYears(value) ?? JSDuckDBValueConverter(value, type, self);

function beyondYears(value: DuckDBValue): string | undefined {
  if (value instanceof DuckDBDateValue) return dateBeyondYears(value.days);
  if (value instanceof DuckDBTimestampValue || value instanceof DuckDBTimestampTZValue) {
    return timestampBeyondYears(value.micros, 'us');
  }
  if (value instanceof DuckDBTimestampSecondsValue) {
    return timestampBeyondYears(value.seconds, 's');
  }
  if (value instanceof DuckDBTimestampMillisecondsValue) {
    return timestampBeyondYears(value.millis, 'ms');
  }
  if (value instanceof DuckDBTimestampNanosecondsValue) {
    return timestampBeyondYears(value.nanos, 'ns');
  }
  return undefined;
}

/**
 * A chunk's numeric vector as a fresh Float64Array. node-api keeps the items of a vector in a
 * typed array over DuckDB's memory and no validity mask when every item is valid; copying that
 * array is 10× faster than an item at a time, which remains the fallback.
 */
function copyNumbers(vector: DuckDBVector, column: string): Float64Array {
  const inside = vector as unknown as { items?: unknown; validity?: { data?: unknown } };
  const items = inside.items;
  const allValid = inside.validity !== undefined && inside.validity.data === null;
  if (allValid && items instanceof Float64Array) return items.slice();
  if (
    allValid &&
    (items instanceof Float32Array ||
      items instanceof Int8Array ||
      items instanceof Int16Array ||
      items instanceof Int32Array ||
      items instanceof Uint8Array ||
      items instanceof Uint16Array ||
      items instanceof Uint32Array)
  ) {
    return Float64Array.from(items);
  }
  const out = new Float64Array(vector.itemCount);
  for (let i = 0; i < out.length; i++) {
    const value = vector.getItem(i);
    if (typeof value !== 'number') throw new Error(`column ${column} has NULLs`);
    out[i] = value;
  }
  return out;
}

function concatDoubles(parts: Float64Array[]): Float64Array {
  const out = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

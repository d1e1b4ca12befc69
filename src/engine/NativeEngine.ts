import { mkdtemp, open, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import {
  BOOLEAN,
  DOUBLE,
  DuckDBInstance,
  VARCHAR,
  type DuckDBConnection,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';
import {
  EngineError,
  type Engine,
  type FileSource,
  type Params,
  type QueryResult,
} from './Engine.ts';
import { normalizeRows } from './normalize.ts';
import { lockDown } from './settings.ts';

/** Native DuckDB (through @duckdb/node-api): the command line's engine and the Node tests'. */
export class NativeEngine implements Engine {
  readonly name = 'duckdb-native';
  private tempDir: string | undefined;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
  ) {}

  static async create(options: { threads?: number } = {}): Promise<NativeEngine> {
    const instance = await DuckDBInstance.create(':memory:', {
      ...(options.threads ? { threads: String(options.threads) } : {}),
    });
    const engine = new NativeEngine(instance, await instance.connect());
    for (const statement of lockDown()) await engine.exec(statement);
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
      return { columns, rows: normalizeRows(columns, reader.getRowsJS() as unknown[][]) };
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

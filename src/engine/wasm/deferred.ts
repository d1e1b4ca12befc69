import type { Engine, FileSource, Params, QueryResult } from '../Engine.ts';
import { restartsOf } from './restart.ts';

/**
 * An Engine that can be handed out while DuckDB-WASM is still starting: every call waits for
 * the real engine. The page can then open the notebook, render its cells and fetch its data
 * while the worker compiles the .wasm, instead of after, and the first query goes out the
 * moment DuckDB is up.
 */
export class DeferredEngine implements Engine {
  /** Set once DuckDB is up, so that cancel() never waits for it. */
  private started: Engine | undefined;
  /** DuckDB-WASM's, known before it is up (see Engine.readsParquet). */
  readonly readsParquet = false;

  constructor(
    readonly name: string,
    private readonly engine: Promise<Engine>,
  ) {
    engine.then(
      (ready) => (this.started = ready),
      () => undefined,
    );
  }

  /** The real engine's restarts (see WasmEngine.restart): the runner reloads after one. */
  get restarts(): number {
    return restartsOf(this.started);
  }

  async version(): Promise<string> {
    return (await this.engine).version();
  }

  async query(sql: string, params?: Params): Promise<QueryResult> {
    return (await this.engine).query(sql, params);
  }

  async queryNumbers(sql: string): Promise<Float64Array[]> {
    return (await this.engine).queryNumbers(sql);
  }

  async exec(sql: string, params?: Params): Promise<void> {
    return (await this.engine).exec(sql, params);
  }

  async prepare(sql: string): Promise<void> {
    return (await this.engine).prepare(sql);
  }

  async registerFile(name: string, source: FileSource): Promise<string> {
    return (await this.engine).registerFile(name, source);
  }

  async readFile(source: FileSource): Promise<Uint8Array> {
    return (await this.engine).readFile(source);
  }

  async readSlice(source: FileSource, start: number, end: number): Promise<Uint8Array> {
    return (await this.engine).readSlice(source, start, end);
  }

  async fileSize(source: FileSource): Promise<number> {
    return (await this.engine).fileSize(source);
  }

  async insertArrowIPC(
    table: string,
    ipc: Uint8Array,
    options: { create: boolean },
  ): Promise<void> {
    return (await this.engine).insertArrowIPC(table, ipc, options);
  }

  /**
   * Nothing runs before DuckDB is up; waiting for it here would cancel whichever statement
   * happened to run first once it is.
   */
  async cancel(): Promise<void> {
    await this.started?.cancel();
  }

  async close(): Promise<void> {
    return (await this.engine).close();
  }
}

import { EngineError, type Engine } from '../Engine.ts';

/**
 * DuckDB-WASM runs a statement in slices and answers messages (a cancel among them) only
 * between two slices; one slice can last the whole statement (a join whose every input chunk
 * produces millions of rows). The browser engine then stops the statement by ending its worker
 * and starting a new DuckDB, which has none of the old tables: whoever ran notebook code
 * against it must load them again.
 */
export class EngineRestartedError extends EngineError {
  constructor() {
    super('DuckDB was restarted to stop this statement; every table in it was lost.');
    this.name = 'EngineRestartedError';
  }
}

/**
 * How many times the engine was restarted so far. An engine that never restarts (the native
 * one) has no count and reads 0; a change between two reads means every table is gone.
 */
export function restartsOf(engine: Engine | undefined): number {
  const count: unknown = engine ? Reflect.get(engine, 'restarts') : undefined;
  return typeof count === 'number' ? count : 0;
}

import type { Engine, Params, QueryResult } from '../engine/Engine.ts';

/**
 * What browser tests (and a curious user in the console) can reach: the engine, a query
 * shortcut, and the notebook's results once the runner is wired in.
 */
export interface StatecraftHooks {
  engine: () => Promise<Engine>;
  query: (sql: string, params?: Params) => Promise<QueryResult>;
  results: () => Promise<unknown>;
}

declare global {
  interface Window {
    statecraft?: StatecraftHooks;
  }
}

export function installDebugHooks(
  engine: Promise<Engine>,
  results: () => Promise<unknown> = async () => ({}),
): StatecraftHooks {
  const hooks: StatecraftHooks = {
    engine: () => engine,
    query: async (sql, params) => (await engine).query(sql, params),
    results,
  };
  window.statecraft = hooks;
  return hooks;
}

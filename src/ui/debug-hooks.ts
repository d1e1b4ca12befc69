import type { Engine, Params, QueryResult } from '../engine/Engine.ts';

/**
 * What browser tests (and a curious user in the console) can reach: the engine, a query
 * shortcut, and the notebook's results once the runner is wired in.
 */
export interface StatecraftHooks {
  engine: () => Promise<Engine>;
  query: (sql: string, params?: Params) => Promise<QueryResult>;
  results: () => Promise<unknown>;
  /** The document text, exactly what "Save .md" writes. */
  notebookText?: () => Promise<string>;
  /** Appends a cell as "Add cell" does (one undoable edit); resolves once it ran. */
  addCell?: (kind: string, body: string, name?: string) => Promise<void>;
  /** The notebook library: every notebook this browser keeps. */
  notebooks?: () => Promise<{ file: string; title: string; updated: string; datasets: string[] }[]>;
  /** Opens notebook text as if its file had been opened (the file input then adds its data). */
  openNotebookText?: (text: string, fileName: string) => Promise<void>;
  /**
   * Loads the Markdown renderer and names each pre-rendered prose text whose build-time HTML
   * differs from what this browser renders (none, or the build's jsdom and the page disagree).
   */
  prerenderedProseMismatches?: () => Promise<string[]>;
}

/** The hooks the app adds once its model exists. */
export type AppHooks = Pick<
  StatecraftHooks,
  'notebookText' | 'addCell' | 'notebooks' | 'openNotebookText' | 'prerenderedProseMismatches'
>;

declare global {
  interface Window {
    statecraft?: StatecraftHooks;
  }
}

export function installDebugHooks(
  engine: Promise<Engine>,
  results: () => Promise<unknown> = async () => ({}),
  app: AppHooks = {},
): StatecraftHooks {
  const hooks: StatecraftHooks = {
    engine: () => engine,
    query: async (sql, params) => (await engine).query(sql, params),
    results,
    ...app,
  };
  window.statecraft = hooks;
  return hooks;
}

/**
 * How components deep in the tree read the session's tables (a result table fetching the
 * rows on screen, a column profile, a codebook) without every component in between passing
 * it on. They get no engine: each read is a task the session runs in the engine's one line
 * (Session.read), after the cell running now and before the next, so a panel never races a
 * cell run. App provides it; the session may not be up yet, hence a getter.
 */
import { getContext, setContext } from 'svelte';
import type { Engine } from '../engine/Engine.ts';

const KEY = Symbol('statecraft-table-reads');

/** Runs `task` on the session's DuckDB in its turn; its outcome is the task's. */
export type TableRead = <T>(task: (engine: Engine) => Promise<T>) => Promise<T>;

export type TableReadGetter = () => TableRead | undefined;

export function provideTableReads(get: TableReadGetter): void {
  setContext(KEY, get);
}

/** The getter App provided; one that returns nothing outside the app (isolated use). */
export function useTableReads(): TableReadGetter {
  return getContext<TableReadGetter | undefined>(KEY) ?? (() => undefined);
}

/**
 * The session's DuckDB for components deep in the tree that read tables themselves (a result
 * table fetching the rows on screen, a column profile), without every component in between
 * passing it on. App provides it; the engine may not be up yet, hence a getter.
 */
import { getContext, setContext } from 'svelte';
import type { Engine } from '../engine/Engine.ts';

const KEY = Symbol('statecraft-engine');

export type EngineGetter = () => Engine | undefined;

export function provideEngine(get: EngineGetter): void {
  setContext(KEY, get);
}

/** The engine getter App provided; one that returns nothing outside the app (isolated use). */
export function useEngine(): EngineGetter {
  return getContext<EngineGetter | undefined>(KEY) ?? (() => undefined);
}

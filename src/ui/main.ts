/**
 * The page's entry. It starts DuckDB first: the worker, then the .wasm's download and
 * compilation, most of a cold start. The entry holds only what that takes (boot.ts), so it
 * starts as soon as the page's first small script runs; DuckDB-WASM's JavaScript and the app's
 * own code load in parallel, and the UI mounts and opens the notebook while DuckDB compiles.
 */
import { bootDuckDB } from '../engine/wasm/boot.ts';
import './app.css';

const root = document.getElementById('app');
if (!root) throw new Error('index.html has no #app element');

const booted = bootDuckDB();
// WasmEngine.create() reports a failure; until it runs, nobody else holds this promise.
booted.instantiated.catch(() => undefined);
const memoryLimitMb = Number(/[?&]memory-limit=(\d+)/.exec(location.search)?.[1]) || undefined;
const engine = import('../engine/wasm/WasmEngine.ts').then(({ WasmEngine }) =>
  WasmEngine.create(booted, { memoryLimitMb }),
);
// The app reports a failed start; until it has loaded, nobody else holds this promise.
engine.catch(() => undefined);

import('./start-app.ts').then(
  ({ startApp }) => startApp(root, engine),
  (error: unknown) => {
    root.dataset.state = 'error';
    root.textContent = `The app could not be loaded: ${error instanceof Error ? error.message : String(error)}. Reload the page to try again.`;
    console.error(error);
  },
);

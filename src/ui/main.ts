/**
 * The page's entry. It starts DuckDB first: the worker, then the .wasm's download and
 * compilation, most of a cold start. DuckDB-WASM's JavaScript is part of this entry chunk, so
 * that starts as soon as the entry runs, not after another chunk has loaded. The app's own code
 * loads in parallel and mounts the UI and opens the notebook while DuckDB compiles.
 */
import { instantiateDuckDB } from '../engine/wasm/bundles.ts';
import './app.css';

const root = document.getElementById('app');
if (!root) throw new Error('index.html has no #app element');

const instantiating = instantiateDuckDB();
// WasmEngine.create() reports a failure; until it runs, nobody else holds this promise.
instantiating.catch(() => undefined);
const memoryLimitMb = Number(/[?&]memory-limit=(\d+)/.exec(location.search)?.[1]) || undefined;
const engine = import('../engine/wasm/WasmEngine.ts').then(({ WasmEngine }) =>
  WasmEngine.create(instantiating, { memoryLimitMb }),
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

/**
 * The page's entry. DuckDB comes first: its worker starts, its .wasm downloads and compiles
 * (most of a cold start, and nothing the page shows is ready before it), and only then does
 * the app's own code load, which mounts the UI and opens the notebook meanwhile. The entry
 * imports DuckDB-WASM's JavaScript directly, so the module preloads Vite writes into
 * index.html fetch it together with the entry and the .wasm is asked for at once.
 */
import { instantiateDuckDB } from '../engine/wasm-bundles.ts';
import './app.css';

const root = document.getElementById('app');
if (!root) throw new Error('index.html has no #app element');

const instantiating = instantiateDuckDB();
// WasmEngine.create() reports a failure; until it runs, nobody else holds this promise.
instantiating.catch(() => undefined);
const engine = import('../engine/WasmEngine.ts').then(({ WasmEngine }) =>
  WasmEngine.create(instantiating),
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

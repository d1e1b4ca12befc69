/**
 * The page's entry, kept tiny so that it runs as early as possible. DuckDB's worker starts
 * first (its script loads on its own thread), then DuckDB-WASM's JavaScript and, in parallel,
 * the app's own code, which mounts the UI and opens the notebook while the .wasm downloads and
 * compiles.
 */
import { startWorkerEarly } from '../engine/wasm-worker.ts';
import './app.css';

const root = document.getElementById('app');
if (!root) throw new Error('index.html has no #app element');

startWorkerEarly();
const engine = import('../engine/WasmEngine.ts').then(({ WasmEngine }) => WasmEngine.create());
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

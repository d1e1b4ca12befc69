import { WasmEngine } from '../engine/WasmEngine.ts';
import { installDebugHooks } from './debug-hooks.ts';

// First thing: the worker and the .wasm download and compile while the rest of the page loads.
const engine = WasmEngine.create();

installDebugHooks(engine);

const root = document.getElementById('app');
if (!root) throw new Error('index.html has no #app element');

engine.then(
  async (ready) => {
    root.textContent = `DuckDB ${await ready.version()} is ready in this browser.`;
    root.dataset.state = 'ready';
  },
  (error: unknown) => {
    root.textContent = `DuckDB could not start: ${error instanceof Error ? error.message : String(error)}`;
    root.dataset.state = 'error';
    console.error(error);
  },
);

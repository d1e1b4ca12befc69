import { mount } from 'svelte';
import { WasmEngine } from '../engine/WasmEngine.ts';
import App from './App.svelte';
import { AppModel } from './app-model.svelte.ts';
import './app.css';
import { bundledNotebook, bundledNotebooks, DEFAULT_NOTEBOOK } from './bundled.ts';
import { Autosave } from './autosave.ts';
import { installDebugHooks } from './debug-hooks.ts';

// First thing: the worker and the .wasm download and compile while the rest of the page loads.
const engine = WasmEngine.create();

const root = document.getElementById('app');
if (!root) throw new Error('index.html has no #app element');

const model = new AppModel((state, runs) => {
  root.dataset.state = state;
  root.dataset.runs = String(runs);
}, new Autosave(localStorageOrNothing()));
installDebugHooks(engine, () => model.results());

const params = new URLSearchParams(location.search);
const asked = params.get('notebook');
/** `?blank` starts with an empty notebook (and an empty DuckDB), e.g. for writing from scratch. */
const blank = params.has('blank');
const requested = asked ?? DEFAULT_NOTEBOOK;
const notebooks = bundledNotebooks();

root.textContent = '';
mount(App, { target: root, props: { model, notebooks } });

engine.then(
  async (ready) => {
    model.start(ready);
    if (blank) return model.addFiles([new File([''], 'untitled.md')]);
    // A plain reload brings back the notebook the reader was editing.
    if (asked === null && (await model.reopenLast())) return;
    const text = await bundledNotebook(requested);
    if (text === undefined) {
      model.fail(
        `There is no bundled notebook called "${requested}". Choose one above (${notebooks.join(', ') || 'none are bundled'}) or open a notebook file.`,
      );
      return;
    }
    await model.openBundled(text, `${requested}.md`);
  },
  (error: unknown) => {
    model.fail(
      `DuckDB could not start in this browser: ${error instanceof Error ? error.message : String(error)}`,
    );
    console.error(error);
  },
);

/** localStorage, unless the browser refuses it (storage switched off, sandboxed frames). */
function localStorageOrNothing(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/**
 * The app itself: mounts the UI and opens the first notebook. main.ts loads this as a chunk of
 * its own once DuckDB is starting, and hands over the engine being started.
 */
import { messageOf } from '../notebook/errors.ts';
import { mount } from 'svelte';
import type { Engine } from '../engine/Engine.ts';
import { DeferredEngine } from '../engine/wasm-deferred.ts';
import App from './App.svelte';
import { AppModel, type AppState } from './app-model.svelte.ts';
import { Autosave } from './autosave.ts';
import { bundledNotebook, bundledNotebooks, DEFAULT_NOTEBOOK } from './bundled.ts';
import { useSliceHelper } from '../stats/slice-helper.ts';
import { WorkerSliceHelper } from '../stats/worker/WorkerSliceHelper.ts';
import { installDebugHooks } from './debug-hooks.ts';
import { allowEditors } from './editor/loader.ts';

export function startApp(root: HTMLElement, starting: Promise<Engine>): void {
  // Big logits sum half their rows on a second thread; DuckDB's worker is idle meanwhile.
  useSliceHelper(() => new WorkerSliceHelper());
  /**
   * What #app's data-state tells tests and tools: `ready` only once DuckDB is up too (a notebook
   * with nothing to run finishes before). If DuckDB did not start, the model says `error` for
   * good (AppModel.engineFailed).
   */
  let engineUp = false;
  let last: { state: AppState; runs: number } = { state: 'loading', runs: 0 };
  const report = ({ state, runs }: typeof last) => {
    root.dataset.state = !engineUp && state === 'ready' ? 'loading' : state;
    root.dataset.runs = String(runs);
  };
  const model = new AppModel((state, runs) => {
    last = { state, runs };
    report(last);
    // The first run is over: the code editors may load now without delaying any result.
    if (state === 'ready' || state === 'error') allowEditors();
  }, new Autosave(localStorageOrNothing()));
  installDebugHooks(starting, () => model.results());

  const params = new URLSearchParams(location.search);
  const asked = params.get('notebook');
  const notebooks = bundledNotebooks();

  root.textContent = '';
  mount(App, { target: root, props: { model, notebooks } });

  // The notebook opens, renders and fetches its data while DuckDB is still starting; its
  // first query waits for DuckDB, not the other way round.
  model.start(new DeferredEngine('duckdb-wasm', starting));
  starting.then(
    () => {
      engineUp = true;
      report(last);
    },
    (error: unknown) => {
      model.engineFailed(`DuckDB could not start in this browser: ${messageOf(error)}`);
      console.error(error);
    },
  );
  void openFirst(model, asked, params.has('blank'), notebooks);
}

/**
 * `?blank` starts with an empty notebook (and an empty DuckDB), e.g. for writing from scratch;
 * `?notebook=<stem>` opens a bundled notebook; a plain reload brings back the notebook the
 * reader was editing.
 */
async function openFirst(
  model: AppModel,
  asked: string | null,
  blank: boolean,
  notebooks: string[],
): Promise<void> {
  if (blank) return model.addFiles([new File([''], 'untitled.md')]);
  if (asked === null && (await model.reopenLast())) return;
  const requested = asked ?? DEFAULT_NOTEBOOK;
  const text = await bundledNotebook(requested);
  if (text === undefined) {
    model.fail(
      `There is no bundled notebook called "${requested}". Choose one above (${notebooks.join(', ') || 'none are bundled'}) or open a notebook file.`,
    );
    return;
  }
  await model.openBundled(text, `${requested}.md`);
}

/** localStorage, unless the browser refuses it (storage switched off, sandboxed frames). */
function localStorageOrNothing(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

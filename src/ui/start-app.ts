/**
 * The app itself: mounts the UI and opens the first notebook. main.ts loads this as a chunk of
 * its own once DuckDB is starting, and hands over the engine being started.
 */
import { messageOf } from '../shared/errors.ts';
import { mount } from 'svelte';
import type { Engine } from '../engine/Engine.ts';
import { DeferredEngine } from '../engine/wasm/deferred.ts';
import App from './App.svelte';
import { AppModel, type AppState } from './app-model.svelte.ts';
import { Autosave } from './autosave.ts';
import { bundledNotebook, bundledNotebooks, DEFAULT_NOTEBOOK } from './bundled.ts';
import { useSliceHelper } from '../stats/logit/slice-helper.ts';
import { WorkerSliceHelper } from '../stats/worker/WorkerSliceHelper.ts';
import { CELL_KINDS } from '../cells/registry.ts';
import { loadCellForm } from './components/cell-form-loader.ts';
import { installDebugHooks } from './debug-hooks.ts';
import { loadMarkdown, prerenderedProseMismatches } from './markdown-cache.svelte.ts';
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
  const autosave = new Autosave(localStorageOrNothing());
  const runs = markRuns(autosave, () => model.notebookFile);
  const model: AppModel = new AppModel((state, count) => {
    last = { state, runs: count };
    report(last);
    runs(state);
    // The first run is over: the code editors, the cell form and the Markdown renderer (for
    // prose not rendered at build time) may load now without delaying any result.
    if (state === 'ready' || state === 'error') {
      allowEditors();
      loadCellForm().catch(() => undefined);
      loadMarkdown().catch(() => undefined);
    }
  }, autosave);
  // A notebook whose last run never ended may be what crashed the page: it opens unrun.
  model.persistence.holdInterrupted(autosave.interruptedRuns());
  installDebugHooks(starting, () => model.results(), {
    notebookText: async () => model.document.text,
    addCell: async (kind, body, name) => {
      const known = CELL_KINDS.find((k) => k.kind === kind);
      if (!known) throw new Error(`No cell kind "${kind}"`);
      await model.document.appendCell(known.kind, body, name);
    },
    notebooks: async () => {
      model.persistence.library.refresh();
      return model.persistence.library.entries.map(({ file, title, updated, datasets }) => ({
        file,
        title,
        updated,
        datasets: [...datasets],
      }));
    },
    openNotebookText: (text, fileName) => model.persistence.openText(text, fileName),
    prerenderedProseMismatches,
  });

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
  // A new name every time: a blank notebook never replaces one written earlier.
  if (blank) return model.addFiles([new File([''], model.persistence.library.freeName())]);
  // A share link in the address is what the reader came to see; else the notebook edited last.
  if (asked === null && (await model.sharing.openSharedLink())) return;
  if (asked === null && (await model.persistence.reopenLast())) return;
  const requested = asked ?? DEFAULT_NOTEBOOK;
  const text = await bundledNotebook(requested);
  if (text === undefined) {
    model.fail(
      `There is no bundled notebook called "${requested}". Choose one above (${notebooks.join(', ') || 'none are bundled'}) or open a notebook file.`,
    );
    return;
  }
  await model.persistence.openBundled(text, `${requested}.md`);
}

/**
 * Marks the open notebook as running in storage from the start of each run until its outcome
 * has been painted, so a page that crashes (or freezes and is killed) during a run or while
 * drawing its result leaves the mark for the next visit (Persistence.holdInterrupted). Returns
 * what to call on each state.
 */
function markRuns(autosave: Autosave, notebookFile: () => string): (state: AppState) => void {
  let marked: string | undefined;
  let running = false;
  let ticket = 0;
  const end = () => {
    if (marked !== undefined) autosave.runEnded(marked);
    marked = undefined;
  };
  // A page that is closed or reloaded was alive to the end: only a crash, or a tab frozen so
  // hard the browser had to kill it, skips this and leaves the mark. (Hidden tabs paint no
  // frames, so a run that ended in one is also let go here.)
  addEventListener('pagehide', end);
  return (state) => {
    if (state === 'running') {
      running = true;
      ticket += 1;
      const fileName = notebookFile();
      if (fileName === marked || fileName === '') return;
      end();
      marked = fileName;
      autosave.runStarted(fileName);
      return;
    }
    if (!running) return;
    running = false;
    const mine = ticket;
    // The run's results are drawn in the next frame; only once it is painted is the run over.
    requestAnimationFrame(() =>
      setTimeout(() => {
        if (mine === ticket && !running) end();
      }, 0),
    );
  };
}

/** localStorage, unless the browser refuses it (storage switched off, sandboxed frames). */
function localStorageOrNothing(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

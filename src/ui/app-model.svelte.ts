/**
 * What the components see of the session: reactive snapshots of the runner's state, refreshed
 * whenever the session reports a change, and the few actions a reader can take. All analysis
 * stays in Session and Runner; this class only mirrors and forwards.
 */
import { messageOf } from '../shared/errors.ts';
import type { Engine } from '../engine/Engine.ts';
import type { LoadResult } from '../ingest/index.ts';
import { Session, type FileLoad, type SessionState } from '../notebook/Session.ts';
import { parseNotebook } from '../notebook/parse.ts';
import type { ExplorerPlan } from '../explorer/plan.ts';
import type { CellState, DatasetState } from '../notebook/state.ts';
import type { Block, CellKind, InputValue } from '../notebook/types.ts';
import { ident } from '../engine/sql.ts';
import { Autosave, hashOf, type OriginalText, type SaveOutcome, type Saved } from './autosave.ts';
import { bundledDataFiles, bundledNotebook, isBundledData } from './bundled.ts';
import {
  addCell,
  deleteCell,
  duplicateCell,
  moveCell,
  replaceProse,
} from '../notebook/cell-edits.ts';
import { toCsv } from './csv.ts';
import { downloadBlob, downloadText } from './download.ts';
import { TextHistory } from './history.ts';
import { KeptFiles } from './kept-files.svelte.ts';
import { keyedLatestOnly } from './latest-only.ts';
import { completionSchema, readSchema, type TableInfo } from './schema.ts';
import { freshSession } from '../notebook/session-reset.ts';
import { isShareFragment, readShareFragment, shareFragment } from './share-link.ts';
import { sharedDatasets, sharedFileName, type SharedInfo } from './shared-notebook.ts';
import { untrack } from 'svelte';
import { SvelteMap } from 'svelte/reactivity';
import type { Runner } from '../notebook/Runner.ts';
import { cellView, missingFiles, sameItems, snapshotCells } from './snapshot.ts';
import { isNotebookFile } from '../notebook/notebook-file.ts';

export type AppState = SessionState;

/** Shortest time between two updates of the page while a run goes on (sessionChanged). */
const RUN_REDRAW_MS = 200;

export interface NamedFile extends Blob {
  name: string;
}

export class AppModel {
  state = $state<AppState>('loading');
  /** Completed runs; tests wait for this to move after an action. */
  runs = $state(0);
  engineVersion = $state<string | undefined>();
  engineDown = $state(false);
  /** Something that stops the app as a whole (DuckDB did not start, no such notebook). */
  problem = $state<string | undefined>();
  /** Something that went wrong with an action but leaves the notebook usable. */
  notice = $state<string | undefined>();
  notebookFile = $state('');
  title = $state<string | undefined>();
  text = $state('');
  blocks = $state.raw<Block[]>([]);
  private readonly cellStates = new SvelteMap<string, CellState>();
  /**
   * Each cell's state by key. Reactive per key: a cell that changes re-renders alone, where
   * replacing the whole map made every cell of the page look again on every change.
   */
  get cells(): ReadonlyMap<string, CellState> {
    return this.cellStates;
  }
  datasets = $state.raw<DatasetState[]>([]);
  looseTables = $state.raw<LoadResult[]>([]);
  /** The data file loading now, with its progress (cancelLoad stops it). */
  loading = $state.raw<FileLoad | undefined>();
  notebookErrors = $state.raw<{ message: string; line?: number }[]>([]);
  schema = $state.raw<TableInfo[]>([]);
  canUndo = $state(false);
  canRedo = $state(false);
  /** Set when the notebook was reopened with edits saved in this browser. */
  restored = $state<{ savedAt: string } | undefined>();
  /**
   * Set when another tab saved this notebook since this tab last saw it: this tab's edits are
   * not saved over theirs until the reader chooses (keepMine, loadTheirs).
   */
  conflict = $state<{ savedAt: string } | undefined>();
  /**
   * Set when the notebook was opened without running, because its last run never finished
   * (the page closed or crashed during it): runAll runs it.
   */
  held = $state<{ fileName: string } | undefined>();
  /** Why the latest edits are not saved in this browser, and what to do about it. */
  saveProblem = $state<string | undefined>();
  /** Edits kept for a notebook that was opened again from a file, and where they are now. */
  keptAside = $state<{ fileName: string; keptAs: string } | undefined>();
  /** Set while a notebook opened from a share link is open: the data files it asks for. */
  shared = $state<SharedInfo | undefined>();
  /** Why the share link in the address could not be opened. */
  shareProblem = $state<string | undefined>();
  /** The link the reader made to share this notebook, and whether it reached the clipboard. */
  shareLink = $state<{ url: string; copied: boolean } | undefined>();
  /** Presentation mode: one cell or markdown section per screen. */
  presenting = $state(false);
  /** The reader's data files, kept in this browser so a reload brings them back. */
  readonly kept = new KeptFiles();
  /** Longest one cell may run, in milliseconds (`?time-limit=<seconds>`; 0 for none). */
  readonly timeLimitMs = timeLimitFromSearch(globalThis.location?.search ?? '');
  completion = $derived(completionSchema(this.schema));
  /** Datasets the notebook names that are not among the opened files. */
  missing = $derived(this.datasets.filter((d) => d.status === 'missing').map((d) => d.file));
  /** True when any data in the session came from the bundled (synthetic) demo files. */
  synthetic = $derived(
    this.datasets.some((d) => d.status === 'ok' && isBundledData(d.file)) ||
      this.looseTables.some((t) => isBundledData(t.fileName)),
  );

  private session: Session | undefined;
  private engine: Engine | undefined;
  /** While a slider is dragged only the newest value waits for the next run. */
  private setInputLatest = keyedLatestOnly((name: string, value: InputValue) =>
    this.requireSession().setInput(name, value),
  );
  private schemaRefresh: Promise<void> = Promise.resolve();
  private readonly history = new TextHistory();
  /** The notebook text as opened, before any edit (or its fingerprint): autosave compares. */
  private original: OriginalText = '';
  private savedText = '';
  /** False until a notebook is opened; the session's placeholder name is not shown. */
  private opened = false;
  /** The other tab's copy behind `conflict`. */
  private theirs: Saved | undefined;
  /** Kept data files come back once, with the first notebook this tab opens. */
  private keptRestored = false;
  /** Notebooks not to run when first opened (holdInterrupted); data files waiting for runAll. */
  private interrupted: readonly string[] | undefined;
  private heldFiles: NamedFile[] = [];

  constructor(
    private readonly onState?: (state: AppState, runs: number) => void,
    private readonly autosave = new Autosave(undefined),
  ) {
    this.onState?.(this.state, this.runs);
    autosave.onOtherTab((fileName, theirs) => {
      if (this.opened && fileName === this.notebookFile) this.otherTabSaved(theirs);
    });
  }

  private unsubscribe: (() => void) | undefined;

  /** DuckDB is up: the session starts. */
  start(engine: Engine): void {
    this.engine = engine;
    void engine.version().then((v) => (this.engineVersion = v));
    this.attach(new Session(engine, { timeLimitMs: this.timeLimitMs }));
  }

  private attach(session: Session): void {
    this.unsubscribe?.();
    this.session = session;
    this.unsubscribe = session.subscribe(() => this.sessionChanged());
    this.sync();
  }

  /** DuckDB did not start: the page says so for good, and the footer stops saying "Starting". */
  engineFailed(message: string): void {
    this.engineDown = true;
    this.fail(message);
  }

  fail(message: string): void {
    this.problem = message;
    this.state = 'error';
    this.onState?.(this.state, this.runs);
  }

  results(): Promise<Record<string, unknown>> {
    if (!this.session) return Promise.reject(new Error('The notebook is not open yet'));
    return this.session.results();
  }

  /**
   * Opens notebook text shipped with the app, with the demo data it names. Edits the reader
   * made to it earlier in this browser come back, with a way to discard them.
   */
  async openBundled(text: string, fileName: string): Promise<void> {
    const saved = this.autosave.load(fileName);
    const restore = saved !== undefined && saved.text !== text;
    await this.addFiles(
      await this.withKeptFiles([new File([restore ? saved.text : text], fileName)]),
      text,
    );
    this.restored = restore ? { savedAt: saved.savedAt } : undefined;
  }

  /** Opens the notebook the reader had open last, if it had unsaved edits; false if none. */
  async reopenLast(): Promise<boolean> {
    // A share link in the address is what the reader came to see.
    if (await this.openSharedLink()) return true;
    const fileName = this.autosave.last();
    const saved = fileName ? this.autosave.load(fileName) : undefined;
    if (!fileName || !saved) return false;
    await this.addFiles(
      await this.withKeptFiles([new File([saved.text], fileName)]),
      await originalOf(fileName, saved),
    );
    this.restored = { savedAt: saved.savedAt };
    return true;
  }

  /**
   * The first notebook opened, if among `fileNames`, is shown without running (see held):
   * its last run started and never ended, and running it again may crash the page again.
   */
  holdInterrupted(fileNames: readonly string[]): void {
    this.interrupted = [...fileNames];
  }

  /** Runs the notebook shown without running (held), with the data files opened with it. */
  async runAll(): Promise<void> {
    const session = this.requireSession();
    const files = this.heldFiles;
    this.heldFiles = [];
    this.held = undefined;
    try {
      if (files.length > 0) await session.addFiles(files);
      else await session.setText(session.text);
    } catch (error) {
      this.notice = messageOf(error);
    }
  }

  /** Opens the edits keepAside moved to a name of their own. */
  async openKeptAside(): Promise<void> {
    const keptAs = this.keptAside?.keptAs;
    const saved = keptAs ? this.autosave.load(keptAs) : undefined;
    this.keptAside = undefined;
    if (!keptAs || !saved) return;
    await this.addFiles([new File([saved.text], keptAs)], { hash: saved.originalHash });
    this.restored = { savedAt: saved.savedAt };
  }

  /** Puts the notebook back as it was opened, dropping the restored edits. */
  async discardRestored(): Promise<void> {
    const fileName = this.notebookFile;
    this.autosave.forget(fileName);
    this.restored = undefined;
    if (typeof this.original === 'string') {
      await this.edit(this.original);
    } else {
      // Only the original's fingerprint is kept in this browser, not its text.
      this.notice = `Your edits to ${fileName} are no longer kept in this browser. To see it as it was, open ${fileName} again from your disk.`;
    }
  }

  /**
   * Files picked or dropped together. A notebook that names the bundled demo data gets it
   * fetched from the app's origin unless the user supplied that file too. `original` is the
   * notebook's text as first opened when `files` holds a restored, edited version.
   * `bundledData: false` leaves the demo files out (a shared notebook asks for its files).
   */
  async addFiles(files: NamedFile[], original?: OriginalText, bundledData = true): Promise<void> {
    let session = this.requireSession();
    this.notice = undefined;
    try {
      const notebook = files.find((f) => isNotebookFile(f.name));
      const extra: NamedFile[] = [];
      if (notebook && session.text !== '') {
        session = await freshSession(session);
        session.setTimeLimit(this.timeLimitMs);
        this.attach(session);
      }
      if (notebook && bundledData) {
        const named = parseNotebook(await notebook.text()).notebook.datasets.map((d) => d.file);
        const given = [...files.map((f) => f.name), ...session.files.keys()];
        extra.push(...(await bundledDataFiles(missingFiles(named, given))));
      }
      // A notebook the reader opens from disk does not replace edits kept under its name.
      const keptAs =
        notebook && original === undefined ? await this.keepAsideFor(notebook) : undefined;
      if (notebook) {
        this.keptAside = keptAs ? { fileName: notebook.name, keptAs } : undefined;
        this.opened = true;
        this.savedText = await notebook.text();
        this.original = original ?? this.savedText;
        this.restored = undefined;
        this.history.clear();
        this.autosave.opened(notebook.name);
        this.conflict = undefined;
        this.theirs = undefined;
        this.shared = undefined;
        this.shareLink = undefined;
      }
      // Data first, so the notebook finds its files when it opens.
      const ordered = [...extra, ...files.filter((f) => f !== notebook)];
      const hold = notebook !== undefined && this.interrupted?.includes(notebook.name) === true;
      if (notebook) this.interrupted = undefined;
      if (notebook && hold) await this.hold(session, notebook, ordered);
      else await session.addFiles(notebook ? [...ordered, notebook] : ordered);
    } catch (error) {
      this.notice = messageOf(error);
    }
    this.sync();
    this.keepOpenedFiles();
  }

  /**
   * Shows `notebook` in `session` without running it: its cells wait as "not run", its data
   * files wait for runAll (a data file can be what crashed the page), and any edit runs it.
   */
  private async hold(session: Session, notebook: NamedFile, data: NamedFile[]): Promise<void> {
    for (const file of data) session.files.set(file.name.toLowerCase(), file);
    this.heldFiles = data;
    session.text = await notebook.text();
    session.notebookFile = notebook.name;
    session.state = 'ready';
    this.held = { fileName: notebook.name };
    session.runner.setNotebook(parseNotebook(session.text));
  }

  /** Kept edits to a notebook of this name that differ from `notebook`, moved aside. */
  private async keepAsideFor(notebook: NamedFile): Promise<string | undefined> {
    const kept = this.autosave.load(notebook.name);
    if (!kept || kept.text === (await notebook.text())) return undefined;
    return this.autosave.keepAside(notebook.name);
  }

  /** Runs a cell with new text: the document changes, and the runner re-runs what depends on it. */
  async runCell(key: string, source: string): Promise<void> {
    const session = this.requireSession();
    const before = session.text;
    try {
      await session.setCellSource(key, source);
      if (session.text !== before) this.history.record(before);
    } catch (error) {
      this.notice = messageOf(error);
    }
    this.syncHistory();
  }

  addCell(afterKey: string | undefined, kind: CellKind): Promise<void> {
    return this.edit(addCell(this.requireSession().text, afterKey, kind).text);
  }

  /** Deletes a cell; the runner drops the tables it made on the next run. */
  deleteCell(key: string): Promise<void> {
    return this.edit(deleteCell(this.requireSession().text, key));
  }

  /** Replaces a prose block's text (edited in place); undo brings the old text back. */
  async editProse(line: number, before: string, after: string): Promise<void> {
    try {
      await this.edit(replaceProse(this.requireSession().text, line, before, after));
    } catch (error) {
      this.notice = messageOf(error);
    }
  }

  /** Puts a copy of a cell right after it (a named one under a new name); undo removes it. */
  duplicateCell(key: string): Promise<void> {
    return this.edit(duplicateCell(this.requireSession().text, key).text);
  }

  moveCell(key: string, direction: -1 | 1): Promise<void> {
    return this.edit(moveCell(this.requireSession().text, key, direction));
  }

  /** Appends the engagement explorer's cells as one undoable edit; they run like any edit. */
  async addExplorerCells(plan: Pick<ExplorerPlan, 'markdown' | 'names'>): Promise<void> {
    // Only the explorer calls this, and its chunk has already brought the module.
    const { appendToNotebook } = await import('../explorer/plan.ts');
    return this.edit(appendToNotebook(this.requireSession().text, plan));
  }

  async undo(): Promise<void> {
    const session = this.requireSession();
    const text = this.history.undo(session.text);
    if (text !== undefined) await this.apply(text);
  }

  async redo(): Promise<void> {
    const session = this.requireSession();
    const text = this.history.redo(session.text);
    if (text !== undefined) await this.apply(text);
  }

  /** Stops the data file load running now; the session keeps what it had. */
  cancelLoad(): void {
    this.session?.cancelLoad();
  }

  /** DuckDB, for panels that read the session's tables themselves (profiles, result pages). */
  get queryEngine(): Engine | undefined {
    return this.engine;
  }

  /** Stops the cell `key` if it is running now. */
  cancelCell(key: string): void {
    this.session?.cancel(key);
  }

  /** Conflict with another tab: this tab's text wins and is saved over theirs. */
  keepMine(): void {
    const session = this.requireSession();
    this.conflict = undefined;
    this.theirs = undefined;
    this.saved(
      this.autosave.save(session.notebookFile, session.text, this.original, undefined, true),
    );
  }

  /** Conflict with another tab: their text replaces this tab's, as one undoable edit. */
  async loadTheirs(): Promise<void> {
    const theirs = this.theirs;
    this.conflict = undefined;
    this.theirs = undefined;
    if (!theirs) return;
    this.autosave.accept(this.notebookFile, theirs.rev);
    await this.edit(theirs.text);
  }

  private otherTabSaved(theirs: Saved): void {
    if (theirs.text === this.session?.text) {
      this.autosave.accept(this.notebookFile, theirs.rev);
      return;
    }
    this.theirs = theirs;
    this.conflict = { savedAt: theirs.savedAt };
  }

  private saved(outcome: SaveOutcome): void {
    if (outcome.kind === 'conflict') this.otherTabSaved(outcome.theirs);
    if (outcome.kind === 'conflict') return;
    this.saveProblem =
      outcome.kind === 'failed'
        ? `Your latest edits to ${this.notebookFile || 'this notebook'} are not saved in this browser: ${outcome.reason}. Download the notebook (.md) to keep them; a reload would lose them.`
        : undefined;
  }

  /** Downloads the notebook as it stands now, edits included. */
  saveNotebook(): void {
    downloadText(this.notebookFile || 'notebook.md', this.text, 'text/markdown;charset=utf-8');
  }

  /** Downloads a whole result table (the page shows only its first rows) as CSV. */
  async downloadCsv(table: string): Promise<void> {
    try {
      const result = await this.requireSession().engine.query(`SELECT * FROM ${ident(table)}`);
      downloadText(`${table}.csv`, toCsv(result), 'text/csv;charset=utf-8');
    } catch (error) {
      this.notice = messageOf(error);
    }
  }

  /** Downloads a whole result table as Parquet, written in JavaScript (export-parquet.ts). */
  async downloadParquet(table: string): Promise<void> {
    try {
      const { tableToParquet } = await import('./export-parquet.ts');
      const bytes = await tableToParquet(this.requireSession().engine, table);
      const type = 'application/vnd.apache.parquet';
      downloadBlob(`${table}.parquet`, new Blob([bytes as BlobPart], { type }));
    } catch (error) {
      this.notice = `Could not export ${table} as Parquet: ${messageOf(error)}`;
    }
  }

  /** Downloads the notebook and its results as one self-contained HTML report. */
  async exportHtml(): Promise<void> {
    try {
      const { reportHtml } = await import('./export-report.ts');
      const notebookFile = this.notebookFile || 'notebook.md';
      const html = reportHtml({
        title: this.title,
        notebookFile,
        blocks: this.blocks,
        cells: this.cells,
        datasets: this.datasets,
        engine: this.engineVersion ? `DuckDB ${this.engineVersion} (WebAssembly)` : undefined,
      });
      const name = `${notebookFile.replace(/\.(md|markdown)$/i, '')}.html`;
      downloadText(name, html, 'text/html;charset=utf-8');
    } catch (error) {
      this.notice = `Could not make the HTML report: ${messageOf(error)}`;
    }
  }

  /** Makes a link that carries this notebook's text (not its data) and copies it. */
  async makeShareLink(): Promise<void> {
    try {
      const fragment = await shareFragment(this.text, this.notebookFile || 'notebook.md');
      // Without the query: `?notebook=` would open a bundled notebook instead of the link's.
      const url = `${location.href.split(/[?#]/)[0]}#${fragment}`;
      const copied = await navigator.clipboard?.writeText(url).then(
        () => true,
        () => false,
      );
      this.shareLink = { url, copied: copied ?? false };
    } catch (error) {
      this.notice = messageOf(error);
    }
  }

  /**
   * Opens the notebook a share link in the address carries, under a name of its own so it
   * never replaces the reader's notebooks in autosave, and without data: the reader opens the
   * files it lists (kept files with the same sha256 are used at once). False when the address
   * carries no notebook or a damaged one (`shareProblem` says why).
   */
  async openSharedLink(hash = globalThis.location?.hash ?? ''): Promise<boolean> {
    if (!isShareFragment(hash)) return false;
    let shared;
    try {
      shared = await readShareFragment(hash);
    } catch (error) {
      this.shareProblem = messageOf(error);
      return false;
    }
    if (!shared) return false;
    this.shareProblem = undefined;
    const fileName = sharedFileName(shared);
    const datasets = sharedDatasets(shared.text);
    const before = this.opened ? this.notebookFile : this.autosave.last();
    const previous =
      before && before !== fileName && this.autosave.load(before) ? before : undefined;
    const saved = this.autosave.load(fileName);
    const restore = saved !== undefined && saved.text !== shared.text;
    // Only kept files with the content the notebook names come with it, none by name alone.
    const files = await this.kept.matching(datasets);
    const notebook = new File([restore ? saved.text : shared.text], fileName);
    await this.addFiles([...files, notebook], shared.text, false);
    this.restored = restore ? { savedAt: saved.savedAt } : undefined;
    this.shared = { fileName, from: shared.fileName, datasets, previous };
    return true;
  }

  /** From a shared notebook back to the reader's own, as they left it. */
  async backToPrevious(): Promise<void> {
    const previous = this.shared?.previous;
    const saved = previous ? this.autosave.load(previous) : undefined;
    if (!previous || !saved) return;
    // Replacing the address fires no hashchange: the shared notebook is not opened again.
    window.history.replaceState(null, '', location.href.split('#')[0]);
    await this.addFiles(
      await this.withKeptFiles([new File([saved.text], previous)]),
      await originalOf(previous, saved),
    );
    this.restored = { savedAt: saved.savedAt };
  }

  /** The reader's choice to keep data files in this browser (on by default). */
  async setKeepFiles(on: boolean): Promise<void> {
    await this.kept.setEnabled(on);
    if (on) this.keepOpenedFiles();
  }

  /** Deletes the data files kept in this browser; what is open now stays open. */
  async forgetKeptFiles(): Promise<void> {
    const count = this.kept.files.length;
    await this.kept.forget();
    this.notice = `Deleted ${count} ${count === 1 ? 'file' : 'files'} from this browser’s storage. The tables stay open until you close the tab.`;
  }

  /** The first notebook this tab opens gets back the data files kept from the last visit. */
  private async withKeptFiles(files: NamedFile[]): Promise<NamedFile[]> {
    if (this.keptRestored) return files;
    this.keptRestored = true;
    return [...(await this.kept.restore(this.requireSession())), ...files];
  }

  private keepOpenedFiles(): void {
    const session = this.session;
    if (!session) return;
    void this.kept.remember(session).then((problems) => {
      if (problems.length > 0) this.notice = problems.join(' ');
    });
  }

  /** Replaces the document with an edited text, as one undoable step. */
  private async edit(text: string): Promise<void> {
    const session = this.requireSession();
    if (text === session.text) return;
    this.history.record(session.text);
    await this.apply(text);
  }

  private async apply(text: string): Promise<void> {
    try {
      await this.requireSession().setText(text);
    } catch (error) {
      this.notice = messageOf(error);
    }
    this.syncHistory();
  }

  private syncHistory(): void {
    this.canUndo = this.history.canUndo;
    this.canRedo = this.history.canRedo;
  }

  async setInput(name: string, value: InputValue): Promise<void> {
    try {
      await this.setInputLatest(name, value);
    } catch (error) {
      this.notice = messageOf(error);
    }
  }

  private requireSession(): Session {
    if (!this.session) throw new Error('DuckDB is still starting');
    return this.session;
  }

  private syncPending = false;
  /** When the page last caught up with the session (performance.now()). */
  private lastSync = 0;

  /**
   * While a run goes on, the page catches up a task later and at most every RUN_REDRAW_MS:
   * the runner first sends its next statement to DuckDB's worker, and the page renders while
   * the worker computes, instead of the worker waiting for the render. Each catch-up makes
   * the browser redraw, which costs more the longer the notebook is; drawn after every quick
   * cell, thousands of cells spent most of their run redrawing. When the run ends the page is
   * brought up to date at once, so whoever awaited the run sees its outcome.
   */
  private sessionChanged(): void {
    // A run's start and end are synced at once: they are what data-state and the run count,
    // which tests and tools wait on, report.
    if (this.session?.state !== 'running' || this.state !== 'running') {
      this.sync();
      return;
    }
    if (this.syncPending) return;
    this.syncPending = true;
    const wait = Math.max(0, this.lastSync + RUN_REDRAW_MS - performance.now());
    setTimeout(() => {
      this.syncPending = false;
      this.sync();
    }, wait);
  }

  private sync(): void {
    const session = this.session;
    if (!session) return;
    this.lastSync = performance.now();
    const { runner } = session;
    const finished = this.state === 'running' && session.state !== 'running';
    // Without DuckDB every run ends in errors; the page keeps saying so rather than "Ready".
    this.state = this.engineDown ? 'error' : session.state;
    if (session.state === 'running') this.held = undefined;
    if (finished) this.runs += 1;
    if (this.blocks !== runner.notebook.blocks) this.blocks = runner.notebook.blocks;
    this.syncCells(runner);
    const datasets = [...runner.datasets.values()];
    if (!sameItems(datasets, this.datasets)) this.datasets = datasets;
    if (session.looseTables.length !== this.looseTables.length) {
      this.looseTables = [...session.looseTables];
    }
    const errors = runner.errors.map((e) => ({ message: e.message, line: e.line }));
    if (JSON.stringify(errors) !== JSON.stringify(this.notebookErrors)) {
      this.notebookErrors = errors;
    }
    if (this.opened) this.notebookFile = session.notebookFile;
    this.title = runner.notebook.title;
    this.loading = session.loading;
    this.text = session.text;
    if (session.text !== this.savedText && session.text !== '') {
      this.savedText = session.text;
      this.saved(this.autosave.save(session.notebookFile, session.text, this.original));
    }
    if (finished && !this.engineDown) this.refreshSchema();
    this.onState?.(this.state, this.runs);
  }

  /**
   * Brings `cells` up to date with the runner, looking only at the cells it says changed:
   * comparing every cell on every change cost a notebook of n cells n² while it ran.
   */
  private syncCells(runner: Runner): void {
    const cells = this.cellStates;
    const changes = runner.takeCellChanges();
    if (changes !== 'all') {
      for (const key of changes) {
        const state = runner.cells.get(key);
        if (state) cells.set(key, cellView(state));
        else cells.delete(key);
      }
      return;
    }
    // Cells came or went: an unchanged cell keeps its object, so its charts and editors are
    // left alone.
    const shown = untrack(() => snapshotCells(cells, runner.cells));
    if (shown === cells) return;
    for (const key of untrack(() => [...cells.keys()])) {
      if (!shown.has(key)) cells.delete(key);
    }
    for (const [key, view] of shown) {
      if (untrack(() => cells.get(key)) !== view) cells.set(key, view);
    }
  }

  private refreshSchema(): void {
    const engine = this.engine;
    if (!engine) return;
    this.schemaRefresh = this.schemaRefresh
      .then(async () => {
        const next = await readSchema(engine);
        // A run that made the same tables keeps the same object, so open column profiles,
        // codebooks and editors do not start their work again.
        if (JSON.stringify(next) !== JSON.stringify(this.schema)) this.schema = next;
      })
      .catch((error: unknown) => {
        this.notice = `Could not list the tables: ${messageOf(error)}`;
      });
  }
}

/**
 * The text `saved` was edited from: stored with it in older copies, or the bundled notebook of
 * that name if its fingerprint matches; else only the fingerprint.
 */
async function originalOf(fileName: string, saved: Saved): Promise<OriginalText> {
  if (saved.original !== undefined) return saved.original;
  const bundled = await bundledNotebook(fileName.replace(/\.md$/i, '')).catch(() => undefined);
  const hash = saved.originalHash;
  return bundled !== undefined && hashOf(bundled) === hash ? bundled : { hash };
}

/** `?time-limit=<seconds>` in the page's address; undefined (the default) when absent or bad. */
function timeLimitFromSearch(search: string): number | undefined {
  const raw = /[?&]time-limit=([^&#]*)/.exec(search)?.[1];
  const seconds = raw === undefined || raw.trim() === '' ? NaN : Number(raw);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

/**
 * What the components see of the session: reactive snapshots of the runner's state, refreshed
 * whenever the session reports a change, and the few actions a reader can take. All analysis
 * stays in Session and Runner; this class only mirrors and forwards.
 */
import type { Engine } from '../engine/Engine.ts';
import type { LoadResult } from '../ingest/index.ts';
import { Session, type SessionState } from '../notebook/Session.ts';
import { parseNotebook } from '../notebook/parse.ts';
import type { CellState, DatasetState } from '../notebook/state.ts';
import type { Block, CellKind, InputValue } from '../notebook/types.ts';
import { ident } from '../engine/sql.ts';
import { Autosave } from './autosave.ts';
import { bundledDataFiles, isBundledData } from './bundled.ts';
import { addCell, deleteCell, moveCell } from './cell-edits.ts';
import { toCsv } from './csv.ts';
import { downloadText } from './download.ts';
import { TextHistory } from './history.ts';
import { keyedLatestOnly } from './latest-only.ts';
import { completionSchema, readSchema, type TableInfo } from './schema.ts';
import { freshSession } from './workspace.ts';
import { isNotebookFile, missingFiles, NO_CELLS, sameItems, snapshotCells } from './snapshot.ts';

export type AppState = SessionState;

export interface NamedFile extends Blob {
  name: string;
}

export class AppModel {
  state = $state<AppState>('loading');
  /** Completed runs; tests wait for this to move after an action. */
  runs = $state(0);
  engineVersion = $state<string | undefined>();
  /** Something that stops the app as a whole (DuckDB did not start, no such notebook). */
  problem = $state<string | undefined>();
  /** Something that went wrong with an action but leaves the notebook usable. */
  notice = $state<string | undefined>();
  notebookFile = $state('');
  title = $state<string | undefined>();
  text = $state('');
  blocks = $state.raw<Block[]>([]);
  cells = $state.raw<ReadonlyMap<string, CellState>>(NO_CELLS);
  datasets = $state.raw<DatasetState[]>([]);
  looseTables = $state.raw<LoadResult[]>([]);
  notebookErrors = $state.raw<{ message: string; line?: number }[]>([]);
  schema = $state.raw<TableInfo[]>([]);
  canUndo = $state(false);
  canRedo = $state(false);
  /** Set when the notebook was reopened with edits saved in this browser. */
  restored = $state<{ savedAt: string } | undefined>();
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
  /** The notebook text as opened, before any edit: what autosave compares against. */
  private original = '';
  private savedText = '';
  /** False until a notebook is opened; the session's placeholder name is not shown. */
  private opened = false;

  constructor(
    private readonly onState?: (state: AppState, runs: number) => void,
    private readonly autosave = new Autosave(undefined),
  ) {
    this.onState?.(this.state, this.runs);
  }

  private unsubscribe: (() => void) | undefined;

  /** DuckDB is up: the session starts. */
  start(engine: Engine): void {
    this.engine = engine;
    void engine.version().then((v) => (this.engineVersion = v));
    this.attach(new Session(engine));
  }

  private attach(session: Session): void {
    this.unsubscribe?.();
    this.session = session;
    this.unsubscribe = session.subscribe(() => this.sync());
    this.sync();
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
    await this.addFiles([new File([restore ? saved.text : text], fileName)], text);
    this.restored = restore ? { savedAt: saved.savedAt } : undefined;
  }

  /** Opens the notebook the reader had open last, if it had unsaved edits; false if none. */
  async reopenLast(): Promise<boolean> {
    const fileName = this.autosave.last();
    const saved = fileName ? this.autosave.load(fileName) : undefined;
    if (!fileName || !saved) return false;
    await this.addFiles([new File([saved.text], fileName)], saved.original);
    this.restored = { savedAt: saved.savedAt };
    return true;
  }

  /** Puts the notebook back as it was opened, dropping the restored edits. */
  async discardRestored(): Promise<void> {
    const fileName = this.notebookFile;
    this.autosave.forget(fileName);
    this.restored = undefined;
    await this.edit(this.original);
  }

  /**
   * Files picked or dropped together. A notebook that names the bundled demo data gets it
   * fetched from the app's origin unless the user supplied that file too. `original` is the
   * notebook's text as first opened when `files` holds a restored, edited version.
   */
  async addFiles(files: NamedFile[], original?: string): Promise<void> {
    let session = this.requireSession();
    this.notice = undefined;
    try {
      const notebook = files.find((f) => isNotebookFile(f.name));
      const extra: NamedFile[] = [];
      if (notebook && session.text !== '') {
        session = await freshSession(session);
        this.attach(session);
      }
      if (notebook) {
        const named = parseNotebook(await notebook.text()).notebook.datasets.map((d) => d.file);
        const given = [...files.map((f) => f.name), ...session.files.keys()];
        extra.push(...(await bundledDataFiles(missingFiles(named, given))));
      }
      if (notebook) {
        this.opened = true;
        this.savedText = await notebook.text();
        this.original = original ?? this.savedText;
        this.restored = undefined;
        this.history.clear();
      }
      // Data first, so the notebook finds its files when it opens.
      const ordered = [...extra, ...files.filter((f) => f !== notebook)];
      await session.addFiles(notebook ? [...ordered, notebook] : ordered);
    } catch (error) {
      this.notice = messageOf(error);
    }
    this.sync();
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

  moveCell(key: string, direction: -1 | 1): Promise<void> {
    return this.edit(moveCell(this.requireSession().text, key, direction));
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

  private sync(): void {
    const session = this.session;
    if (!session) return;
    const { runner } = session;
    const finished = this.state === 'running' && session.state !== 'running';
    this.state = session.state;
    if (finished) this.runs += 1;
    if (this.blocks !== runner.notebook.blocks) this.blocks = runner.notebook.blocks;
    this.cells = snapshotCells(this.cells, runner.cells);
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
    this.text = session.text;
    if (session.text !== this.savedText && session.text !== '') {
      this.savedText = session.text;
      this.autosave.save(session.notebookFile, session.text, this.original);
    }
    if (finished) this.refreshSchema();
    this.onState?.(this.state, this.runs);
  }

  private refreshSchema(): void {
    const engine = this.engine;
    if (!engine) return;
    this.schemaRefresh = this.schemaRefresh
      .then(async () => {
        this.schema = await readSchema(engine);
      })
      .catch((error: unknown) => {
        this.notice = `Could not list the tables: ${messageOf(error)}`;
      });
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The composition root of the page's state: it starts the session, opens files into it and
 * keeps its stores (model/: the document, what this browser keeps, sharing, exports, the
 * session's tables) in step with it. All analysis stays in Session and Runner.
 */
import { messageOf } from '../shared/errors.ts';
import type { Engine } from '../engine/Engine.ts';
import { Session, type SessionState } from '../notebook/Session.ts';
import { parseFrontMatter } from '../notebook/parse.ts';
import { freshSession } from '../notebook/session-reset.ts';
import { isNotebookFile } from '../notebook/notebook-file.ts';
import { Autosave, type KeyValueStore, type OriginalText } from './autosave.ts';
import { keepCharts, readKeptCharts } from './model/kept-charts.ts';
import { bundledDataFiles } from './bundled.ts';
import type { CellActions } from './cell-actions.ts';
import type { TableRead } from './read-context.ts';
import { missingFiles } from './snapshot.ts';
import type { NamedFile, OpenFiles, SessionAccess } from './model/access.ts';
import { cellActions } from './model/actions.ts';
import { NotebookDocument } from './model/document.svelte.ts';
import { Exports } from './model/exports.ts';
import { InlineValues } from './model/inline-values.svelte.ts';
import { Persistence } from './model/persistence.svelte.ts';
import { redrawGap, Redraws } from './model/redraws.ts';
import { Sharing } from './model/sharing.svelte.ts';
import { SessionTables } from './model/tables.svelte.ts';
import { timeLimitFromSearch } from './model/time-limit.ts';

export type AppState = SessionState;

/** Longest gap between two updates of the page while a run goes on (see Redraws). */
const RUN_REDRAW_MS = 200;

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
  /** Presentation mode: one cell or markdown section per screen. */
  presenting = $state(false);
  /** Longest one cell may run, in milliseconds (`?time-limit=<seconds>`; 0 for none). */
  readonly timeLimitMs = timeLimitFromSearch(globalThis.location?.search ?? '');

  private session: Session | undefined;
  private unsubscribe: (() => void) | undefined;
  private readonly redraws = new Redraws(
    () => redrawGap(this.document.cells.size, RUN_REDRAW_MS),
    () => this.sync(),
  );
  private readonly access: SessionAccess = {
    session: () => this.requireSession(),
    current: () => this.session,
    notify: (message) => (this.notice = message),
  };

  readonly document = new NotebookDocument(this.access);
  /** Values prose states inline (`{{ table.column }}`), following the cells that make them. */
  readonly inlineValues = new InlineValues(this.access, this.document);
  readonly exports = new Exports(this.access, this.document, () => this.engineVersion);
  readonly tables = new SessionTables(this.access);
  /** What a cell's controls can ask: edits from the document, downloads from exports. */
  readonly actions = cellActions(this.document, this.exports);
  readonly persistence: Persistence;
  readonly sharing: Sharing;
  /** Where the autosaved notebooks are; the last run's charts are kept beside them. */
  private store = $state.raw<KeyValueStore | undefined>();
  /**
   * The charts of this notebook's last finished run in this browser, shown (marked as kept)
   * while the first run of this visit has not ended; none after it.
   */
  readonly keptCharts = $derived(
    this.runs === 0
      ? readKeptCharts(this.store, this.document.notebookFile, this.document.text)
      : undefined,
  );

  constructor(
    private readonly onState?: (state: AppState, runs: number) => void,
    autosave = new Autosave(undefined),
  ) {
    const open: OpenFiles = (files, original, bundled) => this.addFiles(files, original, bundled);
    const edit = (text: string) => this.document.edit(text);
    this.store = autosave.store;
    this.persistence = new Persistence(this.access, { open, edit }, autosave);
    this.sharing = new Sharing(this.access, this.persistence, open);
    this.onState?.(this.state, this.runs);
  }

  // Presentation mode reads the document through the model itself.
  get blocks() {
    return this.document.blocks;
  }
  get title() {
    return this.document.title;
  }
  get notebookFile() {
    return this.document.notebookFile;
  }
  get cells() {
    return this.document.cells;
  }
  get completion() {
    return this.tables.completion;
  }
  setInput: CellActions['setInput'] = (name, value) => this.document.setInput(name, value);

  /** DuckDB is up: the session starts. */
  start(engine: Engine): void {
    void engine.version().then((v) => (this.engineVersion = v));
    this.attach(new Session(engine, { timeLimitMs: this.timeLimitMs, recordDatasets: true }));
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
   * Files picked or dropped together; a notebook among them gets the bundled demo data it
   * names unless given (or `bundledData` is false: a shared notebook asks for its files).
   * `original`: the notebook as first opened, when `files` holds a restored, edited version.
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
        const named = parseFrontMatter(await notebook.text()).datasets.map((d) => d.file);
        const given = [...files.map((f) => f.name), ...session.files.keys()];
        extra.push(...(await bundledDataFiles(missingFiles(named, given))));
      }
      if (notebook) {
        await this.persistence.opening(notebook, original);
        this.document.forgetHistory();
        this.sharing.closed();
      }
      // Data first, so the notebook finds its files when it opens.
      const ordered = [...extra, ...files.filter((f) => f !== notebook)];
      if (notebook && this.persistence.takeHold(notebook)) {
        await this.persistence.hold(session, notebook, ordered);
      } else {
        const before = session.text;
        await session.addFiles(notebook ? [...ordered, notebook] : ordered);
        // Data files opened on their own were listed in the front matter: Undo unlists them.
        if (!notebook) this.document.recordChange(before);
      }
    } catch (error) {
      this.notice = messageOf(error);
    }
    this.redraws.now();
    this.persistence.keepOpenedFiles();
  }

  /** Stops the cell `key` if it is running now. */
  cancelCell(key: string): void {
    this.session?.cancel(key);
  }

  /** Panels' reads of the session's tables, in the engine's line (Session.read). */
  get tableRead(): TableRead | undefined {
    const session = this.session;
    return session ? (task) => session.read(task) : undefined;
  }

  private attach(session: Session): void {
    this.unsubscribe?.();
    this.session = session;
    this.unsubscribe = session.subscribe(() => this.sessionChanged());
    this.redraws.now();
  }

  private requireSession(): Session {
    if (!this.session) throw new Error('DuckDB is still starting');
    return this.session;
  }

  /**
   * During a run the page catches up at most every redrawGap (up to RUN_REDRAW_MS), and at once
   * when a chart is ready; a run's start and end are
   * caught up at once: they are what data-state and the run count, which tests and tools
   * wait on, report, and whoever awaited the run sees its outcome.
   */
  private sessionChanged(): void {
    const session = this.session;
    if (session?.state !== 'running' || this.state !== 'running') this.redraws.now();
    // A chart is what a reader waits for: drawn at once, before the next cell's code loads.
    else if (session.runner.hasNewChart()) this.redraws.now();
    else this.redraws.soon();
  }

  private sync(): void {
    const session = this.session;
    if (!session) return;
    const finished = this.state === 'running' && session.state !== 'running';
    // Without DuckDB every run ends in errors; the page keeps saying so rather than "Ready".
    this.state = this.engineDown ? 'error' : session.state;
    if (finished) this.runs += 1;
    this.document.mirror(session, this.persistence.openFile !== undefined);
    this.persistence.mirror(session);
    if (finished && this.state === 'ready') {
      const { notebookFile, text, cells } = this.document;
      keepCharts(this.store, notebookFile, text, cells);
    }
    if (finished && !this.engineDown) void this.tables.refresh();
    this.onState?.(this.state, this.runs);
  }
}

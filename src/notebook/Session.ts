/**
 * A browser session: the notebook text, the files the user opened, and the runner that keeps
 * results in step with both. Plain TypeScript (no DOM), so it is tested in Node with the
 * native engine exactly as the page uses it with DuckDB-WASM.
 */
import type { Engine } from '../engine/Engine.ts';
import {
  loadFile,
  tableNameFromFile,
  type LoadProgress,
  type LoadResult,
} from '../ingest/index.ts';
import { replaceCellSource } from './edit.ts';
import { addDataset, setDatasetFields } from './front-matter-edit.ts';
import { cellKey } from './graph.ts';
import { cellsOf, parseFrontMatter, parseNotebook } from './parse.ts';
import { Runner } from './Runner.ts';
import { DEFAULT_TIME_LIMIT_MS } from './stop-messages.ts';
import type { InputValue } from './types.ts';

export type SessionState = 'loading' | 'running' | 'ready' | 'error';

export interface SessionOptions {
  /** Longest one cell may run, in milliseconds; 0 for no limit. Default: 5 minutes. */
  timeLimitMs?: number;
  /**
   * Write what loading learnt into the front matter (the page does, so a saved notebook names
   * its files): each data file opened on its own becomes a dataset, and a dataset listed
   * without sha256 gets the hash of the file that loaded. Off, the text is only the user's.
   */
  recordDatasets?: boolean;
}

/** A data file being loaded as a table of its own, and how far it got. */
export interface FileLoad {
  fileName: string;
  /** 1-based place of the file among those added together, and how many there are. */
  index: number;
  count: number;
  progress: LoadProgress;
}

const NOTEBOOK_FILE = /\.(md|markdown)$/i;

export class Session {
  readonly runner: Runner;
  text = '';
  notebookFile = 'untitled.md';
  state: SessionState = 'loading';
  /** Files the user opened, by lower-cased name; notebooks look datasets up here. */
  readonly files = new Map<string, Blob & { name?: string }>();
  /** Files loaded on their own (not named by the notebook), as tables. */
  readonly looseTables: LoadResult[] = [];
  /** The file load running now, if any (cancelLoad stops it). */
  loading: FileLoad | undefined;
  private loadAbort: AbortController | undefined;
  private listeners = new Set<() => void>();

  readonly recordDatasets: boolean;

  constructor(
    readonly engine: Engine,
    options: SessionOptions = {},
  ) {
    this.recordDatasets = options.recordDatasets ?? false;
    this.runner = new Runner(engine, {
      timeLimitMs: options.timeLimitMs,
      place: () => ({ surface: 'browser', notebookFile: this.notebookFile }),
      datasetLocation: 'the files you opened (add the file with the file picker or by dropping it)',
      resolveDataset: async (ref) => {
        const blob = this.files.get(ref.file.toLowerCase());
        return blob ? { fileName: ref.file, source: { kind: 'blob', blob } } : undefined;
      },
      onChange: () => this.emit(),
      onEngineRestart: () => this.reloadLooseTables(),
    });
  }

  /**
   * DuckDB was restarted (to stop a query) and lost the tables of files opened on their own;
   * the runner reloads the notebook's datasets itself. A file that no longer loads keeps its
   * old entry out of looseTables, so the page stops offering a table that is not there.
   */
  private async reloadLooseTables(): Promise<void> {
    const before = this.looseTables.splice(0);
    for (const loaded of before) {
      const blob = this.files.get(loaded.fileName.toLowerCase());
      if (!blob) continue;
      try {
        this.looseTables.push(
          await loadFile(this.engine, {
            table: tableNameFromFile(loaded.fileName),
            fileName: loaded.fileName,
            source: { kind: 'blob', blob },
          }),
        );
      } catch {
        // The file loaded before and has not changed; failing now would be DuckDB not
        // running at all, which every cell will say.
      }
    }
    this.emit();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Opens a notebook document and runs it. */
  async open(text: string, fileName: string): Promise<void> {
    this.text = text;
    this.notebookFile = fileName;
    await this.rerun();
  }

  /**
   * Adds files picked or dropped together: a notebook among them is opened; data files the
   * notebook names feed its datasets; any other data file is loaded as a table of its own.
   */
  async addFiles(files: (Blob & { name: string })[]): Promise<void> {
    const notebook = files.find((f) => NOTEBOOK_FILE.test(f.name));
    const data = files.filter((f) => f !== notebook);
    for (const file of data) {
      this.files.set(file.name.toLowerCase(), file);
      const named = this.runner.notebook.datasets.find(
        (d) => d.file.toLowerCase() === file.name.toLowerCase(),
      );
      if (named) this.runner.invalidateDataset(named.name);
    }
    if (notebook) {
      await this.open(await notebook.text(), notebook.name);
    }
    const used = new Set(this.runner.notebook.datasets.map((d) => d.file.toLowerCase()));
    const loose = data.filter((f) => !used.has(f.name.toLowerCase()));
    let cancelled: unknown;
    try {
      for (const [i, file] of loose.entries()) {
        this.setState('running');
        const abort = new AbortController();
        this.loadAbort = abort;
        const report = (progress: LoadProgress): void => {
          this.loading = { fileName: file.name, index: i + 1, count: loose.length, progress };
          this.emit();
        };
        report({ phase: 'starting', bytes: 0, totalBytes: file.size });
        try {
          const result = await this.runner.queue.run(() =>
            loadFile(this.engine, {
              table: tableNameFromFile(file.name),
              fileName: file.name,
              source: { kind: 'blob', blob: file },
              signal: abort.signal,
              onProgress: report,
            }),
          );
          this.listLooseFile(result);
        } catch (error) {
          if (!abort.signal.aborted) throw error;
          // Cancelling stops the rest of the batch too; the files are forgotten, as if never added.
          const left = loose.slice(i);
          for (const f of left) this.files.delete(f.name.toLowerCase());
          cancelled = cancelledLoad(file.name, left.length - 1);
          break;
        }
      }
    } finally {
      this.loading = undefined;
      this.loadAbort = undefined;
      // A refused file must not leave the page looking busy forever.
      if (loose.length > 0) this.setState(this.runner.errors.length > 0 ? 'error' : 'ready');
    }
    if (!notebook) await this.rerun();
    if (cancelled !== undefined) throw cancelled;
  }

  /**
   * A file opened on its own becomes one of the notebook's datasets, under its table name,
   * with the hash this load computed: the saved notebook then names every file it reads and
   * `statecraft run` finds them. The load counts as the dataset's, so nothing loads twice.
   * A name the notebook already uses (a cell, another dataset) keeps it a table of its own.
   */
  private listLooseFile(result: LoadResult): void {
    const table = result.tables[0];
    const parsed = parseNotebook(this.text);
    const taken = new Set(
      [
        ...parsed.notebook.datasets.map((d) => d.name),
        ...cellsOf(parsed.notebook).map((c) => c.name),
      ]
        .filter((n): n is string => n !== undefined)
        .map((n) => n.toLowerCase()),
    );
    if (
      !this.recordDatasets ||
      !table ||
      taken.has(table.name.toLowerCase()) ||
      parsed.errors.some((e) => !e.cell)
    ) {
      this.looseTables.push(result);
      return;
    }
    let text: string;
    try {
      text = addDataset(this.text, table.name, {
        file: result.fileName,
        sheet: table.sheet,
        adapter: result.adapter?.id,
        sha256: result.sha256,
      });
    } catch {
      this.looseTables.push(result);
      return;
    }
    const ref = parseFrontMatter(text).datasets.find((d) => d.name === table.name);
    if (!ref) {
      this.looseTables.push(result);
      return;
    }
    this.text = text;
    this.runner.adoptDataset(ref, result);
  }

  /**
   * Writes the sha256 each loaded dataset's load computed into entries listed without one, so
   * a reviewer is told whether their file is the author's. True when the text changed.
   */
  private recordHashes(): boolean {
    if (!this.recordDatasets) return false;
    let text = this.text;
    for (const ref of this.runner.notebook.datasets) {
      const state = this.runner.datasets.get(ref.name);
      if (ref.sha256 || state?.status !== 'ok' || !state.sha256) continue;
      try {
        text = setDatasetFields(text, ref.name, { sha256: state.sha256 });
      } catch {
        return false;
      }
    }
    if (text === this.text) return false;
    this.text = text;
    return true;
  }

  /** Stops the file load running now (and the files added with it); true if one was running. */
  cancelLoad(): boolean {
    if (!this.loadAbort || this.loadAbort.signal.aborted) return false;
    this.loadAbort.abort();
    return true;
  }

  /** Replaces the whole document (the editor's text) and re-runs what changed. */
  async setText(text: string): Promise<void> {
    this.text = text;
    await this.rerun();
  }

  /**
   * Replaces one cell's body, keeping the rest of the document as written, and runs it: the
   * user asked for it, so a cell that was stopped starts again even if its text is unchanged.
   */
  async setCellSource(key: string, source: string): Promise<void> {
    const cell = cellsOf(this.runner.notebook).find((c) => cellKey(c) === key);
    if (!cell) throw new Error(`No cell ${key}`);
    this.runner.retry(key);
    await this.setText(replaceCellSource(this.text, cell, source));
  }

  /**
   * Stops the cell running now (only if it is `key`, when given); true if one was. Queued
   * edits run next, as usual.
   */
  cancel(key?: string): boolean {
    return this.runner.cancel(key);
  }

  /**
   * Longest one cell may run from the next cell on, in milliseconds; 0 for no limit,
   * undefined for the default.
   */
  setTimeLimit(ms: number | undefined): void {
    this.runner.timeLimitMs = ms ?? DEFAULT_TIME_LIMIT_MS;
  }

  /** Runs what uses the input again; the document is unchanged, so it is not parsed again. */
  async setInput(name: string, value: InputValue): Promise<void> {
    this.runner.setInput(name, value);
    await this.rerun(false);
  }

  /**
   * Reads DuckDB for a panel (a result page, a column profile, the schema) in the engine's
   * one line: after the cell or load running now, before the next, so a read never sees a
   * cell half done and never slows a statement down by running beside it.
   */
  read<T>(task: (engine: Engine) => Promise<T>): Promise<T> {
    return this.runner.queue.run(() => task(this.engine));
  }

  results(): Promise<Record<string, unknown>> {
    return this.runner.results(this.notebookFile);
  }

  private running: Promise<void> = Promise.resolve();

  /**
   * Runs are queued so two quick edits never interleave their queries. `parse` is false when
   * only an input changed: the text the runner holds is still the document's.
   */
  private rerun(parse = true): Promise<void> {
    this.running = this.running
      .catch(() => {})
      .then(async () => {
        this.setState('running');
        if (parse) this.runner.setNotebook(parseNotebook(this.text));
        try {
          await this.runner.run();
          if (this.recordHashes()) {
            this.runner.setNotebook(parseNotebook(this.text));
            await this.runner.run();
          }
          this.setState(this.runner.errors.length > 0 ? 'error' : 'ready');
        } catch (error) {
          this.setState('error');
          throw error;
        }
      });
    return this.running;
  }

  private setState(state: SessionState): void {
    this.state = state;
    this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}

/** What a cancelled load reports; named AbortError so callers can tell it from a failure. */
function cancelledLoad(fileName: string, skipped: number): Error {
  const rest = skipped > 0 ? ` The ${skipped} file(s) added with it were not loaded either.` : '';
  const error = new Error(`Loading ${fileName} was cancelled; nothing of it was kept.${rest}`);
  error.name = 'AbortError';
  return error;
}

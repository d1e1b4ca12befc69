/**
 * Runs a notebook: loads its datasets, then its cells in dependency order, re-running only
 * what changed. The browser and the command line both drive this class; it holds the state
 * the UI shows and produces the results object the CLI writes as results.json.
 */
import type { Engine, Row } from '../engine/Engine.ts';
import { ident } from '../engine/sql.ts';
import { hasTable } from '../engine/tables.ts';
import { restartsOf } from '../engine/wasm/restart.ts';
import { CellWatch, type StopReason } from './CellWatch.ts';
import { loadDataset, type DatasetResolver } from './datasets.ts';
import { NotebookError, messageOf } from '../shared/errors.ts';
import { buildGraph, cellKey, cellLabels, outputTables, type Graph } from './graph.ts';
import { fingerprint } from './hash.ts';
import { TaskQueue } from './task-queue.ts';
import { cellsOf, type ParseResult } from './parse.ts';
import { isInputCell } from '../cells/input/index.ts';
import { kindOf, runCell } from '../cells/registry.ts';
import { SqlSyntaxError } from '../cells/sql/sql-tokens.ts';
import { tableRows } from '../cells/tables.ts';
import {
  DEFAULT_TIME_LIMIT_MS,
  interruptedMessage,
  isInterrupt,
  isOutOfMemory,
  outOfMemoryMessage,
  stoppedMessage,
  type RunPlace,
} from './stop-messages.ts';
import type { CellState, DatasetState } from './state.ts';
import type { Cell, DatasetRef, InputValue, Notebook } from './types.ts';
import type { LoadResult } from '../ingest/index.ts';

export interface RunnerOptions {
  resolveDataset: DatasetResolver;
  /** Where datasets are looked up, for messages ("the folder data/", "the files you opened"). */
  datasetLocation: string;
  /** Called whenever a cell or dataset changes state. */
  onChange?: () => void;
  /** Longest one cell may run, in milliseconds; 0 for no limit. Default: 5 minutes. */
  timeLimitMs?: number;
  /** Where the notebook runs and its file name, for advice a message gives. */
  place?: () => RunPlace;
  /**
   * The engine was restarted to stop a cell and lost every table: load again what the runner
   * does not know of (files opened as tables of their own). Called before datasets reload.
   */
  onEngineRestart?: () => Promise<void>;
}

export class Runner {
  notebook: Notebook = { datasets: [], blocks: [], frontMatter: {} };
  readonly cells = new Map<string, CellState>();
  readonly datasets = new Map<string, DatasetState>();
  /** Notebook-level problems (front matter) that stop everything. */
  errors: NotebookError[] = [];
  private parseErrors = new Map<number, NotebookError>();
  private graph: Graph = buildGraph([]);
  private inputs = new Map<string, InputValue>();
  /** The `value:` each input was last initialised from; a new one in the text wins. */
  private inputDefaults = new Map<string, InputValue>();
  private orphanTables = new Set<string>();
  /** What each dataset was loaded from; unchanged means no reload. */
  private datasetRequests = new Map<string, string>();
  /** Fingerprint of each loaded dataset (request plus content hash), for cell signatures. */
  private datasetSignatures = new Map<string, string>();
  private engineVersion: string | undefined;
  /** Longest one cell may run, in milliseconds; 0 for no limit. */
  timeLimitMs: number;
  /** The cell running now, and the watch that can stop it. */
  private current: { key: string; watch: CellWatch } | undefined;
  /**
   * Signatures of cells that were stopped (time limit, cancel). Such a cell is not started
   * again by edits elsewhere, which would restart the endless query on every keystroke; a
   * change to it, its inputs or upstream, or retry(), does.
   */
  private stopped = new Map<string, string>();
  private cellChanges: Set<string> | 'all' = 'all';
  /** Set when the engine restarted during the run: its tables are gone and the run starts over. */
  private lostTables = false;
  /**
   * The engine's one line: each cell and dataset load takes its turn here, and so do reads
   * from outside (Session.read), which therefore never see a cell half done.
   */
  readonly queue = new TaskQueue();

  constructor(
    readonly engine: Engine,
    private readonly options: RunnerOptions,
  ) {
    this.timeLimitMs = options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
  }

  /**
   * Stops the cell running now (only if it is `key`, when given); true if one was. Its error
   * says it was cancelled, the cells after it carry on, and the database is as it was.
   */
  cancel(key?: string): boolean {
    const current = this.current;
    if (!current || (key !== undefined && current.key !== key) || current.watch.reason) {
      return false;
    }
    current.watch.stop('cancelled');
    return true;
  }

  /** The key of the cell running now, if any. */
  get runningCell(): string | undefined {
    return this.current?.key;
  }

  /** Lets the next run() start a stopped cell again, unchanged (the user asked to run it). */
  retry(key: string): void {
    this.stopped.delete(key);
  }

  /** Replaces the document; cells whose text did not change keep their results. */
  setNotebook(parsed: ParseResult): void {
    this.notebook = parsed.notebook;
    this.parseErrors = parsed.cellErrors;
    const cellLevel = new Set(parsed.cellErrors.values());
    this.errors = parsed.errors.filter((e) => !cellLevel.has(e));
    const cells = cellsOf(parsed.notebook);
    this.graph = buildGraph(cells);
    // Tables made by cells that are gone (deleted, renamed, or now producing other tables)
    // are dropped on the next run: the command line would not have them, so no cell may
    // go on reading them here.
    const produced = new Set(cells.flatMap(outputTables).map((t) => t.toLowerCase()));
    for (const state of this.cells.values()) {
      for (const { table } of state.outputs) {
        if (!produced.has(table.toLowerCase())) this.orphanTables.add(table);
      }
    }
    const labels = cellLabels(cells);
    for (const key of this.cells.keys()) if (!labels.has(key)) this.cells.delete(key);
    for (const cell of cells) {
      const existing = this.cells.get(cellKey(cell));
      if (existing && existing.kind === cell.kind) {
        existing.line = cell.line;
        existing.label = labels.get(cellKey(cell))!;
        continue;
      }
      this.cells.set(cellKey(cell), {
        key: cellKey(cell),
        label: labels.get(cellKey(cell))!,
        kind: cell.kind,
        name: cell.name,
        line: cell.line,
        status: 'stale',
        warnings: [],
        outputs: [],
      });
    }
    this.changed('all');
  }

  /** Sets an input's value; the next run() re-runs only the cells that use it. */
  setInput(name: string, value: InputValue): void {
    this.inputs.set(name, value);
  }

  inputValue(name: string): InputValue | undefined {
    return this.inputs.get(name);
  }

  /** Loads missing datasets and runs every cell whose fingerprint changed. */
  async run(): Promise<void> {
    if (this.errors.length > 0) return;
    // Each pass that restarts the engine ends with a stopped cell, which the next pass skips.
    while (await this.runPass()) await this.reloadAfterRestart();
  }

  /** One run() pass; true if the engine restarted during it (the pass was cut short). */
  private async runPass(): Promise<boolean> {
    this.lostTables = false;
    await this.queue.run(async () => {
      for (const table of this.orphanTables) {
        await this.engine.exec(`DROP TABLE IF EXISTS ${ident(table)}`);
      }
    });
    this.orphanTables.clear();
    await this.loadDatasets();
    const cells = new Map(cellsOf(this.notebook).map((c) => [cellKey(c), c]));
    const signatures = new Map<string, string>();
    const failed = new Set<string>();
    const ordered = [...this.graph.order, ...this.graph.cycles.keys()];
    for (const key of ordered) {
      const cell = cells.get(key)!;
      const state = this.cells.get(key)!;
      const problem = this.parseErrors.get(cell.index) ?? this.graph.cycles.get(key);
      if (problem) {
        this.fail(state, problem.message, problem.line ?? cell.line);
        failed.add(key);
        continue;
      }
      const blocker = this.graph.upstream.get(key)!.find((d) => failed.has(d));
      if (blocker) {
        Object.assign(state, {
          status: 'stale',
          blockedBy: blocker,
          error: undefined,
          signature: undefined,
        });
        failed.add(key);
        this.changed(key);
        continue;
      }
      const signature = this.signatureOf(cell, signatures);
      signatures.set(key, signature);
      if (state.status === 'ok' && state.signature === signature) continue;
      if (state.status === 'error' && this.stopped.get(key) === signature) {
        failed.add(key);
        continue;
      }
      await this.queue.run(() => this.execute(cell, state, signature));
      if (this.lostTables) return true;
      if (state.status !== 'ok') failed.add(key);
    }
    return false;
  }

  /**
   * After a restart nothing the notebook made exists: datasets load again and every cell that
   * had run runs again (the stopped cell's signature is unchanged, so it stays stopped).
   */
  private async reloadAfterRestart(): Promise<void> {
    this.datasetRequests.clear();
    this.orphanTables.clear();
    for (const state of this.cells.values()) {
      if (state.status === 'ok') Object.assign(state, { status: 'stale', signature: undefined });
    }
    this.changed('all');
    await this.options.onEngineRestart?.();
  }

  private async execute(cell: Cell, state: CellState, signature: string): Promise<void> {
    Object.assign(state, { status: 'running', blockedBy: undefined, error: undefined });
    this.changed(state.key);
    const started = performance.now();
    if (isInputCell(cell) && cell.name) {
      this.inputs.set(cell.name, this.effectiveInput(cell));
      this.inputDefaults.set(cell.name, cell.spec.value);
    }
    const watch = new CellWatch(this.engine, this.timeLimitMs);
    const restarts = restartsOf(this.engine);
    this.current = { key: state.key, watch };
    const result = await runCell(cell, {
      engine: watch.engine,
      inputs: this.inputs,
      tableExists: (name) => hasTable(this.engine, name),
    }).then(
      (outcome) => ({ outcome }),
      (error: unknown) => ({ error }),
    );
    this.current = undefined;
    // No interrupt may still be on its way when the clean-up or the next cell runs.
    await watch.end();
    if (restartsOf(this.engine) !== restarts) this.lostTables = true;
    if ('outcome' in result) {
      this.stopped.delete(state.key);
      Object.assign(state, result.outcome, {
        status: 'ok',
        signature,
        ms: performance.now() - started,
      });
    } else {
      const { error } = result;
      const stop: StopReason | 'interrupted' | undefined =
        watch.reason ?? (isInterrupt(messageOf(error)) ? 'interrupted' : undefined);
      this.fail(state, this.explain(cell, error, stop, watch), errorLine(cell, error));
      state.ms = performance.now() - started;
      if (stop) this.stopped.set(state.key, signature);
      for (const table of outputTables(cell)) {
        await this.engine.exec(`DROP TABLE IF EXISTS ${ident(table)}`).catch(() => {});
      }
    }
    this.changed(state.key);
  }

  /** The message a failed cell shows: DuckDB's, unless it was stopped or ran out of memory. */
  private explain(
    cell: Cell,
    error: unknown,
    stop: StopReason | 'interrupted' | undefined,
    watch: CellWatch,
  ): string {
    const place = this.options.place?.() ?? {
      surface: 'command line',
      notebookFile: 'notebook.md',
    };
    if (stop === 'interrupted') return interruptedMessage(watch.elapsedMs);
    if (stop) {
      return stoppedMessage(stop, watch.elapsedMs, this.timeLimitMs, place, this.lostTables);
    }
    const message = messageOf(error);
    if (isOutOfMemory(message)) return outOfMemoryMessage(message, place);
    return fileLineMessage(cell, message);
  }

  private fail(state: CellState, message: string, line: number): void {
    Object.assign(state, {
      status: 'error',
      error: { message, line },
      signature: undefined,
      outputs: [],
      chart: undefined,
      expectations: undefined,
    });
    this.changed(state.key);
  }

  private async loadDatasets(): Promise<void> {
    for (const ref of this.notebook.datasets) {
      const signature = JSON.stringify([ref.file, ref.sheet, ref.encoding, ref.sha256]);
      const current = this.datasets.get(ref.name);
      if (current?.status === 'ok' && this.datasetRequests.get(ref.name) === signature) continue;
      // The hash this load computed, now written into the notebook: the data is the same, so
      // neither the table nor the cells that read it are made again.
      const unhashed = JSON.stringify([ref.file, ref.sheet, ref.encoding, undefined]);
      if (
        current?.status === 'ok' &&
        current.sha256 === ref.sha256 &&
        this.datasetRequests.get(ref.name) === unhashed
      ) {
        this.datasetRequests.set(ref.name, signature);
        continue;
      }
      this.datasetRequests.set(ref.name, signature);
      const state = await this.queue.run(() =>
        loadDataset(this.engine, ref, this.options.resolveDataset, this.options.datasetLocation),
      );
      this.datasets.set(ref.name, state);
      this.datasetSignatures.set(ref.name, signature + (state.sha256 ?? ''));
      this.changed();
    }
  }

  /**
   * Takes a file already loaded as table `ref.name` as that dataset's load (the page just
   * listed a file it opened on its own), so the next run does not read the file again.
   */
  adoptDataset(ref: DatasetRef, result: LoadResult): void {
    const signature = JSON.stringify([ref.file, ref.sheet, ref.encoding, ref.sha256]);
    this.datasetRequests.set(ref.name, signature);
    this.datasets.set(ref.name, {
      name: ref.name,
      file: ref.file,
      status: 'ok',
      sha256: result.sha256,
      rows: result.tables[0]?.rows,
      tables: result.tables.map((t) => t.name),
      warnings: [...result.warnings],
    });
    this.datasetSignatures.set(ref.name, signature + result.sha256);
    this.changed();
  }

  /** Forget a dataset's loaded state so the next run() reloads it (the user opened a new file). */
  invalidateDataset(name: string): void {
    this.datasets.delete(name);
  }

  /** The user's value, unless the notebook text now gives the input a new `value:`. */
  private effectiveInput(cell: Cell & { kind: 'input' }): InputValue {
    const name = cell.name!;
    if (this.inputDefaults.get(name) !== cell.spec.value) return cell.spec.value;
    return this.inputs.get(name) ?? cell.spec.value;
  }

  private signatureOf(cell: Cell, signatures: Map<string, string>): string {
    const upstream = this.graph.upstream.get(cellKey(cell))!.map((k) => signatures.get(k) ?? '');
    const datasets = this.notebook.datasets.map((d) => this.datasetSignatures.get(d.name) ?? '');
    const input = isInputCell(cell) ? JSON.stringify(this.effectiveInput(cell)) : '';
    return fingerprint(
      JSON.stringify([cell.kind, cell.name, cell.source, input, upstream, datasets]),
    );
  }

  /** True when every dataset loaded and every cell ran. */
  get succeeded(): boolean {
    return (
      this.errors.length === 0 &&
      [...this.datasets.values()].every((d) => d.status === 'ok') &&
      [...this.cells.values()].every((c) => c.status === 'ok')
    );
  }

  /** The results.json object: every named result table in full, plus `_meta`. */
  async results(notebookFile: string): Promise<Record<string, unknown>> {
    this.engineVersion ??= await this.engine.version();
    const out: Record<string, Row[] | unknown> = {};
    for (const cell of cellsOf(this.notebook)) {
      if (this.cells.get(cellKey(cell))?.status !== 'ok') continue;
      for (const table of outputTables(cell)) out[table] = await tableRows(this.engine, table);
    }
    out._meta = {
      notebook: notebookFile,
      title: this.notebook.title ?? null,
      datasets: this.notebook.datasets.map((d) => {
        const state = this.datasets.get(d.name);
        return {
          name: d.name,
          file: d.file,
          sha256: state?.sha256 ?? null,
          rows: state?.rows ?? null,
        };
      }),
      engine_version: this.engineVersion,
    };
    return out;
  }

  /**
   * `cell`: the key of the one cell whose state changed, or 'all' when cells came or went;
   * nothing for other changes (datasets). Readers take the changed keys with takeCellChanges().
   */
  private changed(cell?: string): void {
    if (cell === 'all') this.cellChanges = 'all';
    else if (cell !== undefined && this.cellChanges !== 'all') this.cellChanges.add(cell);
    this.options.onChange?.();
  }

  /**
   * The cells whose state changed since the last call ('all' when cells were added or removed).
   * Lets a reader copy only those: comparing every cell on every change made a notebook of n
   * cells cost n² in the page.
   */
  takeCellChanges(): ReadonlySet<string> | 'all' {
    const changes = this.cellChanges;
    this.cellChanges = new Set();
    return changes;
  }
}

/**
 * DuckDB numbers lines of the statement it saw (the query wrapped in one extra line); say the
 * notebook file's line instead, so "LINE 23" in the message is line 23 of the file.
 */
function fileLineMessage(cell: Cell, message: string): string {
  if (kindOf(cell.kind).body !== 'sql') return message;
  return message.replace(
    /LINE (\d+):/,
    (_, n: string) => `LINE ${cell.line + Math.max(1, Number(n) - 1)}:`,
  );
}

/** The file line an error points at: the SQL line for engine and syntax errors, else the fence. */
function errorLine(cell: Cell, error: unknown): number {
  const bodyStart = cell.line + 1;
  if (error instanceof SqlSyntaxError) {
    return bodyStart + cell.source.slice(0, error.offset).split('\n').length - 1;
  }
  const match = error instanceof Error ? /LINE (\d+):/.exec(error.message) : null;
  // The engine sees the query wrapped in one extra line (CREATE TABLE … AS ().
  if (match && kindOf(cell.kind).body === 'sql')
    return bodyStart + Math.max(0, Number(match[1]) - 2);
  return cell.line;
}

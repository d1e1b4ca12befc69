/**
 * Runs a notebook: loads its datasets, then its cells in dependency order, re-running only
 * what changed. The browser and the command line both drive this class; it holds the state
 * the UI shows and produces the results object the CLI writes as results.json.
 */
import type { Engine } from '../engine/Engine.ts';
import { ident } from '../engine/sql.ts';
import { hasTable } from '../engine/tables.ts';
import { restartsOf } from '../engine/wasm/restart.ts';
import { CellWatch, type StopReason } from './CellWatch.ts';
import { DatasetLoads, markRunCellsStale, type DatasetLoadOptions } from './runner-datasets.ts';
import { errorLine, explainFailure } from './runner-errors.ts';
import { assembleResults } from './runner-results.ts';
import { NotebookError, messageOf } from '../shared/errors.ts';
import { buildGraph, cellKey, cellLabels, outputTables, type Graph } from './graph.ts';
import { fingerprint } from './hash.ts';
import { TaskQueue } from './task-queue.ts';
import { cellsOf, type ParseResult } from './parse.ts';
import { isInputCell } from '../cells/input/index.ts';
import { kindOf, runCell } from '../cells/registry.ts';
import type { CellContext } from '../cells/types.ts';
import { DEFAULT_TIME_LIMIT_MS, isInterrupt, type RunPlace } from './stop-messages.ts';
import type { CellState, DatasetState } from './state.ts';
import type { Cell, DatasetRef, InputValue, Notebook } from './types.ts';
import type { LoadResult } from '../ingest/index.ts';

export interface RunnerOptions extends DatasetLoadOptions {
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
  readonly datasets: Map<string, DatasetState>;
  /** Notebook-level problems (front matter) that stop everything. */
  errors: NotebookError[] = [];
  private parseErrors = new Map<number, NotebookError>();
  private graph: Graph = buildGraph([]);
  private inputs = new Map<string, InputValue>();
  /** The `value:` each input was last initialised from; a new one in the text wins. */
  private inputDefaults = new Map<string, InputValue>();
  private orphanTables = new Set<string>();
  /** Loads the datasets and remembers what each was loaded from. */
  private readonly datasetLoads: DatasetLoads;
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
    this.datasetLoads = new DatasetLoads(engine, this.queue, options, () => this.changed());
    this.datasets = this.datasetLoads.states;
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
    await this.datasetLoads.load(this.notebook.datasets);
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
    this.datasetLoads.forgetLoads();
    this.orphanTables.clear();
    markRunCellsStale(this.cells.values());
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
      cellSpec: (name) => this.cellSpec(name),
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

  /**
   * A named cell's kind and spec (the first of that name; a refused duplicate is not it). Names
   * compare as DuckDB compares the tables named after them: case aside.
   */
  private cellSpec(name: string): ReturnType<CellContext['cellSpec']> {
    const wanted = name.toLowerCase();
    const cell = cellsOf(this.notebook).find(
      (c) => c.name?.toLowerCase() === wanted && !c.duplicate,
    );
    if (!cell) return undefined;
    return {
      kind: cell.kind,
      spec: 'spec' in cell ? (cell.spec as Record<string, unknown>) : undefined,
      margins: kindOf(cell.kind).margins,
    };
  }

  /** The message a failed cell shows: DuckDB's, unless it was stopped or ran out of memory. */
  private explain(
    cell: Cell,
    error: unknown,
    stop: StopReason | 'interrupted' | undefined,
    watch: CellWatch,
  ): string {
    const place: RunPlace = this.options.place?.() ?? {
      surface: 'command line',
      notebookFile: 'notebook.md',
    };
    const { timeLimitMs, lostTables } = this;
    return explainFailure(cell, error, { stop, watch, timeLimitMs, place, lostTables });
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

  /**
   * Takes a file already loaded as table `ref.name` as that dataset's load (the page just
   * listed a file it opened on its own), so the next run does not read the file again.
   */
  adoptDataset(ref: DatasetRef, result: LoadResult): void {
    this.datasetLoads.adopt(ref, result);
  }

  /** Forget a dataset's loaded state so the next run() reloads it (the user opened a new file). */
  invalidateDataset(name: string): void {
    this.datasetLoads.invalidate(name);
  }

  /** The user's value, unless the notebook text now gives the input a new `value:`. */
  private effectiveInput(cell: Cell & { kind: 'input' }): InputValue {
    const name = cell.name!;
    if (this.inputDefaults.get(name) !== cell.spec.value) return cell.spec.value;
    return this.inputs.get(name) ?? cell.spec.value;
  }

  private signatureOf(cell: Cell, signatures: Map<string, string>): string {
    const upstream = this.graph.upstream.get(cellKey(cell))!.map((k) => signatures.get(k) ?? '');
    const datasets = this.notebook.datasets.map((d) => this.datasetLoads.signatureOf(d.name));
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
    return assembleResults({
      engine: this.engine,
      notebook: this.notebook,
      cells: this.cells,
      datasets: this.datasets,
      notebookFile,
      engineVersion: this.engineVersion,
    });
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

  /** True when a cell changed since the last takeCellChanges() now has a chart to draw. */
  hasNewChart(): boolean {
    const changes = this.cellChanges;
    if (changes === 'all') return false;
    for (const key of changes) {
      const state = this.cells.get(key);
      if (state?.status === 'ok' && state.chart) return true;
    }
    return false;
  }
}

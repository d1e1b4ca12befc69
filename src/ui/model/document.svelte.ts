/**
 * The notebook document as the page shows it: its text, blocks and cells mirrored from the
 * session's runner, the edits a reader makes to it, and their undo history. Every edit goes
 * to the session as a new text; the runner decides what runs again.
 */
import { untrack } from 'svelte';
import { SvelteMap } from 'svelte/reactivity';
import type { LoadResult } from '../../ingest/index.ts';
import {
  addCell,
  deleteCell,
  duplicateCell,
  moveCell,
  renameCell,
  replaceProse,
} from '../../notebook/cell-edits.ts';
import {
  metadataOf,
  removeDataset,
  renameDataset,
  setDatasetFields,
  setMetadata,
  type NotebookMetadata,
} from '../../notebook/front-matter-edit.ts';
import type { ExplorerPlan } from '../../explorer/plan.ts';
import { tableRows } from '../../cells/tables.ts';
import { cellKey } from '../../notebook/graph.ts';
import { cellsOf } from '../../notebook/parse.ts';
import { appendCellText, pinResults } from '../../notebook/pin.ts';
import type { Runner } from '../../notebook/Runner.ts';
import type { FileLoad, Session } from '../../notebook/Session.ts';
import type { CellState, DatasetState } from '../../notebook/state.ts';
import type { Block, CellKind, InputValue } from '../../notebook/types.ts';
import { messageOf } from '../../shared/errors.ts';
import { isBundledData } from '../bundled.ts';
import { TextHistory } from '../history.ts';
import { keyedLatestOnly } from '../latest-only.ts';
import { cellView, sameItems, snapshotCells } from '../snapshot.ts';
import type { SessionAccess } from './access.ts';

export interface NotebookProblem {
  message: string;
  line?: number;
}

export class NotebookDocument {
  text = $state('');
  /** The notebook's file name; empty until a notebook is opened. */
  notebookFile = $state('');
  title = $state<string | undefined>();
  /** Title, authors and description from the front matter, for the header, report and slides. */
  metadata = $state.raw<NotebookMetadata>({});
  /** Datasets the reader pointed at another file, by name: the file they read before. */
  repointed = $state.raw<Readonly<Record<string, string>>>({});
  blocks = $state.raw<Block[]>([]);
  datasets = $state.raw<DatasetState[]>([]);
  looseTables = $state.raw<LoadResult[]>([]);
  /** The data file loading now, with its progress. */
  loading = $state.raw<FileLoad | undefined>();
  notebookErrors = $state.raw<NotebookProblem[]>([]);
  canUndo = $state(false);
  canRedo = $state(false);
  /** Datasets the notebook names that are not among the opened files. */
  missing = $derived(this.datasets.filter((d) => d.status === 'missing').map((d) => d.file));
  /** True when any data in the session came from the bundled (synthetic) demo files. */
  synthetic = $derived(
    this.datasets.some((d) => d.status === 'ok' && isBundledData(d.file)) ||
      this.looseTables.some((t) => isBundledData(t.fileName)),
  );

  /**
   * Each cell's state by key. Reactive per key: a cell that changes re-renders alone, where
   * replacing the whole map made every cell of the page look again on every change.
   */
  private readonly cellStates = new SvelteMap<string, CellState>();
  private readonly history = new TextHistory();
  /** While a slider is dragged only the newest value waits for the next run. */
  private readonly setInputLatest = keyedLatestOnly((name: string, value: InputValue) =>
    this.access.session().setInput(name, value),
  );

  constructor(private readonly access: SessionAccess) {}

  get cells(): ReadonlyMap<string, CellState> {
    return this.cellStates;
  }

  /** Runs a cell with new text: the document changes, and the runner re-runs what depends on it. */
  async runCell(key: string, source: string): Promise<void> {
    const session = this.access.session();
    const before = session.text;
    try {
      await session.setCellSource(key, source);
      if (session.text !== before) this.history.record(before);
    } catch (error) {
      this.access.notify(messageOf(error));
    }
    this.syncHistory();
  }

  addCell(afterKey: string | undefined, kind: CellKind): Promise<void> {
    return this.edit(addCell(this.access.session().text, afterKey, kind).text);
  }

  /** Deletes a cell; the runner drops the tables it made on the next run. */
  deleteCell(key: string): Promise<void> {
    return this.edit(deleteCell(this.access.session().text, key));
  }

  /** Replaces a prose block's text (edited in place); undo brings the old text back. */
  async editProse(line: number, before: string, after: string): Promise<void> {
    try {
      await this.edit(replaceProse(this.access.session().text, line, before, after));
    } catch (error) {
      this.access.notify(messageOf(error));
    }
  }

  /** Puts a copy of a cell right after it (a named one under a new name); undo removes it. */
  duplicateCell(key: string): Promise<void> {
    return this.edit(duplicateCell(this.access.session().text, key).text);
  }

  moveCell(key: string, direction: -1 | 1): Promise<void> {
    return this.edit(moveCell(this.access.session().text, key, direction));
  }

  /** Renames a cell and every reference to it, as one undoable edit. */
  renameCell(oldName: string, newName: string): Promise<void> {
    return this.tryEdit(() => renameCell(this.access.session().text, oldName, newName));
  }

  /** Renames a dataset's table, and the cells that read it, as one undoable edit. */
  renameDataset(oldName: string, newName: string): Promise<void> {
    const tables = this.datasets.find((d) => d.name === oldName)?.tables ?? [];
    return this.tryEdit(() => renameDataset(this.access.session().text, oldName, newName, tables));
  }

  /** Takes a dataset out of the notebook; cells that read it say so. Undo lists it again. */
  removeDataset(name: string): Promise<void> {
    return this.tryEdit(() => removeDataset(this.access.session().text, name));
  }

  /**
   * Points a dataset at another file (a newer release, a corrected copy): the file joins the
   * opened files, the entry names it and its hash is written once it loads. Undo points back.
   */
  repointDataset(name: string, file: Blob & { name: string }): Promise<void> {
    const session = this.access.session();
    const before = session.runner.notebook.datasets.find((d) => d.name === name);
    session.files.set(file.name.toLowerCase(), file);
    const excel = /\.xlsx?$/i.test(file.name);
    this.repointed = { ...this.repointed, [name]: before?.file ?? '' };
    return this.tryEdit(() =>
      setDatasetFields(session.text, name, {
        file: file.name,
        sha256: '',
        ...(excel ? {} : { sheet: '' }),
      }),
    );
  }

  /** Title, authors and description, written to the front matter as one undoable edit. */
  setMetadata(meta: NotebookMetadata): Promise<void> {
    return this.tryEdit(() => setMetadata(this.access.session().text, meta));
  }

  /**
   * Records `before` as an undo step when something other than an edit here (a file opened
   * on its own, listed in the front matter by the session) changed the text from it.
   */
  recordChange(before: string): void {
    if (this.access.session().text === before) return;
    this.history.record(before);
    this.syncHistory();
  }

  /** An edit whose text cannot be made (a taken name, broken front matter) becomes a notice. */
  private async tryEdit(make: () => string): Promise<void> {
    let text: string;
    try {
      text = make();
    } catch (error) {
      this.access.notify(messageOf(error));
      return;
    }
    await this.edit(text);
  }

  /** Appends the engagement explorer's cells as one undoable edit; they run like any edit. */
  async addExplorerCells(plan: Pick<ExplorerPlan, 'markdown' | 'names'>): Promise<void> {
    // Only the explorer calls this, and its chunk has already brought the module.
    const { appendToNotebook } = await import('../../explorer/plan.ts');
    return this.edit(appendToNotebook(this.access.session().text, plan));
  }

  /**
   * "Pin results": writes the current results of the cells `keys` (every cell that has
   * results to pin when absent) into the notebook's pin cell, as one undoable edit.
   */
  async pinCells(keys?: readonly string[]): Promise<void> {
    const session = this.access.session();
    const cells = cellsOf(session.runner.notebook).filter(
      (c) =>
        (!keys || keys.includes(cellKey(c))) &&
        session.runner.cells.get(cellKey(c))?.status === 'ok',
    );
    try {
      const text = await pinResults(session.text, cells, (table) =>
        session.read((engine) => tableRows(engine, table)),
      );
      await this.edit(text);
    } catch (error) {
      this.access.notify(`Could not pin the results: ${messageOf(error)}`);
    }
  }

  /** Appends a cell with its own body (the `addCell` test hook), as "Add cell" does: undoable. */
  async appendCell(kind: CellKind, body: string, name?: string): Promise<void> {
    return this.edit(appendCellText(this.access.session().text, kind, body, name));
  }

  async undo(): Promise<void> {
    const text = this.history.undo(this.access.session().text);
    if (text !== undefined) await this.apply(text);
  }

  async redo(): Promise<void> {
    const text = this.history.redo(this.access.session().text);
    if (text !== undefined) await this.apply(text);
  }

  async setInput(name: string, value: InputValue): Promise<void> {
    try {
      await this.setInputLatest(name, value);
    } catch (error) {
      this.access.notify(messageOf(error));
    }
  }

  /** Stops the data file load running now; the session keeps what it had. */
  cancelLoad(): void {
    this.access.current()?.cancelLoad();
  }

  /** Replaces the document with an edited text, as one undoable step. */
  async edit(text: string): Promise<void> {
    const session = this.access.session();
    if (text === session.text) return;
    this.history.record(session.text);
    await this.apply(text);
  }

  /** A new notebook was opened: the old one's edits cannot be undone into it. */
  forgetHistory(): void {
    this.history.clear();
  }

  /** Catches up with `session`; `opened` says a notebook was opened, so its name is shown. */
  mirror(session: Session, opened: boolean): void {
    const { runner } = session;
    if (this.blocks !== runner.notebook.blocks) this.blocks = runner.notebook.blocks;
    this.mirrorCells(runner);
    const datasets = [...runner.datasets.values()];
    if (!sameItems(datasets, this.datasets)) this.datasets = datasets;
    if (session.looseTables.length !== this.looseTables.length) {
      this.looseTables = [...session.looseTables];
    }
    const errors = runner.errors.map((e) => ({ message: e.message, line: e.line }));
    if (!sameProblems(errors, this.notebookErrors)) this.notebookErrors = errors;
    if (opened) this.notebookFile = session.notebookFile;
    this.title = runner.notebook.title;
    const metadata = metadataOf(runner.notebook.frontMatter);
    if (JSON.stringify(metadata) !== JSON.stringify(this.metadata)) this.metadata = metadata;
    this.loading = session.loading;
    this.text = session.text;
  }

  private async apply(text: string): Promise<void> {
    try {
      await this.access.session().setText(text);
    } catch (error) {
      this.access.notify(messageOf(error));
    }
    this.syncHistory();
  }

  private syncHistory(): void {
    this.canUndo = this.history.canUndo;
    this.canRedo = this.history.canRedo;
  }

  /**
   * Brings `cells` up to date with the runner, looking only at the cells it says changed:
   * comparing every cell on every change cost a notebook of n cells n² while it ran.
   */
  private mirrorCells(runner: Runner): void {
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
}

function sameProblems(a: readonly NotebookProblem[], b: readonly NotebookProblem[]): boolean {
  return (
    a.length === b.length && a.every((p, i) => p.message === b[i]!.message && p.line === b[i]!.line)
  );
}

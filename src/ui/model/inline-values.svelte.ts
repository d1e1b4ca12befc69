/**
 * The values that prose states inline (`{{ table.column where … }}`), as the page shows them.
 * `fill` reads the state of the one cell that makes the table, through the document's
 * per-key cell map: a prose block that calls it is drawn again when that cell changes (an
 * input moved, the cell re-ran) and not when any other does. Resolving is
 * notebook/inline-fill.ts's, the same as the command line's prose.md.
 */
import { SvelteMap } from 'svelte/reactivity';
import { cellKey } from '../../notebook/graph.ts';
import {
  fillProse,
  fillRef,
  readInlineTable,
  tableFromState,
  tableProducers,
  type InlineFill,
  type TableRows,
} from '../../notebook/inline-fill.ts';
import type { InlineRef } from '../../notebook/inline-values.ts';
import type { Session } from '../../notebook/Session.ts';
import type { Block, Cell } from '../../notebook/types.ts';
import { messageOf } from '../../shared/errors.ts';
import type { SessionAccess } from './access.ts';
import type { NotebookDocument } from './document.svelte.ts';

/** Fills of the HTML report, by the reference as written (one run, so one value each). */
export type ProseFills = ReadonlyMap<string, InlineFill>;

const NO_ROWS: TableRows = { state: 'rows', rows: [], columns: [] };

export class InlineValues {
  /** Which cell makes each table, for the blocks it was made from. */
  private producers: { blocks: readonly Block[]; map: Map<string, Cell> } | undefined;
  /**
   * Tables longer than the preview a cell's state holds, read whole from DuckDB, keyed by the
   * run that made them (cell, signature): a re-run reads again, an unchanged cell does not.
   */
  private readonly read = new SvelteMap<string, TableRows>();
  // Not state: only whether a read is on its way, so it is not asked for twice.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly reading = new Set<string>();

  constructor(
    private readonly access: SessionAccess,
    private readonly document: NotebookDocument,
  ) {}

  /** What prose shows for `ref` now: its value, a wait for the cell, or why it cannot. */
  fill(ref: InlineRef): InlineFill {
    if ('error' in ref.parsed) return fillRef(ref, NO_ROWS);
    const { table } = ref.parsed;
    const producer = this.producersOf(this.document.blocks).get(table.toLowerCase());
    const state = producer && this.document.cells.get(cellKey(producer));
    const found = tableFromState(table, producer, state);
    if (found.state !== 'partial') return fillRef(ref, found);
    const key = `${cellKey(producer!)}\n${state?.signature ?? ''}\n${table.toLowerCase()}`;
    const rows = this.read.get(key);
    if (rows) return fillRef(ref, rows);
    this.readTable(key, table);
    return { state: 'pending', message: `reading ${table}` };
  }

  private producersOf(blocks: readonly Block[]): Map<string, Cell> {
    if (this.producers?.blocks !== blocks) this.producers = { blocks, map: tableProducers(blocks) };
    return this.producers.map;
  }

  /**
   * Reads a table in the engine's line (Session.read), off the render: the prose shows a
   * wait until the rows arrive and is drawn again then.
   */
  private readTable(key: string, table: string): void {
    const session = this.access.current();
    if (!session || this.reading.has(key)) return;
    this.reading.add(key);
    session
      .read((engine) => readInlineTable(engine, table))
      .catch((error: unknown): TableRows => ({ state: 'error', message: messageOf(error) }))
      .then((rows) => {
        this.reading.delete(key);
        // Tables of runs long gone are not kept for ever.
        if (this.read.size > 100) this.read.clear();
        this.read.set(key, rows);
      });
  }
}

/**
 * Every reference of the session's prose, filled from the run with tables read whole where
 * a cell's state holds a preview: for the HTML report, made once from the results as they are.
 */
export async function sessionProseFills(session: Session): Promise<ProseFills> {
  const { runner } = session;
  const fills = await fillProse(runner.notebook.blocks, runner.cells, (table) =>
    session.read((engine) => readInlineTable(engine, table)),
  );
  // A result handed to the report, not state.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  return new Map(fills.map((f) => [f.ref.source, f.fill]));
}

/**
 * The tables DuckDB holds after a run, for the data panel, the explorer and the editors'
 * completion, and the display names of their columns (the variable labels of the loaded
 * dictionaries, src/ingest/column-labels.ts). Read through the session's queue once a run ends.
 */
import {
  labelsFor,
  NO_LABELS,
  readLabelIndex,
  type ColumnLabels,
  type LabelIndex,
} from '../../ingest/column-labels.ts';
import { messageOf } from '../../shared/errors.ts';
import { completionSchema, readSchema, type TableInfo } from '../schema.ts';
import type { SessionAccess } from './access.ts';

export class SessionTables {
  schema = $state.raw<TableInfo[]>([]);
  completion = $derived(completionSchema(this.schema));
  /** Column labels by table, from the dictionaries the loaders made. */
  labelIndex = $state.raw<LabelIndex>(NO_LABELS);
  private refreshing: Promise<void> = Promise.resolve();

  constructor(private readonly access: SessionAccess) {}

  /** The labels of `columns` of `table`; columns without one are absent. */
  labelsOf(table: string, columns: readonly string[]): ColumnLabels {
    return labelsFor(this.labelIndex, table, columns);
  }

  /** Reads the list again after the refresh before it; resolves when this one is done. */
  refresh(): Promise<void> {
    const session = this.access.current();
    if (!session) return this.refreshing;
    this.refreshing = this.refreshing
      .then(async () => {
        const next = await session.read(readSchema);
        const labels = await session.read(readLabelIndex);
        // A run that made the same tables keeps the same object, so open column profiles,
        // codebooks and editors do not start their work again.
        if (JSON.stringify(next) !== JSON.stringify(this.schema)) this.schema = next;
        if (!sameIndex(labels, this.labelIndex)) this.labelIndex = labels;
      })
      .catch((error: unknown) => {
        this.access.notify(`Could not list the tables: ${messageOf(error)}`);
      });
    return this.refreshing;
  }
}

function sameIndex(a: LabelIndex, b: LabelIndex): boolean {
  const text = (i: LabelIndex) => JSON.stringify([[...i.byTable], i.byName]);
  return text(a) === text(b);
}

/**
 * The tables DuckDB holds after a run, for the data panel, the explorer and the editors'
 * completion. Read through the session's queue once a run ends.
 */
import { messageOf } from '../../shared/errors.ts';
import { completionSchema, readSchema, type TableInfo } from '../schema.ts';
import type { SessionAccess } from './access.ts';

export class SessionTables {
  schema = $state.raw<TableInfo[]>([]);
  completion = $derived(completionSchema(this.schema));
  private refreshing: Promise<void> = Promise.resolve();

  constructor(private readonly access: SessionAccess) {}

  /** Reads the list again after the refresh before it; resolves when this one is done. */
  refresh(): Promise<void> {
    const session = this.access.current();
    if (!session) return this.refreshing;
    this.refreshing = this.refreshing
      .then(async () => {
        const next = await session.read(readSchema);
        // A run that made the same tables keeps the same object, so open column profiles,
        // codebooks and editors do not start their work again.
        if (JSON.stringify(next) !== JSON.stringify(this.schema)) this.schema = next;
      })
      .catch((error: unknown) => {
        this.access.notify(`Could not list the tables: ${messageOf(error)}`);
      });
    return this.refreshing;
  }
}

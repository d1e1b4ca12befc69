/** What every store of the app model needs from the composition root (AppModel). */
import type { Session } from '../../notebook/Session.ts';
import type { OriginalText } from '../autosave.ts';

export interface SessionAccess {
  /** The session open now; throws while DuckDB is still starting. */
  session(): Session;
  /** The session open now, if DuckDB is up. */
  current(): Session | undefined;
  /** Says what went wrong with an action that leaves the notebook usable. */
  notify(message: string): void;
}

/** A notebook or data file as the page receives it (picked, dropped, fetched). */
export interface NamedFile extends Blob {
  name: string;
}

/** Opens files in the session: the road every store that opens a notebook takes. */
export type OpenFiles = (
  files: NamedFile[],
  original?: OriginalText,
  bundledData?: boolean,
) => Promise<void>;

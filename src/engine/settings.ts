/**
 * What both engines run at start-up, before any notebook SQL. A notebook is untrusted input
 * (reviewers run strangers' notebooks, share links carry them), so the engine itself is
 * confined: whatever a query says, it reads only the notebook's own files, writes nothing,
 * loads no extension and reaches no network, and it cannot undo any of that with SET.
 */
import { literal } from './sql.ts';

/** The database every notebook table lives in (DuckDB's own `memory` stays empty). */
export const NOTEBOOK_DATABASE = 'notebook';

/**
 * Where DuckDB may read files. Everything else — any other path, `http://…`, `glob()` outside
 * these — fails with DuckDB's "file system operations are disabled by configuration".
 */
export interface FileAccess {
  /** Exact files (the command line's resolved dataset files). */
  paths: readonly string[];
  /** Folders whose files may be read (the engine's own scratch folder, the browser's `/files/`). */
  directories: readonly string[];
}

/**
 * Extensions are never installed or loaded behind the user's back: in the browser that would
 * be a request to another origin, and on the command line it would make a notebook's result
 * depend on what happened to be downloadable.
 */
function noExtensions(): string[] {
  return ['SET autoinstall_known_extensions = false', 'SET autoload_known_extensions = false'];
}

/**
 * Both engines keep tables in a compressed in-memory database. DuckDB's default in-memory
 * database stores every value at full width (a short text takes 16 bytes), so a 10M-row table
 * of 150 MB took 300 MB; compressed (dictionary, bit-packing, ALP) it takes about 30 MB, and
 * scans read less memory, so group-bys over it run about twice as fast. Loading costs about a
 * third more time. Compression is lossless, and both engines apply it, so results agree.
 * `USE` changes a setting, so it comes before the lock.
 */
function notebookDatabase(): string[] {
  return [`ATTACH ':memory:' AS ${NOTEBOOK_DATABASE} (COMPRESS)`, `USE ${NOTEBOOK_DATABASE}`];
}

/** DuckDB refuses to change the allowed lists once external access is off, so they go first. */
function confine(access: FileAccess): string[] {
  const list = (items: readonly string[]) => `[${items.map(literal).join(', ')}]`;
  return [
    `SET allowed_paths = ${list(access.paths)}`,
    `SET allowed_directories = ${list(access.directories)}`,
    'SET enable_external_access = false',
  ];
}

/**
 * The start-up statements, in order. `extra` are an engine's own settings (the browser also
 * refuses community extensions). The last one locks the configuration: from then on no
 * statement can SET, RESET or PRAGMA its way out of the confinement.
 */
export function startupStatements(access: FileAccess, extra: readonly string[] = []): string[] {
  return [
    ...noExtensions(),
    ...extra,
    ...notebookDatabase(),
    ...confine(access),
    'SET lock_configuration = true',
  ];
}

/**
 * For engines that load files from anywhere the caller chooses (Node tests and benches, which
 * are not running a stranger's notebook): extensions off and the notebook database, but no
 * file confinement and no lock. The command line never uses this.
 */
export function unconfinedStatements(): string[] {
  return [...noExtensions(), ...notebookDatabase()];
}

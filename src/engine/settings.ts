/**
 * Settings both engines apply at start-up. Extensions are never installed or loaded behind
 * the user's back: in the browser that would be a request to another origin, and on the
 * command line it would make a notebook's result depend on what happened to be downloadable.
 */
export function lockDown(): string[] {
  return ['SET autoinstall_known_extensions = false', 'SET autoload_known_extensions = false'];
}

/** The database every notebook table lives in (DuckDB's own `memory` stays empty). */
export const NOTEBOOK_DATABASE = 'notebook';

/**
 * Both engines keep tables in a compressed in-memory database. DuckDB's default in-memory
 * database stores every value at full width (a short text takes 16 bytes), so a 10M-row table
 * of 150 MB took 300 MB; compressed (dictionary, bit-packing, ALP) it takes about 30 MB, and
 * scans read less memory, so group-bys over it run about twice as fast. Loading costs about a
 * third more time. Compression is lossless, and both engines apply it, so results agree.
 */
export function notebookDatabase(): string[] {
  return [`ATTACH ':memory:' AS ${NOTEBOOK_DATABASE} (COMPRESS)`, `USE ${NOTEBOOK_DATABASE}`];
}

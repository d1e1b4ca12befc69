import type { ColumnInfo, FileSource } from '../engine/Engine.ts';
import type { IngestLimits } from './limits.ts';
import type { MissingCounts, MissingSpec } from './missing.ts';

export interface LoadProgress {
  bytes: number;
  totalBytes: number;
  rows?: number;
  phase: string;
}

export interface LoadOptions {
  /** Base DuckDB table name (the notebook's front matter key, or derived from the file name). */
  table: string;
  /** The user's file name; its extension decides the format (content is sniffed when ambiguous). */
  fileName: string;
  source: FileSource;
  /** Excel: sheet name or 1-based index; default 1. */
  sheet?: string | number;
  /** Text override: `utf-8`, `utf-16le`, `utf-16be`, `windows-1252`, `latin-1`. */
  encoding?: string;
  signal?: AbortSignal;
  onProgress?: (p: LoadProgress) => void;
  /** Overrides the memory limits (defaults depend on the engine; see docs/reliability.md). */
  limits?: Partial<IngestLimits>;
  /**
   * Declared missing codes (the dataset entry's `missing:`): `[-9, -99]` in every column,
   * `{intensity: [-9]}` per column; `[]` turns off the text tokens (`NA`, `.`, …) too.
   */
  missing?: MissingSpec;
}

export type TableRole = 'raw' | 'labelled' | 'dictionary' | 'helper';

export interface LoadedTable {
  name: string;
  rows: number;
  columns: ColumnInfo[];
  sheet?: string;
  role: TableRole;
  /**
   * Raw tables: per column, how many values became missing at load and from which token or
   * code (`{x1: {NA: 50}, q7: {'.a': 3, '.b': 1}}`); absent when none did.
   */
  missing?: MissingCounts;
}

export interface AdapterInfo {
  id: string;
  name: string;
  version?: string;
  citation: string;
}

export interface LoadResult {
  fileName: string;
  sha256: string;
  format: string;
  tables: LoadedTable[];
  adapter?: AdapterInfo;
  warnings: string[];
}

/** A table a format reader created, before adapters look at it. */
export interface RawTable {
  name: string;
  sheet?: string;
  /** Its columns and row count when the reader knows them already (a known file). */
  known?: { columns: ColumnInfo[]; rows: number };
}

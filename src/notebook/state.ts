import type { CellOutcome } from '../cells/types.ts';
import type { CellKind } from './types.ts';

export type { ExpectationResult } from '../cells/expect/spec.ts';

export type CellStatus = 'ok' | 'error' | 'running' | 'stale';

/** What the runner knows about one cell; the UI renders this and nothing else. */
export interface CellState {
  key: string;
  /** Name, or `<kind>-<n>` for unnamed cells. */
  label: string;
  kind: CellKind;
  name?: string;
  line: number;
  status: CellStatus;
  error?: { message: string; line?: number };
  /** Set when the cell did not run because an upstream cell failed. */
  blockedBy?: string;
  warnings: string[];
  ms?: number;
  /** Row count of the cell's main table. */
  rows?: number;
  /** Tables the cell created, with their first rows (previews; the full data stays in DuckDB). */
  outputs: CellOutcome['outputs'];
  chart?: CellOutcome['chart'];
  input?: CellOutcome['input'];
  expectations?: CellOutcome['expectations'];
  /** Fingerprint of everything the result depends on; equal fingerprints skip re-running. */
  signature?: string;
}

export interface DatasetState {
  name: string;
  file: string;
  status: 'ok' | 'error' | 'missing';
  sha256?: string;
  rows?: number;
  tables: string[];
  warnings: string[];
  error?: { message: string; line: number };
  ms?: number;
}

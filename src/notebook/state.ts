import type { QueryResult, Row } from '../engine/Engine.ts';
import type { CellKind, InputSpec, InputValue } from './types.ts';
import type { ChartSpec } from '../charts/spec.ts';

export type CellStatus = 'ok' | 'error' | 'running' | 'stale';

export interface ExpectationResult {
  table: string;
  where: Record<string, unknown>;
  column: string;
  expected: unknown;
  actual: unknown;
  tolerance: number;
  pass: boolean;
  message?: string;
}

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
  outputs: { table: string; rowCount: number; result: QueryResult }[];
  chart?: { spec: ChartSpec; rows: Row[] };
  input?: { spec: InputSpec; value: InputValue };
  expectations?: ExpectationResult[];
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

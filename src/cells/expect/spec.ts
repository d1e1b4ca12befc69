/** What an expect cell states (tables → rows of expected values) and what checking it found. */
import type { InputValue } from '../input/spec.ts';

export interface ExpectTable {
  tolerance?: number;
  rows: { where?: Record<string, InputValue | null>; [column: string]: unknown }[];
}

export type ExpectSpec = Record<string, ExpectTable>;

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

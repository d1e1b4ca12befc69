/**
 * Reproduction receipts: an `expect` cell names result tables, picks rows by `where`, and
 * states the values they must have. A reviewer's check passes only when every value agrees.
 */
import type { Engine, Row, Value } from '../../engine/Engine.ts';
import { ident } from '../../engine/sql.ts';
import type { ExpectationResult, ExpectSpec } from './spec.ts';

const DEFAULT_TOLERANCE = 1e-9;

export async function evaluateExpectations(
  engine: Engine,
  spec: ExpectSpec,
): Promise<ExpectationResult[]> {
  const results: ExpectationResult[] = [];
  for (const [table, expectation] of Object.entries(spec)) {
    const tolerance = expectation?.tolerance ?? DEFAULT_TOLERANCE;
    const rows = (await engine.query(`SELECT * FROM ${ident(table)}`)).rows;
    for (const expected of expectation?.rows ?? []) {
      const { where = {}, ...values } = expected;
      const picked = pickRow(rows, table, where);
      for (const [column, value] of Object.entries(values)) {
        const base = { table, where, column, expected: value, tolerance };
        if ('message' in picked) {
          results.push({ ...base, actual: null, pass: false, message: picked.message });
          continue;
        }
        const { row } = picked;
        if (!(column in row)) {
          const message = `${table} has no column "${column}"`;
          results.push({ ...base, actual: null, pass: false, message });
          continue;
        }
        const actual = row[column];
        results.push({ ...base, actual, pass: sameValue(actual, value, tolerance) });
      }
    }
  }
  return results;
}

/**
 * The one row of `table` whose columns equal `where` (numbers exactly, other values by their
 * JSON), or why there is not exactly one. Inline values in prose pick their row the same way.
 */
export function pickRow(
  rows: readonly Row[],
  table: string,
  where: Readonly<Record<string, unknown>>,
): { row: Row } | { message: string } {
  const matches = rows.filter((row) =>
    Object.entries(where).every(([k, v]) => sameValue(row[k], v, 0)),
  );
  if (matches.length === 1) return { row: matches[0] };
  return {
    message:
      matches.length === 0
        ? `no row of ${table} where ${describeWhere(where)}`
        : `${matches.length} rows of ${table} match ${describeWhere(where)}; make "where" pick one`,
  };
}

function sameValue(actual: Value | undefined, expected: unknown, tolerance: number): boolean {
  if (typeof actual === 'number' && typeof expected === 'number') {
    return Math.abs(actual - expected) <= tolerance;
  }
  if (actual === undefined) return expected === null;
  return JSON.stringify(actual) === JSON.stringify(expected);
}

function describeWhere(where: Readonly<Record<string, unknown>>): string {
  const parts = Object.entries(where).map(([k, v]) => `${k} = ${JSON.stringify(v)}`);
  return parts.length ? parts.join(' and ') : '(no condition)';
}

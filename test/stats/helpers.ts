import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { Engine, Row, Value } from '../../src/engine/Engine.ts';
import { literal, ident } from '../../src/engine/sql.ts';
import type { TableData } from '../../src/shared/table-data.ts';

export const fixtures = new URL('../fixtures/stats/', import.meta.url);

export function readJson<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(name, fixtures), 'utf8')) as T;
}

/** Loads one of the CSV fixtures reference.R wrote, with DuckDB's own type detection. */
export async function loadCsv(engine: Engine, table: string, file: string): Promise<void> {
  const path = new URL(file, fixtures).pathname;
  await engine.exec(
    `CREATE OR REPLACE TABLE ${ident(table)} AS SELECT * FROM read_csv(${literal(path)})`,
  );
}

/** R's JSON writes infinities as "Inf" / "-Inf". */
export type RNumber = number | 'Inf' | '-Inf';

/** |actual - expected| <= rel * |expected|; infinities must match exactly. */
export function expectRelative(
  actual: Value | undefined,
  expected: RNumber | null,
  rel: number,
  label: string,
) {
  if (expected === null) {
    expect(actual, label).toBeNull();
    return;
  }
  if (typeof expected === 'string') {
    expect(actual, label).toBe(expected === 'Inf' ? Infinity : -Infinity);
    return;
  }
  expect(typeof actual, label).toBe('number');
  const diff = Math.abs((actual as number) - expected);
  expect(diff, `${label}: ${String(actual)} vs R ${expected}`).toBeLessThanOrEqual(
    rel * Math.abs(expected),
  );
}

export function expectAbsolute(
  actual: Value | undefined,
  expected: number | null,
  abs: number,
  label: string,
) {
  if (expected === null) {
    expect(actual, label).toBeNull();
    return;
  }
  expect(typeof actual, label).toBe('number');
  expect(
    Math.abs((actual as number) - expected),
    `${label}: ${String(actual)} vs R ${expected}`,
  ).toBeLessThanOrEqual(abs);
}

export function columnsOf(table: TableData): string[] {
  return table.columns.map((c) => `${c.name} ${c.type}`);
}

export interface RCoefficient {
  term: string;
  estimate: number | null;
  std_error: number;
  statistic: number;
  p_value: number;
  conf_low: number;
  conf_high: number;
  odds_ratio: RNumber;
  or_low: RNumber;
  or_high: RNumber;
}

export interface RLogit {
  name: string;
  formula: string;
  level: number;
  coefficients: RCoefficient[];
  fit: {
    n: number;
    log_likelihood: number;
    aic: number;
    deviance: number;
    null_deviance: number;
    iterations: number;
    converged: boolean;
  };
  dropped: number;
  warnings: string[];
  predict?: string;
  predicted?: {
    level: string | number | boolean;
    predicted: number;
    lower: number;
    upper: number;
    n: number;
  }[];
}

export interface RCrosstab {
  dropped: number;
  cells: { r: string; c: string; n: number; row_share: number }[];
  chisq: { statistic: number; df: number; p_value: number };
  small_expected: boolean;
  fisher_p?: number;
}

export interface RRate {
  by: string[];
  level: number;
  dropped: number;
  rows: Row[];
}

/** Estimates, standard errors, intervals 1e-6 relative; p-values 1e-8 absolute; fit exact where R is. */
export function expectLogitMatches(
  tables: Record<string, TableData>,
  ref: RLogit,
  predictColumn?: string,
) {
  const rows = tables[''].rows;
  expect(rows.map((r) => r.term)).toEqual(ref.coefficients.map((c) => c.term));
  ref.coefficients.forEach((c, i) => {
    const row = rows[i];
    const label = `${ref.name} ${c.term}`;
    if (c.estimate === null) {
      expect(row.estimate, `${label} is aliased (R: NA)`).toBeNull();
      expect(row.std_error).toBeNull();
      return;
    }
    expectRelative(row.estimate, c.estimate, 1e-6, `${label} estimate`);
    expectRelative(row.std_error, c.std_error, 1e-6, `${label} std_error`);
    expectRelative(row.statistic, c.statistic, 1e-6, `${label} statistic`);
    expectAbsolute(row.p_value, c.p_value, 1e-8, `${label} p_value`);
    expectRelative(row.conf_low, c.conf_low, 1e-6, `${label} conf_low`);
    expectRelative(row.conf_high, c.conf_high, 1e-6, `${label} conf_high`);
    expectRelative(row.odds_ratio, c.odds_ratio, 1e-6, `${label} odds_ratio`);
    expectRelative(row.or_low, c.or_low, 1e-6, `${label} or_low`);
    expectRelative(row.or_high, c.or_high, 1e-6, `${label} or_high`);
  });
  const fit = tables._fit.rows[0];
  expect(fit.n).toBe(ref.fit.n);
  expect(fit.iterations, `${ref.name} iterations`).toBe(ref.fit.iterations);
  expect(fit.converged).toBe(ref.fit.converged);
  for (const key of ['log_likelihood', 'aic', 'deviance', 'null_deviance'] as const) {
    expectRelative(fit[key], ref.fit[key], 1e-8, `${ref.name} ${key}`);
  }
  if (ref.predicted) {
    const predicted = tables._predicted.rows;
    expect(predicted.length).toBe(ref.predicted.length);
    ref.predicted.forEach((p, i) => {
      const row = predicted[i];
      const label = `${ref.name} predicted at ${String(p.level)}`;
      const column = predictColumn ?? String(ref.predict);
      if (typeof p.level === 'number') expectRelative(row[column], p.level, 1e-12, label);
      else expect(row[column]).toBe(p.level);
      expect(row.n, `${label} n`).toBe(p.n);
      expectRelative(row.predicted, p.predicted, 1e-6, `${label} predicted`);
      expectRelative(row.lower, p.lower, 1e-6, `${label} lower`);
      expectRelative(row.upper, p.upper, 1e-6, `${label} upper`);
    });
  }
}

/** Names of temporary tables still present (the logit must drop its design table). */
export async function temporaryTables(engine: Engine): Promise<string[]> {
  const { rows } = await engine.query('SELECT table_name FROM duckdb_tables() WHERE temporary');
  return rows.map((r) => String(r.table_name));
}

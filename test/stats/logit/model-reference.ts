/** The R references of test/fixtures/stats/models.R and the comparison the model tests share. */
import { expect } from 'vitest';
import type { Engine } from '../../../src/engine/Engine.ts';
import type { TableData } from '../../../src/shared/table-data.ts';
import type { LogitSpec } from '../../../src/stats/logit/run-logit.ts';
import { expectAbsolute, expectRelative, loadCsv, readJson, type RNumber } from '../helpers.ts';

export interface RModel {
  name: string;
  kind: 'logit' | 'probit';
  cell: LogitSpec;
  coefficients: ({ term: string; estimate: number } & Record<string, RNumber | null>)[];
  fit: {
    n: number;
    n_dropped: number;
    log_likelihood: number;
    aic: number;
    bic: number;
    deviance: number;
    null_deviance: number;
    df_residual: number;
    iterations: number;
    converged: boolean;
    se_type: string;
    clusters: number | null;
  };
  warnings: string[];
  /** With `predict:` in the cell: average predicted probabilities from the reported covariance. */
  predicted:
    | {
        level: string | boolean;
        predicted: number;
        lower: number;
        upper: number;
        n: number;
      }[]
    | null;
}

export const MODELS = readJson<{ models: RModel[] }>('models.json').models;

export async function loadModelTables(engine: Engine): Promise<void> {
  await loadCsv(engine, 'models', 'models.csv');
  await loadCsv(engine, 'separated', 'separated.csv');
}

const ESTIMATES = ['estimate', 'std_error', 'statistic', 'conf_low', 'conf_high'];
const ODDS = ['odds_ratio', 'or_low', 'or_high'];

/** Every number relative `rel` (p-values 100 rel); counts, flags and labels exactly. */
export function expectModelMatches(tables: Record<string, TableData>, ref: RModel, rel: number) {
  const rows = tables[''].rows;
  expect(rows.map((r) => r.term)).toEqual(ref.coefficients.map((c) => c.term));
  const columns = tables[''].columns.map((c) => c.name);
  expect(columns).toEqual([
    'term',
    ...ESTIMATES.slice(0, 3),
    'p_value',
    ...ESTIMATES.slice(3),
    ...(ref.kind === 'logit' ? ODDS : []),
  ]);
  ref.coefficients.forEach((c, i) => {
    const label = `${ref.name} ${c.term}`;
    for (const key of [...ESTIMATES, ...(ref.kind === 'logit' ? ODDS : [])]) {
      expectRelative(rows[i][key], c[key] ?? null, rel, `${label} ${key}`);
    }
    // Relative too: a p-value's relative error follows its statistic's (times z²).
    const p = c.p_value as number;
    expectAbsolute(rows[i].p_value, p, rel * 100 * p + 1e-15, `${label} p_value`);
  });
  const fit = tables._fit.rows[0];
  for (const key of [
    'n',
    'n_dropped',
    'df_residual',
    'iterations',
    'converged',
    'se_type',
  ] as const) {
    expect(fit[key], `${ref.name} ${key}`).toBe(ref.fit[key]);
  }
  expect(fit.clusters, `${ref.name} clusters`).toBe(ref.fit.clusters);
  for (const key of ['log_likelihood', 'aic', 'bic', 'deviance', 'null_deviance'] as const) {
    expectRelative(fit[key], ref.fit[key], rel, `${ref.name} ${key}`);
  }
  if (ref.predicted && ref.cell.predict) {
    const predicted = tables._predicted.rows;
    expect(predicted.map((r) => r[ref.cell.predict!])).toEqual(ref.predicted.map((p) => p.level));
    ref.predicted.forEach((p, i) => {
      const label = `${ref.name} predicted at ${String(p.level)}`;
      expect(predicted[i].n, `${label} n`).toBe(p.n);
      for (const key of ['predicted', 'lower', 'upper'] as const) {
        expectRelative(predicted[i][key], p[key], rel, `${label} ${key}`);
      }
    });
  }
}

/**
 * The ordered logit against R (test/fixtures/stats/ologit.R): ordinal::clm's estimates,
 * standard errors, log-likelihood, AIC and BIC to 1e-6, MASS::polr's estimates to 1e-6 and its
 * standard errors (a numerical Hessian) to 1e-4, and the average predicted probabilities with
 * their delta-method intervals, on a numeric outcome (codes 0 2 3 4 10), a text outcome, a text
 * outcome in a `levels:` order, and with prior weights.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Value } from '../../../src/engine/Engine.ts';
import { NativeEngine } from '../../../src/engine/NativeEngine.ts';
import { runOlogit, type OlogitSpec } from '../../../src/stats/ologit/run-ologit.ts';
import { expectRelative, loadCsv, readJson } from '../helpers.ts';

interface RRow {
  term: string;
  type: string;
  estimate: number;
  std_error: number;
  statistic: number;
  p_value: number;
  conf_low: number;
  conf_high: number;
  odds_ratio: number | null;
  or_low: number | null;
  or_high: number | null;
}

interface RModel {
  name: string;
  outcome: string;
  rhs: string;
  level: number;
  levels?: string[];
  weights?: string;
  predict?: string;
  categories: string[];
  coefficients: RRow[];
  polr: { term: string; estimate: number; std_error: number }[];
  fit: Record<string, number | boolean>;
  predicted?: {
    value: Value;
    category: string;
    predicted: number;
    lower: number;
    upper: number;
    n: number;
  }[];
}

const reference = readJson<{ models: RModel[] }>('ologit.json');
let engine: NativeEngine;

beforeAll(async () => {
  engine = await NativeEngine.create();
  await loadCsv(engine, 'ologit', 'ologit.csv');
});
afterAll(async () => engine.close());

function specOf(model: RModel): OlogitSpec {
  return {
    from: 'ologit',
    formula: `${model.outcome} ~ ${model.rhs}`,
    level: model.level,
    ...(model.levels ? { levels: model.levels } : {}),
    ...(model.weights ? { weights: model.weights } : {}),
    ...(model.predict ? { predict: model.predict } : {}),
  };
}

describe.each(reference.models.map((m) => [m.name, m] as const))('ologit %s model', (_, model) => {
  it('names coefficients and cut-points as R does, in polr’s order', async () => {
    const { tables } = await runOlogit(engine, specOf(model));
    expect(tables[''].rows.map((r) => [r.term, r.type])).toEqual(
      model.coefficients.map((c) => [c.term, c.type]),
    );
  });

  it('has clm’s estimates, standard errors, tests and intervals', async () => {
    const { tables } = await runOlogit(engine, specOf(model));
    model.coefficients.forEach((c, i) => {
      const row = tables[''].rows[i];
      for (const key of ['estimate', 'std_error', 'statistic', 'conf_low', 'conf_high'] as const) {
        expectRelative(row[key], c[key], 1e-6, `${c.term} ${key}`);
      }
      expectRelative(row.p_value, c.p_value, 1e-5, `${c.term} p_value`);
      for (const key of ['odds_ratio', 'or_low', 'or_high'] as const) {
        expectRelative(row[key], c[key], 1e-6, `${c.term} ${key}`);
      }
    });
  });

  it('has polr’s estimates to 1e-6 and its numerical-Hessian standard errors to 1e-4', async () => {
    const { tables } = await runOlogit(engine, specOf(model));
    model.polr.forEach((c) => {
      const row = tables[''].rows.find((r) => r.term === c.term);
      expectRelative(row?.estimate, c.estimate, 1e-6, `${c.term} polr estimate`);
      expectRelative(row?.std_error, c.std_error, 1e-4, `${c.term} polr std_error`);
    });
  });

  it('reports clm’s n, log-likelihood, AIC, BIC and residual degrees of freedom', async () => {
    const { tables } = await runOlogit(engine, specOf(model));
    const fit = tables._fit.rows[0];
    expect(fit).toMatchObject({
      n: model.fit.n,
      n_dropped: model.fit.n_dropped,
      converged: true,
      se_type: 'model',
      clusters: null,
    });
    for (const key of [
      'log_likelihood',
      'aic',
      'deviance',
      'null_deviance',
      'bic',
      'df_residual',
    ]) {
      expectRelative(fit[key], model.fit[key] as number, 1e-9, key);
    }
    expect(tables._missing.rows.at(-1)).toEqual({
      column: '(listwise)',
      missing: model.fit.n_dropped,
    });
  });
});

const predicting = reference.models.filter((m) => m.predicted);

describe.each(predicting.map((m) => [m.name, m] as const))(
  'ologit %s model with predict',
  (_, model) => {
    it('averages every category’s probability at each level', async () => {
      const { tables } = await runOlogit(engine, specOf(model));
      const rows = tables._predicted.rows;
      const expected = model.predicted!;
      expect(rows.length).toBe(expected.length);
      expected.forEach((e, i) => {
        const label = `${String(e.value)} ${e.category}`;
        expect(rows[i][model.predict!], label).toEqual(e.value);
        expect(String(rows[i].category), label).toBe(e.category);
        expect(rows[i].n, label).toBe(e.n);
        for (const key of ['predicted', 'lower', 'upper'] as const) {
          expectRelative(rows[i][key], e[key], 1e-6, `${label} ${key}`);
        }
      });
      // The categories' probabilities at one level add up to 1.
      const first = rows.filter((r) => r[model.predict!] === expected[0].value);
      expect(first.reduce((s, r) => s + (r.predicted as number), 0)).toBeCloseTo(1, 12);
    });
  },
);

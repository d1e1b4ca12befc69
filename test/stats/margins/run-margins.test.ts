/**
 * Average marginal effects and predicted curves against R (test/fixtures/stats/margins.R:
 * glm fits, marginaleffects' definitions written out, delta-method standard errors from the
 * analytic Jacobian cross-checked by finite differences): numeric, boolean and factor
 * predictors, a curve, robust and clustered covariances, an interaction with a squared term,
 * and a probit; 1e-6 relative.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeEngine } from '../../../src/engine/NativeEngine.ts';
import { runMargins, type NamedModel } from '../../../src/stats/margins/run-margins.ts';
import type { MarginsSpec } from '../../../src/stats/margins/spec.ts';
import type { LinkName } from '../../../src/stats/logit/link.ts';
import { expectRelative, loadCsv, readJson } from '../helpers.ts';

interface Effect {
  term: string;
  contrast: string;
  estimate: number;
  std_error: number;
  statistic: number;
  p_value: number;
  conf_low: number;
  conf_high: number;
}
interface CurvePoint {
  value: number;
  predicted: number;
  std_error: number;
  lower: number;
  upper: number;
}
interface Case {
  formula: string;
  effects: Effect[];
  curve?: CurvePoint[];
}
const REFERENCE = readJson<Record<string, Case>>('margins.json');
const REL = 1e-6;

let engine: NativeEngine;
beforeAll(async () => {
  engine = await NativeEngine.create();
  await loadCsv(engine, 'd', 'margins.csv');
});
afterAll(async () => engine.close());

/** A model cell m1 and its link (the logit and probit kinds pass theirs to runMargins). */
function model(
  link: LinkName,
  formula: string,
  extra: Record<string, unknown> = {},
): { link: LinkName; named: NamedModel } {
  return { link, named: { name: 'm1', spec: { from: 'd', formula, ...extra } } };
}

async function check(
  name: string,
  { link, named }: ReturnType<typeof model>,
  at?: MarginsSpec['at'],
) {
  const expected = REFERENCE[name]!;
  const variables = [...new Set(expected.effects.map((e) => e.term))];
  const { tables } = await runMargins(engine, named, link, { model: 'm1', variables, at });
  const rows = tables['']!.rows;
  expect(rows.map((r) => [r.term, r.contrast])).toEqual(
    expected.effects.map((e) => [e.term, e.contrast]),
  );
  expected.effects.forEach((e, i) => {
    for (const key of ['estimate', 'std_error', 'statistic', 'p_value', 'conf_low', 'conf_high']) {
      expectRelative(
        rows[i]![key],
        e[key as keyof Effect] as number,
        REL,
        `${name} ${e.term} ${e.contrast} ${key}`,
      );
    }
  });
  if (expected.curve) {
    const curve = tables._curve!.rows;
    expect(curve.map((r) => r.yr)).toEqual(expected.curve.map((c) => c.value));
    expected.curve.forEach((c, i) => {
      for (const key of ['predicted', 'std_error', 'lower', 'upper'] as const) {
        expectRelative(curve[i]![key], c[key], REL, `${name} curve ${c.value} ${key}`);
      }
    });
  }
}

const YEARS = { yr: [1960, 1970, 1980, 1990, 2000, 2010] };

describe('margins against R', () => {
  it('slopes, a boolean and a factor contrast, and a curve (model covariance)', async () => {
    await check('main', model('logit', REFERENCE.main!.formula), YEARS);
  });

  it('with the clustered covariance of se: cluster (vcovCL, HC0)', async () => {
    const m = model('logit', REFERENCE.main_cluster!.formula, { se: 'cluster', cluster: 'g' });
    await check('main_cluster', m, YEARS);
  });

  it('with HC1 (vcovHC)', async () => {
    await check('main_hc1', model('logit', REFERENCE.main_hc1!.formula, { se: 'HC1' }));
  });

  it('through an interaction and a squared term: one slope per variable', async () => {
    await check('interaction', model('logit', REFERENCE.interaction!.formula));
  });

  it('on a probit', async () => {
    await check('probit', model('probit', REFERENCE.probit!.formula));
  });
});

describe('margins refuses, saying what would work', () => {
  it('a variable the model does not have', async () => {
    const { named } = model('logit', 'y ~ x + b');
    await expect(
      runMargins(engine, named, 'logit', { model: 'm1', variables: ['z'] }),
    ).rejects.toThrow('margins: "z" is not a predictor of m1 (its predictors: "x", "b")');
  });

  it('at: values of the wrong type, and a level not in the sample', async () => {
    const m = model('logit', 'y ~ x + f').named;
    await expect(
      runMargins(engine, m, 'logit', { model: 'm1', at: { x: ['high'] } }),
    ).rejects.toThrow('at: "x" is numeric; give numbers (got "high")');
    await expect(
      runMargins(engine, m, 'logit', { model: 'm1', at: { f: ['delta'] } }),
    ).rejects.toThrow('at: "delta" is not a level of "f"');
  });
});

/**
 * The margins cell on an ordered logit, per category, against R
 * (test/fixtures/stats/margins-ologit.R: ordinal::clm fits, marginaleffects' definitions
 * written out, delta-method standard errors from clm's covariance with the analytic Jacobian
 * cross-checked by finite differences): a numeric, a boolean and a factor predictor, a curve,
 * and an interaction with a squared term; 1e-6 relative.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Row } from '../../../src/engine/Engine.ts';
import { NativeEngine } from '../../../src/engine/NativeEngine.ts';
import { runOrderedMargins } from '../../../src/stats/margins/run-ordered.ts';
import type { MarginsSpec } from '../../../src/stats/margins/spec.ts';
import { expectRelative, loadCsv, readJson } from '../helpers.ts';

type Effect = Record<'estimate' | 'std_error' | 'statistic' | 'p_value', number> &
  Record<'conf_low' | 'conf_high' | 'category', number> & { term: string; contrast: string };
type Point = Record<'value' | 'category' | 'predicted' | 'std_error' | 'lower' | 'upper', number>;
interface Case {
  formula: string;
  effects: Effect[];
  curve?: Point[];
}
const REFERENCE = readJson<Record<string, Case>>('margins-ologit.json');
const REL = 1e-6;
const VALUES = ['estimate', 'std_error', 'statistic', 'p_value', 'conf_low', 'conf_high'] as const;

let engine: NativeEngine;
beforeAll(async () => {
  engine = await NativeEngine.create();
  await loadCsv(engine, 'd', 'margins-ologit.csv');
});
afterAll(async () => engine.close());

async function check(name: string, at?: MarginsSpec['at']): Promise<Row[]> {
  const expected = REFERENCE[name]!;
  const variables = [...new Set(expected.effects.map((e) => e.term))];
  const model = { name: 'ranked', spec: { from: 'd', formula: expected.formula } };
  const { tables } = await runOrderedMargins(engine, model, { model: 'ranked', variables, at });
  const rows = tables['']!.rows;
  expect(tables['']!.columns.map((c) => c.name).slice(0, 3)).toEqual([
    'term',
    'category',
    'contrast',
  ]);
  expect(rows.map((r) => [r.term, r.category, r.contrast])).toEqual(
    expected.effects.map((e) => [e.term, e.category, e.contrast]),
  );
  expected.effects.forEach((e, i) => {
    for (const key of VALUES) {
      const label = `${name} ${e.term} ${e.category} ${e.contrast} ${key}`;
      expectRelative(rows[i]![key], e[key], REL, label);
    }
  });
  if (expected.curve) {
    const curve = tables._curve!.rows;
    expect(curve.map((r) => [r.z, r.category])).toEqual(
      expected.curve.map((c) => [c.value, c.category]),
    );
    expected.curve.forEach((c, i) => {
      for (const key of ['predicted', 'std_error', 'lower', 'upper'] as const) {
        expectRelative(
          curve[i]![key],
          c[key],
          REL,
          `${name} curve ${c.value} ${c.category} ${key}`,
        );
      }
    });
  }
  return rows;
}

describe('margins of an ordered logit, per category, against R', () => {
  it('slopes, a boolean and a factor contrast for every category, and a curve', async () => {
    const rows = await check('main', { z: [-1, 0, 1] });
    // A category's gain is another's loss: each effect sums to zero over the categories.
    for (let i = 0; i < rows.length; i += 4) {
      const total = rows.slice(i, i + 4).reduce((s, r) => s + Number(r.estimate), 0);
      expect(Math.abs(total)).toBeLessThan(1e-12);
    }
  });

  it('through an interaction and a squared term: one slope per variable and category', async () => {
    await check('interaction');
  });

  it('refuses a variable the model does not have, naming its predictors', async () => {
    const model = { name: 'ranked', spec: { from: 'd', formula: 'rank ~ x + b' } };
    await expect(
      runOrderedMargins(engine, model, { model: 'ranked', variables: ['yr'] }),
    ).rejects.toThrow('margins: "yr" is not a predictor of ranked (its predictors: "x", "b")');
  });
});

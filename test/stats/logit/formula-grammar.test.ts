import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeEngine } from '../../../src/engine/NativeEngine.ts';
import type { Value } from '../../../src/engine/Engine.ts';
import { runLogit, type LogitSpec } from '../../../src/stats/logit/run-logit.ts';
import { formatRNumber } from '../../../src/stats/logit/r-format.ts';
import { expectRelative, loadCsv, readJson } from '../helpers.ts';

/** What formula-grammar.R wrote: glm on each formula construct, by R 4.2. */
interface Reference {
  r_version: string;
  models: {
    name: string;
    formula: string;
    data: 'main' | 'panel';
    reference?: Record<string, string | number>;
    predict?: string;
    coefficients: { term: string; estimate: number | null; std_error?: number }[];
    fit: {
      n: number;
      deviance: number;
      null_deviance: number;
      aic: number;
      iterations: number;
      converged: boolean;
    };
    dropped: number;
    predicted?: { level: Value; predicted: number; lower: number; upper: number; n: number }[];
  }[];
  numbers: { value: number; as_character: string; deparse: string }[];
}

const reference = readJson<Reference>('formula-grammar.json');
/** The logit matches glm step for step; what is left is rounding (about 1e-12 here). */
const REL = 1e-8;
let engine: NativeEngine;

beforeAll(async () => {
  engine = await NativeEngine.create();
  await loadCsv(engine, 'main', 'formula-grammar.csv');
  await loadCsv(engine, 'panel', 'formula-panel.csv');
});
afterAll(async () => engine.close());

describe(`formula grammar against ${reference.r_version} glm(family = binomial)`, () => {
  for (const ref of reference.models) {
    it(`${ref.name}: ${ref.formula}`, async () => {
      const spec: LogitSpec = {
        from: ref.data,
        formula: ref.formula,
        ...(ref.predict ? { predict: ref.predict } : {}),
        ...(ref.reference ? { reference: ref.reference } : {}),
      };
      const { tables } = await runLogit(engine, spec);
      const rows = tables[''].rows;
      expect(rows.map((r) => r.term)).toEqual(ref.coefficients.map((c) => c.term));
      ref.coefficients.forEach((c, i) => {
        if (c.estimate === null) {
          expect(rows[i].estimate, `${c.term} is aliased (R: NA)`).toBeNull();
          return;
        }
        expectRelative(rows[i].estimate, c.estimate, REL, `${ref.name} ${c.term} estimate`);
        expectRelative(rows[i].std_error, c.std_error ?? null, REL, `${ref.name} ${c.term} SE`);
      });
      const fit = tables._fit.rows[0];
      expect(fit.n).toBe(ref.fit.n);
      expect(fit.n_dropped).toBe(ref.dropped);
      expect(fit.iterations).toBe(ref.fit.iterations);
      expect(fit.converged).toBe(ref.fit.converged);
      for (const key of ['deviance', 'null_deviance', 'aic'] as const) {
        expectRelative(fit[key], ref.fit[key], REL, `${ref.name} ${key}`);
      }
      if (ref.predicted && ref.predict) {
        const predicted = tables._predicted.rows;
        expect(predicted.map((r) => r[ref.predict ?? ''])).toEqual(
          ref.predicted.map((p) => p.level),
        );
        ref.predicted.forEach((p, i) => {
          const label = `${ref.name} predicted at ${String(p.level)}`;
          expect(predicted[i].n, label).toBe(p.n);
          for (const key of ['predicted', 'lower', 'upper'] as const) {
            expectRelative(predicted[i][key], p[key], REL, `${label} ${key}`);
          }
        });
      }
    });
  }

  it('names a transform that is undefined in some rows in the missing-value counts', async () => {
    const { tables, warnings } = await runLogit(engine, {
      from: 'main',
      formula: 'y ~ log(w) + x',
    });
    const missing = tables._missing.rows;
    const undefinedLog = missing.find((m) => m.column === 'log(w)');
    const x = missing.find((m) => m.column === 'x');
    expect(undefinedLog?.missing).toBe(88);
    expect(missing.at(-1)).toEqual({ column: '(listwise)', missing: 91 });
    expect(x?.missing).toBe(3);
    expect(warnings[0]).toBe('91 rows with a missing value in a model column were left out');
  });

  it('refuses an infinite transform, as glm.fit stops on one', async () => {
    await expect(runLogit(engine, { from: 'main', formula: 'y ~ I(x/(US - US))' })).rejects.toThrow(
      'I(x/(US - US)) is infinite in 597 rows of the estimation sample; a model cannot use ' +
        'infinite values',
    );
  });

  it('refuses arithmetic on text and a reference that is no level', async () => {
    await expect(runLogit(engine, { from: 'main', formula: 'y ~ log(region)' })).rejects.toThrow(
      'log(region) computes with "region", which is text; arithmetic needs numbers',
    );
    await expect(
      runLogit(engine, { from: 'main', formula: 'y ~ region', reference: { region: 'Oceania' } }),
    ).rejects.toThrow(
      'reference level "Oceania" of "region" is not in the estimation sample (levels: ' +
        '"Africa", "Americas", "Europe", "asia")',
    );
    await expect(
      runLogit(engine, { from: 'main', formula: 'y ~ x', reference: { x: 1 } }),
    ).rejects.toThrow('reference names "x", which is not a factor in the formula');
  });
});

describe('numbers in names, as R writes them', () => {
  it('matches as.character and deparse (15 significant digits, fixed unless wider)', () => {
    for (const { value, as_character, deparse } of reference.numbers) {
      expect(formatRNumber(value), String(value)).toBe(as_character);
      expect(formatRNumber(value), String(value)).toBe(deparse);
    }
  });
});

/**
 * The statistics cells on the real datasets (TIES v4.1, DCID 2.0), against the numbers R
 * computes on the same columns (test/fixtures/stats/real-data.R). Skipped, with a notice,
 * where ../shared/datasets is absent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeEngine } from '../../src/engine/NativeEngine.ts';
import { CellError } from '../../src/shared/errors.ts';
import { runCrosstab } from '../../src/stats/crosstab.ts';
import { runLogit } from '../../src/stats/logit/run-logit.ts';
import { runRate } from '../../src/stats/rate.ts';
import {
  expectAbsolute,
  expectLogitMatches,
  expectRelative,
  readJson,
  type RCrosstab,
  type RLogit,
  type RRate,
} from './helpers.ts';
import {
  datasetsDir,
  DCID_COLUMNS,
  DCID_FILE,
  hasDatasets,
  loadTable,
  readFirstSheet,
  TIES_COLUMNS,
  TIES_DERIVED_SQL,
  TIES_FILE,
} from './real-data.ts';

if (!hasDatasets) console.warn(`real-data statistics tests skipped: ${datasetsDir} is absent`);

interface RealSet {
  rate: (RRate & { outcome: string })[];
  crosstab: (RCrosstab & { rows: string; cols: string })[];
  logit: RLogit[];
}
const reference = readJson<{ ties: RealSet; dcid: RealSet }>('real-reference.json');

describe.skipIf(!hasDatasets)('statistics on real data, against R', () => {
  let engine: NativeEngine;

  beforeAll(async () => {
    engine = await NativeEngine.create();
    await loadTable(engine, 'ties_raw', readFirstSheet(TIES_FILE, TIES_COLUMNS), TIES_COLUMNS);
    await engine.exec(TIES_DERIVED_SQL);
    await loadTable(engine, 'dcid', readFirstSheet(DCID_FILE, DCID_COLUMNS), DCID_COLUMNS);
  });
  afterAll(async () => engine?.close());

  for (const [dataset, table] of [
    ['ties', 'ties'],
    ['dcid', 'dcid'],
  ] as const) {
    const ref = reference[dataset];

    for (const r of ref.rate) {
      it(`${dataset}: rate of ${r.outcome.trim()} by ${r.by.join(' × ')}`, async () => {
        const result = await runRate(engine, {
          from: table,
          outcome: r.outcome,
          by: r.by,
          level: r.level,
        });
        const rows = result.tables[''].rows;
        expect(rows.map((row) => r.by.map((b) => row[b]))).toEqual(
          r.rows.map((e) => r.by.map((b) => e[b])),
        );
        r.rows.forEach((expected, i) => {
          expect(rows[i].n).toBe(expected.n);
          expect(rows[i].successes).toBe(expected.successes);
          expectAbsolute(rows[i].lower, expected.lower as number, 1e-9, 'lower');
          expectAbsolute(rows[i].upper, expected.upper as number, 1e-9, 'upper');
        });
        if (r.dropped > 0) {
          expect(result.warnings).toEqual([
            `${r.dropped} rows with a missing outcome or group were left out`,
          ]);
        } else {
          expect(result.warnings).toEqual([]);
        }
      });
    }

    for (const c of ref.crosstab) {
      it(`${dataset}: crosstab of ${c.rows} by ${c.cols}`, async () => {
        const result = await runCrosstab(engine, { from: table, rows: c.rows, cols: c.cols });
        const cells = result.tables[''].rows;
        expect(cells.map((x) => [String(x[c.rows]), String(x[c.cols]), x.n])).toEqual(
          c.cells.map((x) => [x.r, x.c, x.n]),
        );
        const [chi, fisher] = result.tables._test.rows;
        expectRelative(chi.statistic, c.chisq.statistic, 1e-12, 'chi-square');
        expectAbsolute(chi.p_value, c.chisq.p_value, 1e-8, 'chi-square p');
        if (c.fisher_p !== undefined) expectAbsolute(fisher.p_value, c.fisher_p, 1e-8, 'Fisher p');
      });
    }

    for (const m of ref.logit) {
      it(`${dataset}: logit ${m.formula}`, async () => {
        const result = await runLogit(engine, {
          from: table,
          formula: m.formula,
          level: m.level,
          ...(m.predict ? { predict: m.predict } : {}),
        });
        expectLogitMatches(result.tables, m);
      });
    }
  }

  it('dcid: names the quasi-complete separation R fits silently (no concession with an information operation)', async () => {
    const m = reference.dcid.logit.find((x) => x.name === 'dcid_concession') as RLogit;
    expect(m.warnings).toEqual([]);
    const result = await runLogit(engine, { from: 'dcid', formula: m.formula });
    expect(result.tables._fit.rows[0].warning).toMatch(
      /^quasi-complete separation: information_operation predicts the outcome perfectly/,
    );
  });

  it('ties: the raw final outcome is refused with the codes found', async () => {
    const run = runRate(engine, { from: 'ties', outcome: 'finaloutcome', by: 'imposition' });
    await expect(run).rejects.toThrow(CellError);
    await expect(run).rejects.toThrow(
      'outcome column "finaloutcome" must be boolean or 0/1; found 2, 3, 4, 5, 6, 7, 8, 9, … — derive a 0/1 column in a sql cell first',
    );
  });
});

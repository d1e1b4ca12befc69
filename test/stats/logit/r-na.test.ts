/**
 * Issue 17's reference check: a CSV written by R's write.csv, with bare NAs in a numeric (x1)
 * and a text (grp) column, loaded through the notebook's own loader, gives the logit R's glm
 * fits on read.csv of the same file — same n, estimates and standard errors — and a
 * `_missing` table equal to R's colSums(is.na(...)). Reference: r-na-logit.R.
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeEngine } from '../../../src/engine/NativeEngine.ts';
import { loadFile } from '../../../src/ingest/index.ts';
import { runLogit } from '../../../src/stats/logit/run-logit.ts';
import { expectLogitMatches, expectRelative, readJson, type RLogit } from '../helpers.ts';

interface RNaLogit extends RLogit {
  missing: { column: string; missing: number }[];
  rows: number;
}

const reference = readJson<RNaLogit>('r-na-logit.json');
const csv = resolve(import.meta.dirname, '../../fixtures/ingest/r-na.csv');
let engine: NativeEngine;

beforeAll(async () => {
  engine = await NativeEngine.create();
  await loadFile(engine, {
    table: 'rna',
    fileName: 'r-na.csv',
    source: { kind: 'path', path: csv },
  });
});
afterAll(async () => engine.close());

describe('a logit on R write.csv output with NAs, against R glm on read.csv', () => {
  it('reads the bare NAs as missing (x1 numeric, grp text without an "NA" level)', async () => {
    const { rows } = await engine.query(
      `SELECT any_value(typeof(x1)) AS t, count(*) FILTER (WHERE x1 IS NULL) AS x1_na,
              count(*) FILTER (WHERE grp IS NULL) AS grp_na, count(*) AS n FROM rna`,
    );
    expect(rows[0]).toEqual({ t: 'DOUBLE', x1_na: 50, grp_na: 30, n: reference.rows });
  });

  it('has R’s n, estimates, standard errors and fit', async () => {
    const result = await runLogit(engine, { from: 'rna', formula: reference.formula });
    expectLogitMatches(result.tables, reference);
    // Tighter than the shared 1e-6: on this well-conditioned fit they agree to ~3e-15.
    reference.coefficients.forEach((c, i) => {
      const row = result.tables[''].rows[i];
      expectRelative(row.estimate, c.estimate, 1e-10, `${c.term} estimate`);
      expectRelative(row.std_error, c.std_error, 1e-10, `${c.term} std_error`);
    });
    expect(result.tables._fit.rows[0].n_dropped).toBe(reference.dropped);
  });

  it('counts missing values per model column as R’s colSums(is.na(...)), then listwise', async () => {
    const result = await runLogit(engine, { from: 'rna', formula: reference.formula });
    expect(result.tables._missing.rows).toEqual(reference.missing);
  });
});

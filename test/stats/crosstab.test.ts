import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeEngine } from '../../src/engine/NativeEngine.ts';
import { ident, literal } from '../../src/engine/sql.ts';
import { CellError } from '../../src/shared/errors.ts';
import { runCrosstab } from '../../src/stats/crosstab.ts';
import { fisherExact2x2 } from '../../src/stats/fisher.ts';
import {
  columnsOf,
  expectAbsolute,
  expectRelative,
  loadCsv,
  readJson,
  type RCrosstab,
} from './helpers.ts';

const reference = readJson<{ crosstab: (RCrosstab & { tab: string })[] }>(
  'reference.json',
).crosstab;
let engine: NativeEngine;

beforeAll(async () => {
  engine = await NativeEngine.create();
  await loadCsv(engine, 'crosstab', 'crosstab.csv');
  for (const { tab } of reference) {
    await engine.exec(
      `CREATE VIEW ${ident(tab)} AS SELECT r, c FROM crosstab WHERE tab = ${literal(tab)}`,
    );
  }
});
afterAll(async () => engine.close());

describe('runCrosstab against R chisq.test(correct = FALSE) and fisher.test', () => {
  for (const ref of reference) {
    it(ref.tab, async () => {
      const result = await runCrosstab(engine, { from: ref.tab, rows: 'r', cols: 'c' });
      const cells = result.tables[''].rows;
      expect(cells.map((c) => [c.r, c.c, c.n])).toEqual(ref.cells.map((c) => [c.r, c.c, c.n]));
      ref.cells.forEach((c, i) =>
        expectAbsolute(cells[i].row_share, c.row_share, 1e-15, `${c.r}/${c.c}`),
      );

      const tests = result.tables._test.rows;
      const chi = tests.find((t) => t.method === 'Pearson chi-square');
      expectRelative(chi?.statistic, ref.chisq.statistic, 1e-12, 'chi-square statistic');
      expect(chi?.df).toBe(ref.chisq.df);
      expectAbsolute(chi?.p_value, ref.chisq.p_value, 1e-8, 'chi-square p');
      const fisher = tests.find((t) => t.method === 'Fisher exact');
      if (ref.fisher_p === undefined) {
        expect(fisher).toBeUndefined();
      } else {
        expect(fisher).toMatchObject({ statistic: null, df: null });
        expectAbsolute(fisher?.p_value, ref.fisher_p, 1e-8, 'Fisher p');
      }

      const smallWarning = result.warnings.some((w) =>
        w.includes('chi-square approximation may be incorrect'),
      );
      expect(smallWarning).toBe(ref.small_expected);
      const nullWarning = result.warnings.find((w) => w.includes('left out'));
      if (ref.dropped > 0)
        expect(nullWarning).toBe(`${ref.dropped} rows with a missing "r" or "c" were left out`);
      else expect(nullWarning).toBeUndefined();
      const missing = result.tables._missing.rows;
      expect(missing.map((m) => m.column)).toEqual(['r', 'c', '(listwise)']);
      expect(missing[2].missing).toBe(ref.dropped);
      // reference.R appends to t2x3 two rows without r and two without c, one without both.
      if (ref.tab === 't2x3') expect(missing.map((m) => m.missing)).toEqual([2, 2, 3]);
    });
  }

  it("counts tables that tie with the observed one (R's relative tolerance 1e-7)", () => {
    // The most likely table with symmetric margins: every other table is no more likely, and
    // the tables mirroring each other tie exactly, so all of them count.
    expect(
      fisherExact2x2([
        [2, 2],
        [2, 2],
      ]),
    ).toBe(1);
    expect(
      fisherExact2x2([
        [4, 4],
        [4, 4],
      ]),
    ).toBe(1);
  });

  it('keeps the column names and types and includes empty combinations as 0', async () => {
    await engine.exec(`CREATE TABLE sparse AS SELECT * FROM (VALUES
      (1, 'x'), (1, 'x'), (1, 'y'), (2, 'x'), (3, 'y'), (3, 'y')) t("Row Code", "what")`);
    const result = await runCrosstab(engine, { from: 'sparse', rows: 'Row Code', cols: 'what' });
    expect(columnsOf(result.tables[''])).toEqual([
      'Row Code INTEGER',
      'what VARCHAR',
      'n BIGINT',
      'row_share DOUBLE',
    ]);
    expect(result.tables[''].rows.map((r) => [r['Row Code'], r.what, r.n])).toEqual([
      [1, 'x', 2],
      [1, 'y', 1],
      [2, 'x', 1],
      [2, 'y', 0],
      [3, 'x', 0],
      [3, 'y', 2],
    ]);
    expect(result.tables._test.rows.map((t) => t.method)).toEqual(['Pearson chi-square']);
  });
});

describe('runCrosstab input errors', () => {
  it('refuses a table with a single row level, naming it', async () => {
    const run = runCrosstab(engine, { from: 't2x3', rows: 'c', cols: 'r' });
    await expect(run).resolves.toBeTruthy();
    await engine.exec(`CREATE VIEW only_no AS SELECT * FROM t2x3 WHERE r = 'no'`);
    const single = runCrosstab(engine, { from: 'only_no', rows: 'r', cols: 'c' });
    await expect(single).rejects.toThrow(CellError);
    await expect(single).rejects.toThrow(
      'crosstab needs at least two values in "r"; it only has "no"',
    );
  });

  it('lists the available columns when one is missing', async () => {
    await expect(runCrosstab(engine, { from: 't2x2', rows: 'r', cols: 'col' })).rejects.toThrow(
      'cols column "col" not found; available columns: "r", "c"',
    );
  });
});

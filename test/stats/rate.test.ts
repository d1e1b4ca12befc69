import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeEngine } from '../../src/engine/NativeEngine.ts';
import { createTableFromRows } from '../../src/engine/tables.ts';
import { CellError } from '../../src/shared/errors.ts';
import { runRate } from '../../src/stats/rate.ts';
import { wilsonInterval } from '../../src/stats/wilson.ts';
import { columnsOf, expectAbsolute, loadCsv, readJson, type RRate } from './helpers.ts';

const reference = readJson<{ rate: RRate[] }>('reference.json').rate;
let engine: NativeEngine;

beforeAll(async () => {
  engine = await NativeEngine.create();
  await loadCsv(engine, 'rate', 'rate.csv');
});
afterAll(async () => engine.close());

describe('runRate against R prop.test(correct = FALSE)', () => {
  for (const ref of reference) {
    for (const outcome of ['outcome', 'won']) {
      it(`by ${ref.by.join(' × ')} at level ${ref.level}, ${outcome} outcome`, async () => {
        const result = await runRate(engine, {
          from: 'rate',
          outcome,
          by: ref.by,
          level: ref.level,
        });
        const table = result.tables[''];
        expect(table.rows.length).toBe(ref.rows.length);
        ref.rows.forEach((expected, i) => {
          const row = table.rows[i];
          for (const b of ref.by) expect(row[b]).toBe(expected[b]);
          expect(row.n).toBe(expected.n);
          expect(row.successes).toBe(expected.successes);
          const label = `${ref.by.map((b) => String(expected[b])).join('/')}`;
          expectAbsolute(row.rate, expected.rate as number, 1e-15, `${label} rate`);
          expectAbsolute(row.lower, expected.lower as number, 1e-9, `${label} lower`);
          expectAbsolute(row.upper, expected.upper as number, 1e-9, `${label} upper`);
        });
        expect(result.warnings).toEqual([
          `${ref.dropped} rows with a missing outcome or group were left out`,
        ]);
        // reference.R appends 3 rows without an outcome and 2 without a group; region is full.
        const perColumn: Record<string, number> = { group: 2, region: 0, [outcome]: 3 };
        expect(result.tables._missing.rows).toEqual([
          ...[outcome, ...ref.by].map((column) => ({ column, missing: perColumn[column] })),
          { column: '(listwise)', missing: ref.dropped },
        ]);
      });
    }
  }

  it('reports columns in order with the by column types kept', async () => {
    const result = await runRate(engine, {
      from: 'rate',
      outcome: 'outcome',
      by: ['region', 'group'],
    });
    expect(columnsOf(result.tables[''])).toEqual([
      'region VARCHAR',
      'group VARCHAR',
      'n BIGINT',
      'successes BIGINT',
      'rate DOUBLE',
      'lower DOUBLE',
      'upper DOUBLE',
    ]);
    const regions = result.tables[''].rows.map((r) => `${String(r.region)}/${String(r.group)}`);
    expect(regions.slice(0, 2)).toEqual(['north/A', 'north/B']);
  });

  it('counts rows left out in the same scan, whatever the by column is called', async () => {
    await createTableFromRows(
      engine,
      'left_out',
      [
        { name: 'won', type: 'BOOLEAN' },
        { name: 'total', type: 'VARCHAR' },
      ],
      [
        { won: true, total: 'a' },
        { won: false, total: 'a' },
        { won: null, total: 'a' },
        { won: true, total: null },
        { won: null, total: 'only missing' },
        { won: true, total: 'b' },
      ],
    );
    const result = await runRate(engine, { from: 'left_out', outcome: 'won', by: 'total' });
    expect(result.tables[''].rows.map((r) => [r.total, r.n, r.successes])).toEqual([
      ['a', 2, 1],
      ['b', 1, 1],
    ]);
    expect(result.warnings).toEqual(['3 rows with a missing outcome or group were left out']);
    await engine.exec('DELETE FROM left_out');
    const empty = await runRate(engine, { from: 'left_out', outcome: 'won', by: [] });
    expect(empty.tables[''].rows).toEqual([]);
    expect(empty.warnings).toEqual(['no rows with an outcome and a group: the table is empty']);
  });

  it('orders groups by a by column called Total, not by a row count of the same name', async () => {
    // DuckDB matches names without case: ORDER BY "Total" would pick a count aliased total.
    await createTableFromRows(
      engine,
      'total_case',
      [
        { name: 'won', type: 'BOOLEAN' },
        { name: 'Total', type: 'VARCHAR' },
      ],
      ['c', 'c', 'c', 'a', 'a', 'b'].map((group, i) => ({ won: i % 2 === 0, Total: group })),
    );
    const result = await runRate(engine, { from: 'total_case', outcome: 'won', by: 'Total' });
    expect(result.tables[''].rows.map((r) => [r.Total, r.n])).toEqual([
      ['a', 2],
      ['b', 1],
      ['c', 3],
    ]);
  });

  it('gives exact 0 and 1 bounds at the edges, as R does', () => {
    const z = 1.959963984540054;
    expect(wilsonInterval(0, 7, z).lower).toBe(0);
    expect(wilsonInterval(6, 6, z).upper).toBe(1);
    const single = wilsonInterval(1, 1, z);
    expect(single.upper).toBe(1);
    expect(single.lower).toBeGreaterThan(0.2);
    expect(single.lower).toBeLessThan(0.21);
  });
});

describe('runRate input errors', () => {
  it('names the column and the values when the outcome is not 0/1', async () => {
    await createTableFromRows(
      engine,
      'episodes',
      [
        { name: 'finaloutcome', type: 'INTEGER' },
        { name: 'kind', type: 'VARCHAR' },
      ],
      [
        { finaloutcome: 1, kind: 'a' },
        { finaloutcome: 7, kind: 'a' },
        { finaloutcome: 0, kind: 'b' },
        { finaloutcome: 3, kind: 'b' },
        { finaloutcome: null, kind: 'b' },
      ],
    );
    const run = runRate(engine, { from: 'episodes', outcome: 'finaloutcome', by: 'kind' });
    await expect(run).rejects.toThrow(CellError);
    await expect(run).rejects.toThrow(
      'outcome column "finaloutcome" must be boolean or 0/1; found 3, 7 — derive a 0/1 column in a sql cell first',
    );
  });

  it('refuses a text outcome, showing its values', async () => {
    await expect(runRate(engine, { from: 'rate', outcome: 'region', by: 'group' })).rejects.toThrow(
      'outcome column "region" must be boolean or 0/1; found "north", "south"',
    );
  });

  it('lists the available columns when one is missing', async () => {
    await expect(runRate(engine, { from: 'rate', outcome: 'outcome', by: 'grup' })).rejects.toThrow(
      'by column "grup" not found; available columns: "group", "outcome", "region", "won"',
    );
    await expect(
      runRate(engine, { from: 'rate', outcome: 'Outcome', by: 'group' }),
    ).rejects.toThrow('outcome column "Outcome" not found (did you mean "outcome"?)');
  });

  it('refuses a by column that would clash with a result column, whatever its case', async () => {
    await engine.exec('CREATE OR REPLACE TABLE clash AS SELECT true AS won, 1 AS "N"');
    await expect(runRate(engine, { from: 'clash', outcome: 'won', by: 'N' })).rejects.toThrow(
      'by column "N" clashes with a result column; rename it in a sql cell first',
    );
  });

  it('names the tables when the table does not exist', async () => {
    await expect(
      runRate(engine, { from: 'nope', outcome: 'outcome', by: 'group' }),
    ).rejects.toThrow(/table "nope" does not exist; tables: .*"rate"/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Row } from '../../src/engine/Engine.ts';
import { NativeEngine } from '../../src/engine/NativeEngine.ts';
import { createTableFromRows } from '../../src/engine/tables.ts';
import { loadFile } from '../../src/ingest/index.ts';
import {
  binGrid,
  extendedMissing,
  profileColumn,
  profileKind,
  type ColumnProfile,
} from '../../src/panels/column-profile.ts';
import { stataWithExtendedMissing } from '../ingest/missing-files.ts';

let engine: NativeEngine;

beforeAll(async () => {
  engine = await NativeEngine.create();
});

afterAll(async () => {
  await engine.close();
});

/** Invented survey-like rows; the expectations below are computed from these in JavaScript. */
const YEARS = [1991, 1994, 1994, 1997, 2001, 2003, 2003, 2003, 2010, null, 2015, 1991];
const SENDERS = ['USA', 'EU', 'USA', null, 'UN', 'USA', 'EU', 'Canada', 'USA', 'EU', null, 'UN'];
const COSTS = [0.5, 12.25, 3, 3, null, 44.75, 8, 0.5, 19.5, 2.25, 7, 30];

async function surveyTable(name: string, columns: [string, string, string]): Promise<void> {
  const [year, sender, cost] = columns;
  const rows: Row[] = YEARS.map((y, i) => ({ [year]: y, [sender]: SENDERS[i], [cost]: COSTS[i] }));
  await createTableFromRows(
    engine,
    name,
    [
      { name: year, type: 'INTEGER' },
      { name: sender, type: 'VARCHAR' },
      { name: cost, type: 'DOUBLE' },
    ],
    rows,
  );
}

function present<T>(values: (T | null)[]): T[] {
  return values.filter((v): v is T => v !== null);
}

/** Every value falls in exactly one bar: [low, high), the last bar closed. */
function binCounts(profile: ColumnProfile, values: number[]): number[] {
  const bins = profile.histogram ?? [];
  return bins.map((bin, i) => {
    const low = Number(bin.low);
    const high = Number(bin.high);
    const last = i === bins.length - 1;
    return values.filter((v) =>
      low === high ? v === low : v >= low && (last ? v <= high : v < high),
    ).length;
  });
}

describe('profileColumn', () => {
  it('counts rows, NULLs and distinct values, and lists the most frequent text values', async () => {
    await surveyTable('survey', ['year', 'sender', 'cost']);
    const profile = await profileColumn(engine, 'survey', 'sender');
    const values = present(SENDERS);
    expect(profile.kind).toBe('text');
    expect(profile.rows).toBe(SENDERS.length);
    expect(profile.nulls).toBe(SENDERS.length - values.length);
    expect(profile.distinct).toBe(new Set(values).size);
    const counts = new Map<string, number>();
    for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
    // Most frequent first; ties (EU 3, UN 2, Canada 1 …) in the order of their text.
    const expected = [...counts]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([value, count]) => ({ value, count }));
    expect(profile.top).toEqual(expected);
    expect(profile.top?.[0]).toEqual({ value: 'USA', count: 4 });
    expect(profile.histogram).toBeUndefined();
  });

  it('gives an integer column spanning many values its range, mean and round-width bars', async () => {
    const profile = await profileColumn(engine, 'survey', 'year');
    const values = present(YEARS);
    expect(profile.kind).toBe('number');
    expect(profile.nulls).toBe(1);
    expect(profile.distinct).toBe(new Set(values).size);
    expect(profile.min).toBe(Math.min(...values));
    expect(profile.max).toBe(Math.max(...values));
    expect(profile.mean).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length, 12);
    const bins = profile.histogram ?? [];
    // 1991–2015 in about 12 bars of a whole-number width, tiling the range.
    expect(bins[1].low).toBe(Number(bins[0].low) + 2);
    expect(bins.length).toBeGreaterThan(1);
    expect(bins.length).toBeLessThanOrEqual(13);
    expect(Number(bins[0].low)).toBeLessThanOrEqual(1991);
    expect(bins.at(-1)?.high).toBe(2015);
    expect(bins.map((b) => b.count)).toEqual(binCounts(profile, values));
    expect(bins.reduce((n, b) => n + b.count, 0)).toBe(values.length);
  });

  it('bins a DOUBLE column and leaves NaN and infinities out of range, mean and bars', async () => {
    await engine.exec(
      `CREATE OR REPLACE TABLE measures AS SELECT CAST(x AS DOUBLE) AS x
       FROM (VALUES ('1.5'), ('NaN'), ('Infinity'), ('4.0'), (NULL), ('2.2'), ('-Infinity')) AS v(x)`,
    );
    const profile = await profileColumn(engine, 'measures', 'x');
    expect(profile.type).toBe('DOUBLE');
    expect(profile.nulls).toBe(1);
    expect(profile.nonFinite).toBe(3);
    expect(profile.min).toBe(1.5);
    expect(profile.max).toBe(4);
    expect(profile.mean).toBeCloseTo((1.5 + 4 + 2.2) / 3, 12);
    expect(profile.histogram?.map((b) => b.count)).toEqual(binCounts(profile, [1.5, 4, 2.2]));
  });

  it('gives each code of a coded integer variable its own bar: its frequency table', async () => {
    const outcomes = [1, 6, 6, 7, 10, 10, 10, 2, 9, null, 6];
    await createTableFromRows(
      engine,
      'cases',
      [{ name: 'finaloutcome', type: 'SMALLINT' }],
      outcomes.map((o) => ({ finaloutcome: o })),
    );
    const profile = await profileColumn(engine, 'cases', 'finaloutcome');
    const bins = profile.histogram ?? [];
    expect(bins.map((b) => b.low)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(bins.every((b) => b.low === b.high)).toBe(true);
    const codes = present(outcomes);
    expect(bins.map((b) => b.count)).toEqual(
      bins.map((b) => codes.filter((c) => c === b.low).length),
    );
  });

  it('counts a few-valued DOUBLE (a 0/1 flag from a Stata double) per value, not in bins', async () => {
    const flags = [0, 1, 1, null, 0, 1, 1, 0.5];
    await createTableFromRows(
      engine,
      'flags',
      [{ name: 'EU', type: 'DOUBLE' }],
      flags.map((f) => ({ EU: f })),
    );
    const profile = await profileColumn(engine, 'flags', 'EU');
    expect(profile.categorical).toBe(true);
    expect(profile.histogram).toBeUndefined();
    // Every value in ascending order, with its count; the mean still says the share of ones.
    expect(profile.top).toEqual([
      { value: 0, count: 2 },
      { value: 0.5, count: 1 },
      { value: 1, count: 4 },
    ]);
    expect(profile.mean).toBeCloseTo(4.5 / 7, 12);
  });

  it('bins a DOUBLE column with more distinct values than a category list holds', async () => {
    await createTableFromRows(
      engine,
      'spread',
      [{ name: 'v', type: 'DOUBLE' }],
      Array.from({ length: 11 }, (_, i) => ({ v: i / 10 })),
    );
    const profile = await profileColumn(engine, 'spread', 'v');
    expect(profile.categorical).toBeUndefined();
    expect(profile.histogram?.reduce((n, b) => n + b.count, 0)).toBe(11);
  });

  it('profiles dates with their range and day-aligned bars', async () => {
    const days = ['2022-02-24', '2022-03-01', '2022-03-01', '2022-04-15', null, '2022-12-31'];
    await createTableFromRows(
      engine,
      'events',
      [{ name: 'day', type: 'DATE' }],
      days.map((d) => ({ day: d })),
    );
    const profile = await profileColumn(engine, 'events', 'day');
    expect(profile.kind).toBe('date');
    expect(profile.min).toBe('2022-02-24');
    expect(profile.max).toBe('2022-12-31');
    expect(profile.distinct).toBe(4);
    const bins = profile.histogram ?? [];
    const epochDay = (text: string): number => Date.parse(`${text}T00:00:00Z`) / 86_400_000;
    for (const bin of bins) {
      expect(String(bin.low)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(Number.isInteger(epochDay(String(bin.low)))).toBe(true);
    }
    const asDays = present(days).map(epochDay);
    const counted = bins.map((bin, i) => {
      const low = epochDay(String(bin.low));
      const high = epochDay(String(bin.high));
      const last = i === bins.length - 1;
      return asDays.filter((d) => d >= low && (last ? d <= high : d < high)).length;
    });
    expect(bins.map((b) => b.count)).toEqual(counted);
  });

  it('lists booleans and other types by frequency', async () => {
    await engine.exec(
      `CREATE OR REPLACE TABLE flags AS SELECT * FROM (VALUES (TRUE, [1, 2]), (FALSE, [1]), (TRUE, [1, 2]), (NULL, NULL), (TRUE, [3])) AS v(ok, codes)`,
    );
    const ok = await profileColumn(engine, 'flags', 'ok');
    expect(ok.kind).toBe('boolean');
    expect(ok.top).toEqual([
      { value: true, count: 3 },
      { value: false, count: 1 },
    ]);
    const codes = await profileColumn(engine, 'flags', 'codes');
    expect(codes.kind).toBe('other');
    expect(codes.distinct).toBe(3);
    expect(codes.top?.[0]).toEqual({ value: [1, 2], count: 2 });
  });

  it('quotes table and column names, whatever they contain', async () => {
    const table = 'odd "table"; DROP TABLE survey; --';
    const columns: [string, string, string] = ['year "x"', "sender's; --", 'co"st'];
    await surveyTable(table, columns);
    const sender = await profileColumn(engine, table, columns[1]);
    expect(sender.top?.[0]).toEqual({ value: 'USA', count: 4 });
    const cost = await profileColumn(engine, table, columns[2]);
    expect(cost.max).toBe(Math.max(...present(COSTS)));
    // The other table is still there.
    expect((await engine.query('SELECT count(*) AS n FROM survey')).rows[0].n).toBe(YEARS.length);
  });

  it('says which column is missing', async () => {
    await expect(profileColumn(engine, 'survey', 'nope')).rejects.toThrow(/no column nope/);
  });

  it('profiles a million rows in DuckDB, agreeing with a direct query', async () => {
    await engine.exec(
      'CREATE OR REPLACE TABLE big AS SELECT range AS i, hash(range) % 100 AS g FROM range(1000000)',
    );
    const started = performance.now();
    const profile = await profileColumn(engine, 'big', 'g');
    const ms = performance.now() - started;
    console.log(`[column-profile] 1,000,000 rows profiled in ${ms.toFixed(0)} ms (native)`);
    const direct = await engine.query(
      'SELECT count(DISTINCT g) AS d, min(g) AS lo, max(g) AS hi, avg(g) AS mean FROM big',
    );
    expect(profile.distinct).toBe(direct.rows[0].d);
    expect(profile.min).toBe(direct.rows[0].lo);
    expect(profile.max).toBe(direct.rows[0].hi);
    expect(profile.mean).toBe(direct.rows[0].mean);
    const bins = profile.histogram ?? [];
    expect(bins.reduce((n, b) => n + b.count, 0)).toBe(1_000_000);
    const first = bins[0];
    const inFirst = await engine.query('SELECT count(*) AS n FROM big WHERE g >= ? AND g < ?', [
      Number(first.low),
      Number(first.high),
    ]);
    expect(first.count).toBe(inFirst.rows[0].n);
  });
});

describe('profileKind', () => {
  it('sorts DuckDB types into the ways they are profiled', () => {
    expect(profileKind('DECIMAL(10,2)')).toBe('number');
    expect(profileKind('UBIGINT')).toBe('number');
    expect(profileKind('TIMESTAMP WITH TIME ZONE')).toBe('date');
    expect(profileKind('VARCHAR')).toBe('text');
    expect(profileKind("ENUM('a', 'b')")).toBe('text');
    expect(profileKind('BOOLEAN')).toBe('boolean');
    expect(profileKind('INTEGER[]')).toBe('other');
    expect(profileKind('TIME')).toBe('other');
  });
});

describe('binGrid', () => {
  it('gives few distinct integers a bar each, and otherwise round widths that cover the range', () => {
    expect(binGrid(1, 10, 12, 1)).toEqual({ start: 1, step: 1, count: 10, perValue: true });
    const wide = binGrid(0.3, 97.2, 12, 0);
    expect(wide.step).toBe(10);
    expect(wide.start).toBe(0);
    expect(wide.start + wide.count * wide.step).toBeGreaterThanOrEqual(97.2);
    expect(binGrid(5, 5, 12, 0).count).toBe(1);
    // Integers spanning more values than bars: round widths, whole numbers.
    expect(binGrid(1945, 2005, 12, 1)).toMatchObject({ step: 5, start: 1945, count: 12 });
  });
});

describe('extendedMissing', () => {
  it("counts a Stata column's .a–.z, on the table and its labelled view, and nothing elsewhere", async () => {
    await loadFile(engine, {
      table: 'survey',
      fileName: 'survey.dta',
      source: { kind: 'bytes', bytes: stataWithExtendedMissing() },
    });
    expect(await extendedMissing(engine, 'survey', 'trust')).toEqual([
      { value: '.a', count: 2 },
      { value: '.b', count: 1 },
    ]);
    expect(await extendedMissing(engine, 'survey', 'income')).toEqual([
      { value: '.b', count: 1 },
      { value: '.z', count: 1 },
    ]);
    // A labelled view's profile reads its table's counts.
    expect(await extendedMissing(engine, 'survey_labelled', 'trust')).toHaveLength(2);
    const { rows } = await engine.query('SELECT count(*) - count(trust) AS nulls FROM survey');
    expect(Number(rows[0].nulls)).toBeGreaterThanOrEqual(3);
    expect(await extendedMissing(engine, 'other_table', 'trust')).toEqual([]);
  });
});

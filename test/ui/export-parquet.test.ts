import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeEngine } from '../../src/engine/NativeEngine.ts';
import { literal } from '../../src/engine/sql.ts';
import { describeTable } from '../../src/engine/tables.ts';
import { scaledInteger, tableToParquet } from '../../src/ui/export-parquet.ts';

/**
 * The browser's Parquet export, checked against the reader that matters: native DuckDB's
 * read_parquet must give back every value, with the same type, for the common types.
 */

let engine: NativeEngine;
let dir: string;

beforeAll(async () => {
  engine = await NativeEngine.create({ threads: 1 });
  dir = mkdtempSync(join(tmpdir(), 'statecraft-parquet-'));
});

afterAll(async () => {
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
});

async function roundTrip(table: string): Promise<string> {
  const path = join(dir, `${table}.parquet`);
  writeFileSync(path, await tableToParquet(engine, table));
  return `read_parquet(${literal(path)})`;
}

/** Rows in one relation and not the other, both ways (EXCEPT ALL keeps duplicates apart). */
async function differingRows(a: string, b: string): Promise<number> {
  const { rows } = await engine.query(
    `SELECT (SELECT count(*) FROM (FROM ${a} EXCEPT ALL FROM ${b})) +
            (SELECT count(*) FROM (FROM ${b} EXCEPT ALL FROM ${a})) AS n`,
  );
  return Number(rows[0].n);
}

describe('tableToParquet', () => {
  it('writes common DuckDB types that read_parquet gives back with the same types and values', async () => {
    await engine.exec(`CREATE TABLE typed AS SELECT * FROM (VALUES
      (true, 1::TINYINT, -300::SMALLINT, 70000::INTEGER, 9007199254740993::BIGINT, 200::UTINYINT,
       4000000000::UINTEGER, 18446744073709551615::UBIGINT, 1.5::FLOAT, 0.1::DOUBLE,
       12.30::DECIMAL(5,2), -123456789012.3456::DECIMAL(18,4),
       1234567890123456789012345.12345::DECIMAL(30,5),
       99999999999999999999999999999999999999::HUGEINT, 'Oceania', DATE '1962-10-22',
       TIMESTAMP '1979-11-04 10:30:00.123456', TIMESTAMPTZ '2001-09-11 12:46:40+00',
       TIME '23:59:59.999999', '0b6d4b4e-8d1a-4f7e-9a55-4c1a0e6f2b3d'::UUID),
      (false, '-128'::TINYINT, 32767::SMALLINT, '-2147483648'::INTEGER, '-9223372036854775808'::BIGINT,
       0::UTINYINT, 0::UINTEGER, 0::UBIGINT, 'NaN'::FLOAT, 'Infinity'::DOUBLE,
       -0.05::DECIMAL(5,2), 0::DECIMAL(18,4), -0.00001::DECIMAL(30,5),
       -12345678901234567890123::HUGEINT, 'Ünïcode “quotes”, commas',
       DATE '1900-01-01', TIMESTAMP '1945-05-08 00:00:00', TIMESTAMPTZ '1970-01-01 00:00:00+00',
       TIME '00:00:00', '00000000-0000-0000-0000-000000000000'::UUID),
      (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '-Infinity'::DOUBLE, NULL, NULL,
       NULL, NULL, '', NULL, NULL, NULL, NULL, NULL)
    ) t(b, ti, si, i, bi, uti, ui, ubi, f, d, dec_small, dec_mid, dec_big, huge, s, dt, ts, tstz,
        tm, id)`);
    const source = await describeTable(engine, 'typed');
    const file = await roundTrip('typed');
    const back = await engine.query(`DESCRIBE SELECT * FROM ${file}`);
    const backTypes = back.rows.map((r) => [r.column_name, r.column_type]);
    // HUGEINT has no Parquet type; it comes back as the DECIMAL(38,0) that holds it exactly.
    const expected = source.map((c) => [c.name, c.type === 'HUGEINT' ? 'DECIMAL(38,0)' : c.type]);
    expect(backTypes).toEqual(expected);
    const asWritten = '(SELECT * REPLACE (CAST(huge AS DECIMAL(38,0)) AS huge) FROM typed)';
    expect(await differingRows(asWritten, file)).toBe(0);
    const { rows } = await engine.query(`SELECT count(*) AS n FROM ${file}`);
    expect(rows[0].n).toBe(3);
    // Spot-check values where a double in between would have rounded.
    const exact = await engine.query(
      `SELECT CAST(bi AS VARCHAR) AS bi, CAST(ubi AS VARCHAR) AS ubi, CAST(dec_big AS VARCHAR) AS dec_big,
              isnan(f) AS nan, d FROM ${file} ORDER BY b NULLS LAST`,
    );
    expect(exact.rows.map((r) => r.bi)).toEqual(['-9223372036854775808', '9007199254740993', null]);
    expect(exact.rows[1].ubi).toBe('18446744073709551615');
    expect(exact.rows[1].dec_big).toBe('1234567890123456789012345.12345');
    expect(exact.rows[0].nan).toBe(true);
  });

  it('keeps row order and NULLs across a few thousand rows, column by column', async () => {
    await engine.exec(`CREATE TABLE many AS
      SELECT range AS id, CASE WHEN range % 7 = 0 THEN NULL ELSE range * 0.25 END AS x,
             CASE WHEN range % 3 = 0 THEN 'closed' WHEN range % 3 = 1 THEN NULL ELSE 'open' END AS g
      FROM range(5000)`);
    const file = await roundTrip('many');
    const summary = (from: string) =>
      engine.query(
        `SELECT count(*) AS n, count(x) AS nx, count(g) AS ng, sum(x) AS sx FROM ${from}`,
      );
    const { rows } = await summary(file);
    expect(rows[0]).toEqual((await summary('many')).rows[0]);
    expect(rows[0]).toMatchObject({ n: 5000, nx: 4285, ng: 3333 });
    // The file's row i is the table's row i: columns read separately still line up.
    const aligned = await engine.query(
      `SELECT count(*) AS bad FROM (SELECT *, row_number() OVER () - 1 AS pos FROM ${file})
       WHERE id <> pos OR (x IS NOT NULL AND x <> id * 0.25)`,
    );
    expect(aligned.rows[0].bad).toBe(0);
    expect(await differingRows('many', file)).toBe(0);
  });

  it('writes an empty result as a valid file with its columns', async () => {
    await engine.exec('CREATE TABLE empty AS SELECT 1 AS n, ? AS label WHERE false', ['x']);
    const file = await roundTrip('empty');
    const back = await engine.query(`DESCRIBE SELECT * FROM ${file}`);
    expect(back.rows.map((r) => `${r.column_name} ${r.column_type}`)).toEqual([
      'n INTEGER',
      'label VARCHAR',
    ]);
    const { rows } = await engine.query(`SELECT count(*) AS n FROM ${file}`);
    expect(rows[0].n).toBe(0);
  });

  it('writes nested and other types as their text', async () => {
    await engine.exec(
      `CREATE TABLE nested AS SELECT [1, 2] AS years, {'a': 1} AS s, INTERVAL 3 DAY AS gap`,
    );
    const file = await roundTrip('nested');
    const { rows } = await engine.query(`SELECT * FROM ${file}`);
    expect(rows[0]).toEqual({ years: '[1, 2]', s: "{'a': 1}", gap: '3 days' });
  });

  it('refuses a HUGEINT beyond the 38 digits of a Parquet DECIMAL, naming the value', async () => {
    await engine.exec(
      'CREATE TABLE huge AS SELECT 170141183460469231731687303715884105727::HUGEINT AS h',
    );
    await expect(tableToParquet(engine, 'huge')).rejects.toThrow(/more than 38 digits/);
  });
});

describe('scaledInteger', () => {
  it('turns decimal text into its unscaled integer exactly', () => {
    expect(scaledInteger('12.30', 2)).toBe(1230n);
    expect(scaledInteger('-0.05', 2)).toBe(-5n);
    expect(scaledInteger('7', 3)).toBe(7000n);
    expect(scaledInteger('-123456789012345678901234567.8901', 4)).toBe(
      -1234567890123456789012345678901n,
    );
    expect(() => scaledInteger('1.234', 2)).toThrow(/more than 2 decimals/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NativeEngine } from '../../src/engine/NativeEngine.ts';
import { loadFile, type LoadOptions } from '../../src/ingest/index.ts';
import { bytes, createEngine, fixture, rows } from './helpers.ts';
import { STATA_CSV, stataWithExtendedMissing } from './missing-files.ts';

let engine: NativeEngine;
beforeAll(async () => {
  engine = await createEngine();
});
afterAll(async () => {
  await engine.close();
});

const load = (table: string, fileName: string, source: LoadOptions['source'], more = {}) =>
  loadFile(engine, { table, fileName, source, ...more });

const types = (result: Awaited<ReturnType<typeof load>>) =>
  result.tables[0].columns.map((c) => `${c.name} ${c.type}`);

describe('missing-value tokens in text files', () => {
  it('reads R\'s write.csv: bare NA missing, numbers typed, a quoted "NA" kept as text', async () => {
    const result = await load('r_na', 'r-na.csv', fixture('r-na.csv'));
    expect(types(result)).toEqual([
      'y BIGINT',
      'x1 DOUBLE',
      'x2 DOUBLE',
      'grp VARCHAR',
      'iso VARCHAR',
    ]);
    // R: colSums(is.na(read.csv("r-na.csv"))) gives x1 50, grp 30, iso 0; "NA" is Namibia.
    expect(
      await rows(
        engine,
        `SELECT count(*) - count(x1) AS x1, count(*) - count(grp) AS grp, count(*) - count(iso) AS iso, count(*) FILTER (WHERE iso = 'NA') AS namibia FROM r_na`,
      ),
    ).toEqual([{ x1: 50, grp: 30, iso: 0, namibia: 200 }]);
    expect(result.tables[0].missing).toEqual({ x1: { NA: 50 }, grp: { NA: 30 } });
    expect(result.warnings).toContain(
      'Column grp: 30 unquoted NA read as missing; keep them as text with `missing: []`.',
    );
    expect(result.warnings).toContain(
      'Missing-value tokens read as missing: x1 (50 NA), grp (30 NA).',
    );
  });

  it("reads a Stata export's `.` as missing in numbers and text; a quoted one stays text", async () => {
    const result = await load('dots', 'dots.csv', bytes(STATA_CSV));
    expect(types(result)).toEqual([
      'caseid BIGINT',
      'year BIGINT',
      'share DOUBLE',
      'region VARCHAR',
      'note VARCHAR',
    ]);
    expect(await rows(engine, 'SELECT * FROM dots ORDER BY caseid')).toEqual([
      { caseid: 1, year: 1990, share: 0.5, region: 'Europe', note: '.' },
      { caseid: 2, year: null, share: null, region: null, note: 'plain' },
      { caseid: 3, year: 2001, share: -2.25, region: null, note: null },
      { caseid: 4, year: null, share: 1.75, region: 'Asia', note: 'NA' },
    ]);
    expect(result.tables[0].missing).toEqual({
      year: { '.': 2 },
      share: { '.': 1 },
      region: { '.': 1 },
    });
  });

  it('reads every token as missing, and `missing: []` keeps them as written', async () => {
    const text = 'a,b\nNA,1\nN/A,2\n#N/A,3\nNaN,4\n.,5\nnull,6\nNULL,7\n,8\n9,9\n';
    const on = await load('tokens', 'tokens.csv', bytes(text));
    expect(types(on)[0]).toBe('a BIGINT');
    expect(await rows(engine, 'SELECT count(a) AS n FROM tokens')).toEqual([{ n: 1 }]);
    const off = await load('no_tokens', 'tokens.csv', bytes(text), { missing: [] });
    expect(types(off)[0]).toBe('a VARCHAR');
    // The empty field is missing either way: DuckDB's reader always read it so.
    expect(await rows(engine, 'SELECT count(a) AS n FROM no_tokens')).toEqual([{ n: 8 }]);
    expect(off.tables[0].missing).toBeUndefined();
    expect(off.warnings).toEqual([]);
  });

  it('leaves a file without tokens as it was, a quoted empty field included', async () => {
    const text = '"id","score","name"\n"1","2.5","x"\n"2","",""\n"3","4","z"\n';
    const result = await load('quoted', 'quoted.csv', bytes(text));
    expect(types(result)).toEqual(['id BIGINT', 'score DOUBLE', 'name VARCHAR']);
    expect(await rows(engine, 'SELECT * FROM quoted ORDER BY id')).toEqual([
      { id: 1, score: 2.5, name: 'x' },
      { id: 2, score: null, name: null },
      { id: 3, score: 4, name: 'z' },
    ]);
    expect(result.warnings).toEqual([]);
    expect(result.tables[0].missing).toBeUndefined();
  });

  it('reads tokens in a re-encoded (Windows-1252) file too', async () => {
    const latin = new Uint8Array([
      ...new TextEncoder().encode('pays,n\nC'),
      0xf4,
      ...new TextEncoder().encode('te,NA\nNA,3\n'),
    ]);
    const result = await load('latin', 'latin.csv', bytes(latin));
    expect(types(result)).toEqual(['pays VARCHAR', 'n BIGINT']);
    expect(result.tables[0].missing).toEqual({ pays: { NA: 1 }, n: { NA: 1 } });
  });
});

describe('declared missing codes', () => {
  it('sets codes for every column to missing, numbers numerically and text by its text', async () => {
    const text = 'id,intensity,share,label\n1,-9,-99.0,-9\n2,3,0.5,ok\n3,-99,-9,x\n';
    const result = await load('codes', 'codes.csv', bytes(text), { missing: [-9, -99] });
    expect(await rows(engine, 'SELECT * FROM codes ORDER BY id')).toEqual([
      { id: 1, intensity: null, share: null, label: null },
      { id: 2, intensity: 3, share: 0.5, label: 'ok' },
      { id: 3, intensity: null, share: null, label: 'x' },
    ]);
    expect(result.tables[0].missing).toEqual({
      intensity: { '-9': 1, '-99': 1 },
      label: { '-9': 1 },
      share: { '-9.0': 1, '-99.0': 1 },
    });
  });

  it('applies codes per column, and names a column the file does not have', async () => {
    const text = 'intensity,start_date,other\n-9,2001-01-02,-9\n4,1900-01-01,5\n';
    const result = await load('per_column', 'per.csv', bytes(text), {
      missing: { intensity: [-9], start_date: ['1900-01-01'], typo: [1] },
    });
    expect(
      await rows(
        engine,
        'SELECT intensity, CAST(start_date AS VARCHAR) AS d, other FROM per_column',
      ),
    ).toEqual([
      { intensity: null, d: '2001-01-02', other: -9 },
      { intensity: 4, d: null, other: 5 },
    ]);
    expect(result.warnings).toContain(
      "`missing:` names column(s) the file does not have: typo. Check the spelling against the table's columns.",
    );
  });

  it('applies the same codes to a Stata file', async () => {
    const result = await load('survey_codes', 'survey.dta', bytes(stataWithExtendedMissing()), {
      missing: { trust: [3], country: [''] },
    });
    expect(await rows(engine, 'SELECT count(trust) AS t FROM survey_codes')).toEqual([{ t: 0 }]);
    expect(result.tables[0].missing?.trust).toEqual({ '.a': 2, '.b': 1, '3': 1 });
  });
});

describe("Stata's extended missing values", () => {
  it('reads .a–.z as missing and counts each per column', async () => {
    const result = await load('survey', 'survey.dta', bytes(stataWithExtendedMissing()));
    expect(await rows(engine, 'SELECT * FROM survey ORDER BY id')).toEqual([
      { id: 1, trust: 3, income: 1200.5, country: 'NA' },
      { id: 2, trust: null, income: null, country: 'ZA' },
      { id: 3, trust: null, income: 800, country: null },
      { id: 4, trust: null, income: 950.25, country: 'BW' },
      { id: 5, trust: null, income: null, country: 'AO' },
    ]);
    expect(result.tables[0].missing).toEqual({
      trust: { '.a': 2, '.b': 1 },
      income: { '.b': 1, '.z': 1 },
    });
    expect(result.warnings).toContain(
      'Extended missing values read as missing: trust (2 .a, 1 .b), income (1 .b, 1 .z).',
    );
  });
});

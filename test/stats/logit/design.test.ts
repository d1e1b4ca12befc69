import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeEngine } from '../../../src/engine/NativeEngine.ts';
import { tableColumns } from '../../../src/stats/columns.ts';
import { buildDesign, type Design, type DesignOptions } from '../../../src/stats/logit/design.ts';
import { loadDesignMatrix } from '../../../src/stats/logit/design-matrix.ts';
import { parseFormula } from '../../../src/stats/logit/formula.ts';
import { quantileCont } from '../../../src/stats/logit/predict.ts';
import { loadCsv } from '../helpers.ts';

let engine: NativeEngine;

beforeAll(async () => {
  engine = await NativeEngine.create();
  await loadCsv(engine, 'main', 'formula-grammar.csv');
});
afterAll(async () => engine.close());

async function design(formula: string, from = 'main', options: DesignOptions = {}) {
  const columns = await tableColumns(engine, from);
  return buildDesign(engine, from, columns, parseFormula(formula), options);
}

function rawRow(d: Design, r: number): Float64Array {
  const raw = new Float64Array(d.raw.length);
  d.rawRow(r, raw);
  return raw;
}

describe('the design row function', () => {
  it('gives every row of the fitted matrix, bit for bit', async () => {
    const d = await design('y ~ x * z + I(x^2) + region + log(`gdp pc`) + alliance:region');
    const matrix = await loadDesignMatrix(engine, d);
    const row = new Float64Array(matrix.width);
    for (let r = 0; r < matrix.n; r++) {
      d.rows.fill(rawRow(d, r), row);
      for (let j = 0; j < matrix.width; j++) {
        if (!Object.is(row[j], matrix.x[r * matrix.width + j])) {
          throw new Error(`row ${r} column ${j}: ${row[j]} vs ${matrix.x[r * matrix.width + j]}`);
        }
      }
    }
    expect(matrix.x.slice(0, matrix.width)[0]).toBe(1);
    expect(matrix.shift[0]).toBe(0);
  });

  it('recomputes every column a variable enters when the variable is set', async () => {
    const d = await design('y ~ x * z + I(x^2) + log(x)');
    const names = d.columns.map((c) => c.term);
    expect(names).toEqual(['x', 'z', 'I(x^2)', 'log(x)', 'x:z']);
    const raw = rawRow(d, 0);
    const x = d.raw.findIndex((v) => v.column.name === 'x');
    const z = raw[d.raw.findIndex((v) => v.column.name === 'z')];
    raw[x] = 2;
    const row = new Float64Array(d.rows.width);
    d.rows.fill(raw, row);
    const shift = d.rows.shift;
    expect(row[1] + shift[1]).toBeCloseTo(2, 14);
    expect(row[3] + shift[3]).toBeCloseTo(4, 14);
    expect(row[4] + shift[4]).toBeCloseTo(Math.log(2), 14);
    expect(row[5] + shift[5]).toBeCloseTo(2 * z, 14);
  });

  it('differentiates each column through transforms and interactions', async () => {
    const d = await design(
      'y ~ x * z + I(x^2) + log(x) + sqrt(x) + exp(x) + I(x/(z + 5)) + x:region + I((x + 1)^-2) + I(-x^3)',
    );
    const x = d.raw.findIndex((v) => v.column.name === 'x');
    const width = d.rows.width;
    const slope = new Float64Array(width);
    const up = new Float64Array(width);
    const down = new Float64Array(width);
    for (const r of [0, 10, 200]) {
      const raw = rawRow(d, r);
      d.rows.derivative(raw, x, slope);
      const h = 1e-6 * Math.max(1, Math.abs(raw[x]));
      const at = raw[x];
      raw[x] = at + h;
      d.rows.fill(raw, up);
      raw[x] = at - h;
      d.rows.fill(raw, down);
      for (let j = 0; j < width; j++) {
        const numeric = (up[j] - down[j]) / (2 * h);
        expect(slope[j], `${d.columns[j - 1]?.term ?? '(Intercept)'} at row ${r}`).toBeCloseTo(
          numeric,
          5,
        );
      }
    }
    // A factor's indicators do not move with x; the intercept neither.
    expect(slope[0]).toBe(0);
  });
});

describe('factors', () => {
  it('orders numeric levels numerically and names them as R does', async () => {
    const d = await design('y ~ factor(code) + factor(grade)');
    expect(d.columns.map((c) => c.term)).toEqual([
      'factor(code)3',
      'factor(code)10',
      'factor(grade)2',
      'factor(grade)1e+05',
    ]);
    expect(d.columns.map((c) => c.level)).toEqual(['3', '10', '2', '1e+05']);
  });

  it('codes text through its sorted levels, whatever the strings hold', async () => {
    const values = ['b', '', "it's", 'Ünïcode', 'a\\b', ' lead', 'Z', 'a"b', 'b'];
    await engine.exec(
      `CREATE OR REPLACE TABLE odd AS SELECT * FROM (VALUES ${values
        .map((v, i) => `(${i % 2}, '${v.replaceAll("'", "''")}')`)
        .join(', ')}) AS t(y, label)`,
    );
    const d = await design('y ~ label', 'odd');
    const raw = d.raw[0];
    expect(raw.levels).toEqual([' lead', '', 'Z', 'a"b', 'a\\b', 'b', "it's", 'Ünïcode'].sort());
    expect(Array.from(raw.values, (code) => raw.levels[code])).toEqual(values);
    expect(d.columns[0].term).toBe(`label${raw.levels[1]}`);
  });

  it('takes 1,000 levels and refuses more', async () => {
    await engine.exec(
      `CREATE OR REPLACE TABLE wide AS SELECT i % 2 AS y, 'c' || (i % 1000) AS country,
       'd' || (i % 1001) AS district FROM range(3000) t(i)`,
    );
    const d = await design('y ~ country', 'wide');
    expect(d.columns).toHaveLength(999);
    await expect(design('y ~ district', 'wide')).rejects.toThrow(
      'text predictor "district" has more than 1000 distinct values',
    );
  });

  it('leaves out a factor with one level in the sample, with a note', async () => {
    await engine.exec(
      `CREATE OR REPLACE TABLE one AS SELECT y, x, 7 AS code FROM main WHERE x IS NOT NULL`,
    );
    const d = await design('y ~ x + factor(code) + x:factor(code)', 'one');
    expect(d.columns.map((c) => c.term)).toEqual(['x']);
    expect(d.notes).toEqual([
      '"factor(code)" has a single value (7) in the estimation sample and was left out (R ' +
        'stops with "contrasts can be applied only to factors with 2 or more levels")',
    ]);
  });

  it('moves the reference level first', async () => {
    const d = await design('y ~ region + alliance', 'main', {
      reference: { region: 'asia', alliance: true },
    });
    expect(d.columns.map((c) => c.term)).toEqual([
      'regionAfrica',
      'regionAmericas',
      'regionEurope',
      'allianceFALSE',
    ]);
  });
});

describe('without an intercept', () => {
  it('has no ones column and no shift: matrix column j is design column j', async () => {
    const d = await design('y ~ region + x - 1');
    const matrix = await loadDesignMatrix(engine, d);
    expect(matrix.intercept).toBe(false);
    expect(matrix.width).toBe(d.columns.length);
    expect(matrix.shift.every((s) => s === 0)).toBe(true);
    const x = d.raw.findIndex((v) => v.column.name === 'x');
    expect(matrix.x[matrix.width - 1]).toBe(d.raw[x].values[0]);
  });
});

describe('quantiles for predictions', () => {
  it("are DuckDB's quantile_cont, bit for bit", async () => {
    const { rows } = await engine.query(
      `SELECT quantile_cont(x, [0, 0.1, 0.25, 0.5, 0.75, 0.9, 1]) AS q, list(x ORDER BY x) AS v
       FROM main WHERE x IS NOT NULL`,
    );
    const sorted = Float64Array.from(rows[0].v as number[]);
    const q = rows[0].q as number[];
    [0, 0.1, 0.25, 0.5, 0.75, 0.9, 1].forEach((p, i) => {
      expect(Object.is(quantileCont(sorted, p), q[i]), `quantile ${p}`).toBe(true);
    });
  });
});

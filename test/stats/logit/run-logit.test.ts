import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeEngine } from '../../../src/engine/NativeEngine.ts';
import { CellError } from '../../../src/shared/errors.ts';
import { runLogit } from '../../../src/stats/logit/run-logit.ts';
import {
  columnsOf,
  expectLogitMatches,
  loadCsv,
  readJson,
  temporaryTables,
  type RLogit,
} from '../helpers.ts';

const reference = readJson<{ logit: RLogit[] }>('reference.json').logit;
const model = (name: string) => reference.find((m) => m.name === name) as RLogit;
let engine: NativeEngine;

beforeAll(async () => {
  engine = await NativeEngine.create();
  await loadCsv(engine, 'logit', 'logit.csv');
});
afterAll(async () => engine.close());

describe('runLogit against R glm(family = binomial)', () => {
  for (const ref of reference) {
    it(`${ref.name}: ${ref.formula}`, async () => {
      const result = await runLogit(engine, {
        from: 'logit',
        formula: ref.formula,
        level: ref.level,
        ...(ref.predict ? { predict: ref.predict } : {}),
      });
      expectLogitMatches(result.tables, ref);
      expect(result.tables._fit.rows[0].n_dropped).toBe(ref.dropped);
      expect(result.tables._missing.rows.at(-1)).toEqual({
        column: '(listwise)',
        missing: ref.dropped,
      });
      if (ref.dropped > 0) {
        expect(result.warnings[0]).toBe(
          `${ref.dropped} rows with a missing value in a model column were left out`,
        );
      }
      expect(await temporaryTables(engine)).toEqual([]);
    });
  }

  it('returns the documented columns', async () => {
    const result = await runLogit(engine, {
      from: 'logit',
      formula: 'y ~ x1 + flag',
      predict: 'flag',
    });
    expect(columnsOf(result.tables[''])).toEqual([
      'term VARCHAR',
      ...['estimate', 'std_error', 'statistic', 'p_value', 'conf_low', 'conf_high'].map(
        (c) => `${c} DOUBLE`,
      ),
      ...['odds_ratio', 'or_low', 'or_high'].map((c) => `${c} DOUBLE`),
    ]);
    expect(columnsOf(result.tables._fit)).toEqual([
      'n BIGINT',
      'n_dropped BIGINT',
      'log_likelihood DOUBLE',
      'aic DOUBLE',
      'deviance DOUBLE',
      'null_deviance DOUBLE',
      'iterations INTEGER',
      'converged BOOLEAN',
      'warning VARCHAR',
      'bic DOUBLE',
      'df_residual BIGINT',
      'se_type VARCHAR',
      'clusters BIGINT',
      'method VARCHAR',
    ]);
    expect(columnsOf(result.tables._predicted)).toEqual([
      'flag BOOLEAN',
      'predicted DOUBLE',
      'lower DOUBLE',
      'upper DOUBLE',
      'n BIGINT',
    ]);
    expect(columnsOf(result.tables._missing)).toEqual(['column VARCHAR', 'missing BIGINT']);
    expect(result.tables._fit.rows[0].warning).toBeNull();
  });

  it('counts missing values per model column in formula order, outcome first (colSums(is.na))', async () => {
    // reference.R blanks 4 outcomes, 6 x1 and 5 region values, some in the same rows.
    const result = await runLogit(engine, { from: 'logit', formula: 'y ~ x1 + region' });
    expect(result.tables._missing.rows).toEqual([
      { column: 'y', missing: 4 },
      { column: 'x1', missing: 6 },
      { column: 'region', missing: 5 },
      { column: '(listwise)', missing: model('quantiles').dropped },
    ]);
  });

  it('dummy-codes text against the first level in C-locale order (capitals first)', async () => {
    const result = await runLogit(engine, { from: 'logit', formula: 'y ~ region' });
    expect(result.tables[''].rows.map((r) => r.term)).toEqual([
      '(Intercept)',
      'regionAsia',
      'regionEurope',
      'regionafrica',
    ]);
  });
});

describe('runLogit problems it reports instead of printing nonsense', () => {
  it('complete separation: R says fitted probabilities 0 or 1; the warning names the term', async () => {
    const ref = model('complete_separation');
    expect(ref.warnings).toContain('glm.fit: fitted probabilities numerically 0 or 1 occurred');
    const result = await runLogit(engine, { from: 'logit', formula: ref.formula });
    const warning = String(result.tables._fit.rows[0].warning);
    expect(warning).toMatch(/^complete separation: sepx predicts the outcome perfectly/);
    expect(warning).toContain('fitted probabilities numerically 0 or 1 occurred');
    expect(result.tables._fit.rows[0].converged).toBe(false);
    expect(result.warnings).toContain(warning);
  });

  it('quasi-complete separation that R fits without a word is still named', async () => {
    const ref = model('quasi_separation');
    expect(ref.warnings).toEqual([]);
    const result = await runLogit(engine, { from: 'logit', formula: ref.formula });
    const warning = String(result.tables._fit.rows[0].warning);
    expect(warning).toMatch(/^quasi-complete separation: blocC predicts the outcome perfectly/);
    // The advice names the remedy with the exact line to add (issue 18).
    expect(warning).toContain("fit Firth's penalised logit by adding the line `method: firth`");
    const blocC = result.tables[''].rows.find((r) => r.term === 'blocC');
    expect(Number(blocC?.std_error)).toBeGreaterThan(100);
  });

  it('constant and collinear predictors: estimate NULL, named in the warning', async () => {
    const result = await runLogit(engine, { from: 'logit', formula: model('collinear').formula });
    const rows = result.tables[''].rows;
    expect(rows.filter((r) => r.estimate === null).map((r) => r.term)).toEqual(['x3', 'const']);
    expect(result.tables._fit.rows[0].warning).toBe(
      'rank deficient: const is constant and x3 is a linear combination of other predictors in ' +
        'the estimation sample, so their estimates are NULL (R reports NA)',
    );
  });

  it('a text predictor with one level in the sample is left out with a note (R stops)', async () => {
    await engine.exec(`CREATE OR REPLACE VIEW asia AS SELECT * FROM logit WHERE region = 'Asia'`);
    const result = await runLogit(engine, { from: 'asia', formula: 'y ~ x1 + region' });
    expect(result.tables[''].rows.map((r) => r.term)).toEqual(['(Intercept)', 'x1']);
    expect(result.tables._fit.rows[0].warning).toMatch(/^"region" has a single value \("Asia"\)/);
  });

  it('refuses an outcome that is not 0/1, a missing column and an unknown predict column', async () => {
    const notBinary = runLogit(engine, { from: 'logit', formula: 'count ~ x1' });
    await expect(notBinary).rejects.toThrow(CellError);
    await expect(notBinary).rejects.toThrow(
      'outcome column "count" must be boolean or 0/1; found 2, 3, 4, 5, 6 — derive a 0/1 column in a sql cell first',
    );
    await expect(
      runLogit(engine, { from: 'logit', formula: 'y ~ x1 + `Crit inf`' }),
    ).rejects.toThrow(
      /^predictor column "Crit inf" not found \(did you mean "Crit Inf"\?\); available columns: "x1", "x2"/,
    );
    await expect(
      runLogit(engine, { from: 'logit', formula: 'y ~ x1', predict: 'x2' }),
    ).rejects.toThrow(
      'predict names "x2", which is not a predictor in the formula (predictors: "x1")',
    );
    expect(await temporaryTables(engine)).toEqual([]);
  });
});

describe('runLogit gives the same bits however DuckDB runs', () => {
  it('one thread or four, 300,000 rows: every estimate, SE and the deviance are identical', async () => {
    // Sums inside DuckDB depend on how its threads split the rows; the fit must not, or the
    // browser (one thread) and the command line (all cores) would print different digits.
    const table = `CREATE TABLE big AS SELECT
        CAST(hash(i * 7 + 1) % 2 AS INTEGER) AS y,
        (hash(i * 7 + 2) % 1000000) / 1e5 - 5 AS x1,
        (hash(i * 7 + 3) % 1000) / 37.0 AS x2,
        ['Africa', 'Americas', 'Asia', 'Europe'][1 + CAST(hash(i * 7 + 4) % 4 AS INTEGER)] AS region
      FROM range(300000) AS t(i)`;
    const fits = [];
    for (const threads of [1, 4]) {
      const own = await NativeEngine.create({ threads });
      try {
        const { rows } = await own.query("SELECT current_setting('threads') AS n");
        expect(Number(rows[0].n)).toBe(threads);
        await own.exec(table);
        fits.push(await runLogit(own, { from: 'big', formula: 'y ~ x1 + x2 + region' }));
      } finally {
        await own.close();
      }
    }
    const [one, four] = fits;
    expect(four.tables[''].rows).toEqual(one.tables[''].rows);
    expect(four.tables._fit.rows).toEqual(one.tables._fit.rows);
    expect(one.tables[''].rows.map((r) => r.term)).toEqual([
      '(Intercept)',
      'x1',
      'x2',
      'regionAmericas',
      'regionAsia',
      'regionEurope',
    ]);
  });
});

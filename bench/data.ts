import { ident, literal } from '../src/engine/sql.ts';

/**
 * Generated benchmark data. Every value is a function of the row number through DuckDB's
 * hash(), so the same SQL gives the same table in DuckDB-WASM and native DuckDB (same DuckDB
 * version), on every run, with no random seed to carry around. `salt` (0–63) picks a stream:
 * the hash of i * 64 + salt, never hash(i, salt), whose streams are far from independent
 * (DuckDB combines the two hashes cheaply, and the logit data came out correlated).
 */

/** A double uniform in (0, 1) from the top 53 bits of the hash. */
export function uniform(salt: number): string {
  return `(((hash(i * 64 + ${salt}) >> 11)::DOUBLE + 0.5) / 9007199254740992.0)`;
}

/** A standard normal (Box–Muller on two independent uniforms). */
export function normal(salt: number): string {
  return `(sqrt(-2 * ln(${uniform(salt)})) * cos(2 * pi() * ${uniform(salt + 1)}))`;
}

/** An integer in [0, n). */
function below(n: number, salt: number): string {
  return `CAST(hash(i * 64 + ${salt}) % ${n} AS INTEGER)`;
}

const REGIONS = ['Africa', 'Americas', 'Asia', 'Europe', 'Middle East'];

function pick(values: readonly string[], salt: number): string {
  return `[${values.map(literal).join(', ')}][${below(values.length, salt)} + 1]`;
}

export const RATE_TABLE = 'bench_rate';

/**
 * The rate figure's table: 5 groups (`g1`…`g5`) with success rates .20, .35, .50, .65, .80,
 * plus an id and a score so the table looks like data rather than two columns.
 */
export function rateTableSql(rows: number): string {
  return `CREATE OR REPLACE TABLE ${ident(RATE_TABLE)} AS\n${rateRowsSql(0, rows)}`;
}

/**
 * The same table built in statements of `batch` rows each (the first creates it, the others
 * insert), as the app builds tables from its JavaScript readers (Parquet, Excel, Stata, JSON:
 * batched INSERTs). DuckDB keeps an in-memory table's new rows uncompressed until the statement
 * that wrote them commits, so one 10M-row statement needs about twice the memory the compressed
 * table then takes, and WebAssembly memory never shrinks.
 */
export function rateTableBatchesSql(rows: number, batch: number): string[] {
  const statements: string[] = [];
  for (let from = 0; from < rows; from += batch) {
    const select = rateRowsSql(from, Math.min(rows, from + batch));
    statements.push(
      from === 0
        ? `CREATE OR REPLACE TABLE ${ident(RATE_TABLE)} AS\n${select}`
        : `INSERT INTO ${ident(RATE_TABLE)}\n${select}`,
    );
  }
  return statements;
}

/** Rows [from, to) of the rate figure's table. */
function rateRowsSql(from: number, to: number): string {
  const group = below(5, 1);
  return `SELECT
  CAST(i AS INTEGER) AS id,
  'g' || CAST(${group} + 1 AS VARCHAR) AS grp,
  ${uniform(2)} < 0.2 + 0.15 * ${group} AS success,
  round(100 * ${uniform(3)}, 3) AS score
FROM range(${from}, ${to}) t(i)`;
}

export const LOGIT_TABLE = 'bench_logit';
/** Eight predictors: five normals, a boolean, a count and a 5-level text column. */
export const LOGIT_FORMULA = 'y ~ x1 + x2 + x3 + x4 + x5 + treated + events + region';

/**
 * The logit figure's table. Predictors are rounded to 6 decimals so that the CSV handed to R
 * holds exactly the same doubles. y follows a logistic model with known coefficients.
 */
export function logitTableSql(rows: number): string {
  const eta = [
    '-0.5',
    '0.8 * x1',
    '-0.5 * x2',
    '0.3 * x3',
    '0.2 * x5',
    '0.6 * treated::INTEGER',
    '-0.1 * events',
    `CASE region WHEN 'Americas' THEN 0.3 WHEN 'Asia' THEN -0.2 WHEN 'Europe' THEN 0.5
       WHEN 'Middle East' THEN -0.4 ELSE 0 END`,
  ].join(' + ');
  return `CREATE OR REPLACE TABLE ${ident(LOGIT_TABLE)} AS
SELECT x1, x2, x3, x4, x5, treated, events, region,
  u < 1 / (1 + exp(-(${eta}))) AS y
FROM (
  SELECT
    round(${normal(10)}, 6) AS x1,
    round(${normal(12)}, 6) AS x2,
    round(${normal(14)}, 6) AS x3,
    round(${normal(16)}, 6) AS x4,
    round(2 * ${normal(18)}, 6) AS x5,
    ${uniform(20)} < 0.4 AS treated,
    ${below(10, 21)} AS events,
    ${pick(REGIONS, 22)} AS region,
    ${uniform(23)} AS u
  FROM range(${rows}) t(i)
)`;
}

/**
 * The CSV-load figure's rows: about 80 bytes a line, with the column types a sanctions or
 * incidents file has (ids, names, categories, years, dates, measurements, flags).
 */
export function csvRowsSql(rows: number): string {
  return `SELECT
  i + 1 AS id,
  'country_' || CAST(${below(1000, 40)} AS VARCHAR) AS country,
  ${pick(REGIONS, 41)} AS region,
  1946 + ${below(60, 42)} AS year,
  DATE '1946-01-01' + ${below(21900, 43)} AS start_date,
  round(3 * ${normal(44)}, 6) AS gdp_growth,
  round(100000 * ${uniform(46)}, 3) AS trade,
  ${uniform(47)} < 0.3 AS sanctioned,
  round(${uniform(48)}, 6) AS score
FROM range(${rows}) t(i)`;
}

export const INPUT_TABLE = 'bench_input';
export const INPUT_NAME = 'from_year';

/** The input figure's rows: years 1900–1999, 8 groups, a score. */
export function inputRowsSql(rows: number): string {
  return `SELECT
  i + 1 AS id,
  1900 + ${below(100, 60)} AS year,
  'group ' || CAST(${below(8, 61)} + 1 AS VARCHAR) AS grp,
  round(100 * ${uniform(62)}, 3) AS score
FROM range(${rows}) t(i)`;
}

/** A notebook whose chart depends on the `from_year` slider through a sql cell. */
export function inputNotebook(csvName: string): string {
  const fence = '```';
  return `---
title: Benchmark — input to chart
datasets:
  ${INPUT_TABLE}:
    file: ${csvName}
---

${fence}input ${INPUT_NAME}
type: range
min: 1900
max: 1990
step: 1
value: 1900
label: Rows from this year on
${fence}

${fence}sql by_group
SELECT grp, avg(score) AS mean_score, count(*) AS n
FROM ${INPUT_TABLE}
WHERE year >= $${INPUT_NAME}
GROUP BY grp
ORDER BY grp
${fence}

${fence}chart
from: by_group
mark: barY
x: grp
y: mean_score
title: Benchmark chart
${fence}
`;
}

/** COPY of a query to a CSV file with a header (native DuckDB writes it). */
export function copyToCsvSql(query: string, path: string): string {
  return `COPY (${query}) TO ${literal(path)} (FORMAT csv, HEADER true)`;
}

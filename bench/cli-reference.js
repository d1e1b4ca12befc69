// The `cli` figure's reference (bench/figures/cli.ts): a plain Node script that does the
// loads and queries of notebooks/welcome.md with @duckdb/node-api and nothing else: the
// dataset's sha256, the CSV into a table, the `us_episodes` query, the rate cell's counts and
// the rows the logit cell reads, written to a results.json. No notebook parsing, no
// statistics, no charts: what a person would write by hand to get the same tables.
// Usage: node bench/cli-reference.js <demo-sanctions-synthetic.csv> <out dir>
import { DuckDBInstance } from '@duckdb/node-api';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [csv, out] = process.argv.slice(2);
const sha256 = createHash('sha256').update(readFileSync(csv)).digest('hex');
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const path = `'${csv.replaceAll("'", "''")}'`;
await connection.run(`CREATE TABLE episodes AS FROM read_csv(${path})`);
await connection.run(`CREATE TABLE us_episodes AS
  SELECT episode_id, start_year, target, target_region, target_regime, embassy_closed,
    target_costs, multilateral, institution_involved,
    (start_year - 1945) / 10 AS decades_since_1945, NOT success AS failed
  FROM episodes WHERE us_primary_sender AND start_year >= 1945`);
const rate = await connection.runAndReadAll(`SELECT embassy_closed, count(*) AS n,
    count(*) FILTER (WHERE failed) AS successes, successes / n AS rate
  FROM us_episodes WHERE failed IS NOT NULL GROUP BY ALL ORDER BY ALL`);
const design = await connection.runAndReadAll(`SELECT failed, embassy_closed, target_costs,
    multilateral, institution_involved, target_regime, decades_since_1945
  FROM us_episodes`);
mkdirSync(out, { recursive: true });
writeFileSync(
  join(out, 'results.json'),
  JSON.stringify(
    { sha256, rate: rate.getRowObjectsJson(), designRows: design.getRowObjectsJson().length },
    null,
    2,
  ) + '\n',
);
connection.closeSync();

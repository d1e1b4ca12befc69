/**
 * The same-work floor for the cold-start and warm-start figures: what the default notebook
 * (notebooks/welcome.md) does up to its first chart, written by hand against DuckDB-WASM and
 * Observable Plot and nothing else. It fetches the same demo CSV from the same origin, loads it
 * into DuckDB, runs the notebook's `us_episodes` SQL (slider at its default, 1945), the rate
 * cell's aggregate (one GROUP BY; 95% Wilson intervals in JavaScript, as R's prop.test) and
 * draws the same bar chart (bars by embassy closure, whiskers from lower to upper). No project
 * code is imported, so this is the least any page doing that work could cost here.
 */
import * as Plot from '@observablehq/plot';
import {
  AsyncDuckDB,
  DuckDBDataProtocol,
  VoidLogger,
  selectBundle,
  type DuckDBBundles,
} from '@duckdb/duckdb-wasm';
import ehModule from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import mvpModule from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import csvUrl from '../../data/demo-sanctions-synthetic.csv?url';
import type { BenchWindow, SameWorkRow } from './api.ts';

const bundles: DuckDBBundles = {
  mvp: { mainModule: mvpModule, mainWorker: mvpWorker },
  eh: { mainModule: ehModule, mainWorker: ehWorker },
};

/** welcome.md's `us_episodes` cell, with `$from_year` at the slider's default value. */
const US_EPISODES = `CREATE TABLE us_episodes AS
SELECT
  episode_id,
  start_year,
  target,
  target_region,
  target_regime,
  embassy_closed,
  target_costs,
  multilateral,
  institution_involved,
  (start_year - 1945) / 10 AS decades_since_1945,
  NOT success AS failed
FROM episodes
WHERE us_primary_sender AND start_year >= 1945`;

/** The rate cell's count: `from: us_episodes, outcome: failed, by: embassy_closed`. */
const RATE = `SELECT embassy_closed, count(failed) AS n, count_if(failed) AS successes
FROM us_episodes GROUP BY embassy_closed ORDER BY embassy_closed NULLS LAST`;

/** R's qnorm(0.975). */
const Z = 1.959963984540054;

function wilson(successes: number, n: number): { lower: number; upper: number } {
  const p = successes / n;
  const z22n = (Z * Z) / (2 * n);
  const spread = Z * Math.sqrt((p * (1 - p)) / n + z22n / (2 * n));
  const upper = p >= 1 ? 1 : (p + z22n + spread) / (1 + 2 * z22n);
  const lower = p <= 0 ? 0 : (p + z22n - spread) / (1 + 2 * z22n);
  return { lower: Math.max(lower, 0), upper: Math.min(upper, 1) };
}

async function start(): Promise<void> {
  const bundle = await selectBundle(bundles);
  const db = new AsyncDuckDB(new VoidLogger(), new Worker(bundle.mainWorker!));
  const csv = fetch(csvUrl).then((r) => r.blob());
  await db.instantiate(bundle.mainModule, null);
  await db.open({ path: ':memory:' });
  const connection = await db.connect();
  await db.registerFileHandle(
    'episodes.csv',
    await csv,
    DuckDBDataProtocol.BROWSER_FILEREADER,
    true,
  );
  await connection.query(`CREATE TABLE episodes AS FROM read_csv('episodes.csv')`);
  await connection.query(US_EPISODES);
  const counts = await connection.query(RATE);
  const rows: SameWorkRow[] = counts.toArray().map((r: Record<string, unknown>) => {
    const n = Number(r.n);
    const successes = Number(r.successes);
    return {
      embassy_closed: r.embassy_closed as boolean | null,
      n,
      successes,
      rate: successes / n,
      ...wilson(successes, n),
    };
  });
  const chart = Plot.plot({
    title: 'Failure rate of US-led sanctions by embassy closure',
    caption:
      'Synthetic demo data. Bars show the share of episodes that failed; whiskers are 95% Wilson intervals.',
    x: { type: 'band', label: 'embassy_closed' },
    y: { grid: true, label: 'rate' },
    color: { legend: true },
    marks: [
      Plot.barY(rows, { x: 'embassy_closed', y: 'rate', fill: 'embassy_closed', tip: true }),
      Plot.ruleY([0]),
      Plot.ruleX(rows, {
        x: 'embassy_closed',
        y1: 'lower',
        y2: 'upper',
        stroke: '#333',
        strokeWidth: 1.5,
        markerStart: 'tick',
        markerEnd: 'tick',
      }),
    ],
  });
  document.getElementById('chart')!.append(chart);
  const drawnAt = performance.now();
  const bars = chart.querySelectorAll('g[aria-label="bar"] rect').length;
  (window as unknown as BenchWindow).sameWork = { drawnAt, rows, bars };
}

start().catch((error: unknown) => {
  (window as unknown as BenchWindow).sameWorkError = String(error);
});

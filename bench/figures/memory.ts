import type { CDPSession, Page } from 'playwright-core';
import { ident } from '../../src/engine/sql.ts';
import { execInPage, inFreshContext, openBenchPage, requirePage } from '../browser.ts';
import { RATE_TABLE, rateTableBatchesSql, rateTableSql } from '../data.ts';
import { errorMessage, median, ratioOf } from '../measure.ts';
import type { BenchWindow } from '../pages/api.ts';
import { wasmMemoryBytesInWorker } from '../pages/wasm-memory-probe.ts';
import type { RateSpec } from '../../src/stats/rate.ts';
import type { BenchContext, Figure, FigureResult, Reference } from './types.ts';
import { unavailableResult } from './types.ts';
import { RATE_ROWS } from './rate.ts';

const MAX_RATIO = 1.1;
/** The earlier target against the data's raw size, kept in the details. */
const MAX_RAW_RATIO = 2;
/** Rows per statement when the table is built in batches (see rateTableBatchesSql). */
const BATCH_ROWS = 1_000_000;
const MB = 1e6;
/** Bytes per value of the fixed-width types the generated table uses. */
const WIDTHS: Record<string, number> = { INTEGER: 4, BOOLEAN: 1, DOUBLE: 8, BIGINT: 8 };

interface Sample {
  jsHeap: number;
  wasm: number;
  duckdb: number;
}

async function sample(page: Page, cdp: CDPSession): Promise<Sample> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const jsHeap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
  let wasm = 0;
  for (const worker of page.workers()) wasm += await worker.evaluate(wasmMemoryBytesInWorker);
  const { rows } = await page.evaluate(() =>
    (window as unknown as BenchWindow).bench.query(
      'SELECT sum(memory_usage_bytes) AS b FROM duckdb_memory()',
    ),
  );
  return { jsHeap, wasm, duckdb: Number(rows[0].b) };
}

/** The data's own size: fixed-width columns at their width, text at its UTF-8 bytes. */
async function rawBytes(page: Page): Promise<number> {
  const query = (sql: string) =>
    page.evaluate((s) => (window as unknown as BenchWindow).bench.query(s), sql);
  const { rows: columns } = await query(`DESCRIBE ${ident(RATE_TABLE)}`);
  const terms = columns.map((c) => {
    const type = String(c.column_type);
    const name = ident(String(c.column_name));
    if (type === 'VARCHAR') return `sum(strlen(${name}))`;
    if (!(type in WIDTHS)) throw new Error(`no raw width for ${type}`);
    return `count(*) * ${WIDTHS[type]}`;
  });
  const { rows } = await query(`SELECT ${terms.join(' + ')} AS raw FROM ${ident(RATE_TABLE)}`);
  return Number(rows[0].raw);
}

/**
 * A fresh bench page's peak memory once `statements` have built the 10M-row table and a rate
 * cell has run over it, and the data's raw size.
 */
async function peakHolding(
  ctx: BenchContext,
  page: Page,
  statements: string[],
): Promise<{ peakMB: number; rawMB: number; check: string; details: Record<string, number> }> {
  await openBenchPage(ctx, page, 'bench', '?probe');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const before = await sample(page, cdp);
  if (before.wasm === 0) throw new Error('the probe saw no WebAssembly memory');
  for (const statement of statements) await execInPage(page, statement);
  const loaded = await sample(page, cdp);
  const spec: RateSpec = { from: RATE_TABLE, outcome: 'success', by: 'grp' };
  await page.evaluate((s) => (window as unknown as BenchWindow).bench.rate(s), spec);
  const after = await sample(page, cdp);
  const peak = Math.max(...[loaded, after].map((s) => s.jsHeap + s.wasm));
  const { rows: checked } = await page.evaluate(
    (sql) => (window as unknown as BenchWindow).bench.query(sql),
    CHECK_SQL,
  );
  return {
    peakMB: peak / MB,
    rawMB: (await rawBytes(page)) / MB,
    check: normalise(checked),
    details: {
      beforeJsHeapMB: before.jsHeap / MB,
      beforeWasmMB: before.wasm / MB,
      jsHeapMB: Math.max(loaded.jsHeap, after.jsHeap) / MB,
      wasmMB: after.wasm / MB,
      duckdbMemoryMB: Math.max(loaded.duckdb, after.duckdb) / MB,
    },
  };
}

/** Per group: rows and successes, the same on both pages when they made the same table. */
const CHECK_SQL = `SELECT string_agg(concat_ws(':', grp, n, successes, ids), ',' ORDER BY grp) AS c
FROM (SELECT grp, count(*) AS n, count_if(success) AS successes, sum(id) AS ids
  FROM ${ident(RATE_TABLE)} GROUP BY grp)`;

/** The count runRate issues for `from: bench_rate, outcome: success, by: grp` (src/stats/rate.ts). */
const RATE_COUNT_SQL = `SELECT grp, count(success) AS n, count_if(success) AS successes, count(*) AS total
FROM ${ident(RATE_TABLE)} GROUP BY grp ORDER BY grp NULLS LAST`;

function normalise(rows: Record<string, unknown>[]): string {
  return String(rows[0]?.c);
}

async function bareSample(page: Page, cdp: CDPSession): Promise<Sample> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const jsHeap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
  let wasm = 0;
  for (const worker of page.workers()) wasm += await worker.evaluate(wasmMemoryBytesInWorker);
  const rows = await page.evaluate(() =>
    (window as unknown as BenchWindow).bare.exec(
      'SELECT sum(memory_usage_bytes) AS b FROM duckdb_memory()',
    ),
  );
  return { jsHeap, wasm, duckdb: Number(rows[0].b) };
}

/**
 * The reference: bare.html (DuckDB-WASM with its defaults, nothing of the project's) holding the
 * same table made by the same statement, after the same count the rate cell runs.
 */
async function barePeakHolding(
  ctx: BenchContext,
  page: Page,
  statement: string,
): Promise<{ peakMB: number; check: string; details: Record<string, number> }> {
  await page.goto(`${ctx.url}bench/bare.html?probe`);
  await page.waitForFunction(() => 'bare' in window);
  await page.evaluate(() => (window as unknown as BenchWindow).bare.ready());
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const exec = (sql: string) =>
    page.evaluate((s) => (window as unknown as BenchWindow).bare.exec(s), sql);
  const before = await bareSample(page, cdp);
  if (before.wasm === 0) throw new Error('the probe saw no WebAssembly memory in bare.html');
  await exec(statement);
  const loaded = await bareSample(page, cdp);
  await exec(RATE_COUNT_SQL);
  const after = await bareSample(page, cdp);
  const peak = Math.max(...[loaded, after].map((s) => s.jsHeap + s.wasm));
  return {
    peakMB: peak / MB,
    check: normalise(await exec(CHECK_SQL)),
    details: {
      jsHeapMB: Math.max(loaded.jsHeap, after.jsHeap) / MB,
      wasmMB: after.wasm / MB,
      duckdbMemoryMB: Math.max(loaded.duckdb, after.duckdb) / MB,
    },
  };
}

/**
 * The page's memory while it holds the rate figure's 10M-row table and has just run the rate
 * cell: the page's JS heap (CDP Performance.getMetrics) plus DuckDB's WebAssembly memory in
 * its worker (seen through the bench page's probe). Reference: bare.html, DuckDB-WASM with its
 * defaults, holding the same table made by the same statement (one CREATE TABLE AS, as a
 * notebook's sql cell would make it) after the same count; the app may add at most 10%. The
 * data's raw size and the same table built in 1M-row statements, as the app's JavaScript
 * readers build theirs, are in the details.
 */
export const memory: Figure = {
  id: 'memory',
  title: 'Peak memory holding the 10M-row table',
  defaultRuns: 3,
  async run(ctx, runs): Promise<FigureResult> {
    const target = `≤ ${MAX_RATIO}× bare DuckDB-WASM page`;
    try {
      requirePage(ctx, 'bench');
      requirePage(ctx, 'bare');
    } catch (error) {
      return unavailableResult(this, 'MB', target, errorMessage(error));
    }
    const peaks: number[] = [];
    const batchedPeaks: number[] = [];
    const raws: number[] = [];
    const bare: Reference = {
      label: 'bare DuckDB-WASM page, same table by the same statement',
      unit: 'MB',
      median: null,
      runs: [],
    };
    const runDetails: Record<string, number>[] = [];
    const bareDetails: Record<string, number>[] = [];
    let same = true;
    try {
      for (let run = 0; run < runs; run++) {
        const statement = rateTableSql(RATE_ROWS);
        const reference = await inFreshContext(ctx, (page) =>
          barePeakHolding(ctx, page, statement),
        );
        const single = await inFreshContext(ctx, (page) => peakHolding(ctx, page, [statement]));
        const batched = await inFreshContext(ctx, (page) =>
          peakHolding(ctx, page, rateTableBatchesSql(RATE_ROWS, BATCH_ROWS)),
        );
        same &&= reference.check === single.check && single.check === batched.check;
        bare.runs.push(reference.peakMB);
        peaks.push(single.peakMB);
        batchedPeaks.push(batched.peakMB);
        raws.push(single.rawMB);
        runDetails.push(single.details);
        bareDetails.push(reference.details);
        ctx.log(
          `  run ${run + 1}: ${single.peakMB.toFixed(0)} MB, bare page ${reference.peakMB.toFixed(0)} MB (raw ${single.rawMB.toFixed(0)} MB); built in ${BATCH_ROWS.toLocaleString('en-US')}-row statements: ${batched.peakMB.toFixed(0)} MB`,
        );
      }
    } catch (error) {
      return unavailableResult(this, 'MB', target, errorMessage(error));
    }
    const value = median(peaks);
    const raw = median(raws);
    bare.median = median(bare.runs);
    const ratio = ratioOf(value, bare.median);
    return {
      id: this.id,
      title: this.title,
      unit: 'MB',
      value,
      runs: peaks,
      references: [bare, { label: 'raw size of the data', unit: 'MB', median: raw, runs: raws }],
      ratio,
      target,
      pass: ratio === null ? null : same && ratio <= MAX_RATIO,
      ...(same ? {} : { unavailable: 'the pages made different tables' }),
      details: {
        rows: RATE_ROWS,
        sameTableAsBarePage: same,
        ratioToRaw: ratioOf(value, raw),
        rawTarget: `≤ ${MAX_RAW_RATIO}× raw data`,
        runs: runDetails,
        barePageRuns: bareDetails,
        builtInBatches: {
          batchRows: BATCH_ROWS,
          peakMBMedian: median(batchedPeaks),
          peaksMB: batchedPeaks,
          ratio: ratioOf(median(batchedPeaks), bare.median),
          ratioToRaw: ratioOf(median(batchedPeaks), raw),
        },
        measuredAs:
          "page JSHeapUsedSize (CDP) + byte length of every WebAssembly.Memory in the DuckDB worker, after creating the table and after a rate run (max); bare page: the same after the same CREATE TABLE AS and the rate cell's count query; MB = 10^6 bytes",
      },
    };
  },
};

import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ident, literal } from '../../src/engine/sql.ts';
import { inFreshContext, requirePage } from '../browser.ts';
import { csvRowsSql } from '../data.ts';
import { errorMessage, median, ratioOf, time } from '../measure.ts';
import { withNative } from '../native.ts';
import type { BenchWindow } from '../pages/api.ts';
import { pickAndLoad, timeNativeLoad } from './file-load.ts';
import type { BenchContext, Figure, FigureResult, Reference } from './types.ts';

const ROWS = 1_000_000;
const MIN_MB_PER_S = 40;
const MAX_RATIO = 4;
const PARQUET_NAME = 'sanctions-1m.parquet';

/** Per column: non-missing values and a checksum, the same when both sides read the same rows. */
const CHECK_SQL = (table: string) => `SELECT count(*) AS n, count(DISTINCT country) AS countries,
  sum(id) AS ids, sum(year) AS years, count_if(sanctioned) AS sanctioned,
  round(sum(gdp_growth), 3) AS growth, round(sum(trade), 1) AS trade,
  min(start_date)::VARCHAR || '..' || max(start_date)::VARCHAR AS dates
FROM ${ident(table)}`;

/**
 * The alternative the app does not take: DuckDB-WASM's own read_parquet on the picked file in
 * bare.html (DuckDB's defaults, so it may try to fetch its parquet extension from the network).
 */
async function wasmReadParquetMs(ctx: BenchContext, file: string): Promise<number> {
  return inFreshContext(ctx, async (page) => {
    await page.goto(`${ctx.url}bench/bare.html`);
    await page.waitForFunction(() => 'bare' in window);
    await page.evaluate(() => (window as unknown as BenchWindow).bare.ready());
    await page.setInputFiles('[data-testid=file-input]', file);
    return page.evaluate(async () => {
      const bare = (window as unknown as BenchWindow).bare;
      const name = await bare.registerPicked();
      const started = performance.now();
      await bare.exec(`CREATE TABLE t AS FROM read_parquet('${name}')`);
      const ms = performance.now() - started;
      const [{ n }] = await bare.exec('SELECT count(*) AS n FROM t');
      if (Number(n) !== 1_000_000) throw new Error(`read_parquet gave ${String(n)} rows`);
      return ms;
    });
  });
}

/**
 * A user-picked 1M-row Parquet file (zstd, the csv-load figure's columns, written by native
 * DuckDB) through loadFile() in the bench page, the File handed over by setInputFiles() as a
 * file picker would. References: native DuckDB's read_parquet alone, and native loadFile().
 */
export const parquetLoad: Figure = {
  id: 'parquet-load',
  title: 'Load a picked 1M-row Parquet file into a table',
  defaultRuns: 3,
  async run(ctx, runs): Promise<FigureResult> {
    const target = `≥ ${MIN_MB_PER_S} MB/s and ≤ ${MAX_RATIO}× native read_parquet`;
    const file = join(ctx.tmp, PARQUET_NAME);
    const readParquet: Reference = {
      label: 'native read_parquet',
      unit: 'ms',
      median: null,
      runs: [],
    };
    const nativeLoad: Reference = {
      label: 'native loadFile()',
      unit: 'ms',
      median: null,
      runs: [],
    };
    const times: number[] = [];
    const phases: Record<string, number>[] = [];
    let problem: string | undefined;
    let nativeCheck: string | undefined;
    let browserCheck: string | undefined;
    // DuckDB-WASM's own read_parquet in bare.html, where DuckDB may fetch its extension.
    const wasmReadParquet: number[] = [];
    let wasmReadParquetProblem: string | undefined;
    try {
      requirePage(ctx, 'bench');
    } catch (error) {
      problem = errorMessage(error);
    }
    await withNative(async (engine) => {
      await engine.exec(
        `COPY (${csvRowsSql(ROWS)}) TO ${literal(file)} (FORMAT parquet, COMPRESSION zstd)`,
      );
      // The three take turns, so a busy spell on the machine hits all of them.
      for (let run = 0; run < runs; run++) {
        const table = `loaded_${run}`;
        readParquet.runs.push(
          await time(() =>
            engine.exec(`CREATE TABLE ${ident(table)} AS FROM read_parquet(${literal(file)})`),
          ),
        );
        nativeCheck ??= JSON.stringify((await engine.query(CHECK_SQL(table))).rows[0]);
        await engine.exec(`DROP TABLE ${ident(table)}`);
        await timeNativeLoad(engine, nativeLoad, table, PARQUET_NAME, file);
        if (!problem) {
          try {
            await inFreshContext(ctx, async (page) => {
              const { ms, value } = await pickAndLoad(ctx, page, file);
              times.push(ms);
              phases.push(value.phases);
              if (browserCheck === undefined) {
                const { rows } = await page.evaluate(
                  (sql) => (window as unknown as BenchWindow).bench.query(sql),
                  CHECK_SQL('sanctions'),
                );
                browserCheck = JSON.stringify(rows[0]);
              }
            });
          } catch (error) {
            problem = errorMessage(error);
          }
        }
        if (!wasmReadParquetProblem && !ctx.site.pagesMissing.bare) {
          try {
            wasmReadParquet.push(await wasmReadParquetMs(ctx, file));
          } catch (error) {
            wasmReadParquetProblem = errorMessage(error);
          }
        }
        const show = (values: number[]) => values.at(-1)?.toFixed(0) ?? '—';
        ctx.log(
          `  run ${run + 1}: DuckDB-WASM read_parquet in bare.html ${show(wasmReadParquet)} ms${wasmReadParquetProblem ? ` (${wasmReadParquetProblem})` : ''}; browser ${show(times)} ms, native read_parquet ${show(readParquet.runs)} ms, native loadFile ${show(nativeLoad.runs)} ms`,
        );
      }
    });
    readParquet.median = median(readParquet.runs);
    nativeLoad.median = median(nativeLoad.runs);
    const bytes = (await stat(file)).size;
    const ms = median(times);
    const throughput = (t: number) => bytes / 1e6 / (t / 1000);
    const value = ms === null ? null : throughput(ms);
    // The ratio compares times, browser over native: 2 means the page took twice as long.
    const ratio = ratioOf(ms, readParquet.median);
    const same = browserCheck !== undefined && browserCheck === nativeCheck;
    if (browserCheck !== undefined && !same) {
      problem ??= `the page and native DuckDB read different rows: ${browserCheck} / ${nativeCheck}`;
    }
    return {
      id: this.id,
      title: this.title,
      unit: 'MB/s',
      value,
      runs: times.map(throughput),
      references: [readParquet, nativeLoad],
      ratio,
      target,
      pass:
        value !== null && ratio !== null
          ? same && value >= MIN_MB_PER_S && ratio <= MAX_RATIO
          : null,
      ...(problem ? { unavailable: problem } : {}),
      details: {
        bytes,
        rows: ROWS,
        sameRowsAsNative: same,
        check: browserCheck ? JSON.parse(browserCheck) : null,
        browserMs: times,
        browserMsMedian: ms,
        browserPhaseStartsMs: phases,
        ratioToNativeLoadFile: ratioOf(ms, nativeLoad.median),
        duckdbWasmReadParquetMs: wasmReadParquet,
        duckdbWasmReadParquetProblem: wasmReadParquetProblem ?? null,
        nativeReadParquetMBps: readParquet.median === null ? null : throughput(readParquet.median),
        measuredAs:
          'bench.html: loadFile() on the File picked with setInputFiles, timed in the page; native: CREATE TABLE AS FROM read_parquet and loadFile() in the bench process, runs alternating; MB = 10^6 bytes of the Parquet file',
      },
    };
  },
};

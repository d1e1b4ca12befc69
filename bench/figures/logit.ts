import { join } from 'node:path';
import type { Row } from '../../src/engine/Engine.ts';
import type { CellTables } from '../../src/shared/table-data.ts';
import type { LogitSpec } from '../../src/stats/logit/run-logit.ts';
import { runLogit } from '../../src/stats/logit/run-logit.ts';
import { execInPage, inFreshContext, openBenchPage, requirePage } from '../browser.ts';
import { copyToCsvSql, LOGIT_FORMULA, LOGIT_TABLE, logitTableSql } from '../data.ts';
import { errorMessage, median, ratioOf, time } from '../measure.ts';
import { withNative } from '../native.ts';
import type { BenchWindow } from '../pages/api.ts';
import { timeRGlm } from '../r-glm.ts';
import type { Figure, FigureResult, Reference } from './types.ts';

const ROWS = 1_000_000;
const MAX_BROWSER_MS = 2000;
const SPEC: LogitSpec = { from: LOGIT_TABLE, formula: LOGIT_FORMULA };

function estimates(result: CellTables): Record<string, number> {
  const rows: Row[] = result.tables[''].rows;
  return Object.fromEntries(rows.map((r) => [String(r.term), Number(r.estimate)]));
}

/** Largest absolute difference between two sets of coefficients (null when terms differ). */
function maxDifference(a: Record<string, number>, b: Record<string, number>): number | null {
  const terms = Object.keys(a);
  if (terms.length !== Object.keys(b).length || terms.some((t) => !(t in b))) return null;
  return Math.max(...terms.map((t) => Math.abs(a[t] - b[t])));
}

/**
 * Milliseconds between runLogit's performance marks in the page (design: the SQL passes that
 * describe the sample; fetched: DuckDB computing the design columns and sending them as Arrow;
 * transposed: the row-major matrix; matrix: the copy to the helper thread; fit: the IRLS
 * passes; end: covariance, tables and predictions). A string, because tsx would wrap a function's inner closures in
 * helpers the page does not have.
 */
const READ_PHASES = `(() => {
  const at = (phase) =>
    performance.getEntriesByName('statecraft:logit:' + phase, 'mark').at(-1)?.startTime ?? NaN;
  const order = ['start', 'design', 'fetched', 'transposed', 'matrix', 'fit', 'end'];
  return Object.fromEntries(order.slice(1).map((p, i) => [p, at(p) - at(order[i])]));
})()`;

function medianPhases(runs: Record<string, number>[]): Record<string, number | null> {
  const names = Object.keys(runs[0] ?? {});
  return Object.fromEntries(names.map((name) => [name, median(runs.map((r) => r[name]))]));
}

/** runLogit over 1M rows and 8 predictors: the page, native DuckDB, and R's glm(). */
export const logit: Figure = {
  id: 'logit',
  title: 'Logit, 1M rows, 8 predictors (one 5-level text)',
  defaultRuns: 3,
  async run(ctx, runs): Promise<FigureResult> {
    const target = `browser ≤ ${MAX_BROWSER_MS} ms; native faster than R`;
    const csv = join(ctx.tmp, 'logit-1m.csv');
    let nativeEstimates: Record<string, number> = {};
    let iterations: unknown;
    const nativeRef: Reference = {
      label: 'native DuckDB runLogit',
      unit: 'ms',
      median: null,
      runs: [],
    };
    const rRef: Reference = { label: 'R glm()', unit: 'ms', median: null, runs: [] };
    if (!ctx.rscript) rRef.unavailable = 'Rscript is not installed';
    let rDifference: number | null = null;
    const browser: number[] = [];
    const phases: Record<string, number>[] = [];
    const differences: (number | null)[] = [];
    let problem: string | undefined;
    try {
      requirePage(ctx, 'bench');
    } catch (error) {
      problem = errorMessage(error);
    }
    await withNative(async (engine) => {
      await engine.exec(logitTableSql(ROWS));
      await engine.exec(copyToCsvSql(`FROM ${LOGIT_TABLE}`, csv));
      const first = await runLogit(engine, SPEC);
      nativeEstimates = estimates(first);
      iterations = first.tables._fit.rows[0].iterations;
      // Native, R and the browser take turns, so a busy spell on the machine hits all three.
      for (let run = 0; run < runs; run++) {
        nativeRef.runs.push(await time(() => runLogit(engine, SPEC)));
        if (ctx.rscript && !rRef.unavailable) {
          try {
            // One R process per run (reading the CSV is not timed) so that R takes its turn too.
            const r = timeRGlm(ctx.rscript, csv, 1);
            rRef.runs.push(...r.runs);
            rDifference ??= maxDifference(nativeEstimates, r.coefficients);
          } catch (error) {
            rRef.unavailable = errorMessage(error);
          }
        }
        if (!problem) {
          try {
            await inFreshContext(ctx, async (page) => {
              await openBenchPage(ctx, page, 'bench');
              await execInPage(page, logitTableSql(ROWS));
              const { ms, value } = await page.evaluate(
                (s) => (window as unknown as BenchWindow).bench.logit(s),
                SPEC,
              );
              phases.push((await page.evaluate(READ_PHASES)) as Record<string, number>);
              browser.push(ms);
              differences.push(maxDifference(estimates(value), nativeEstimates));
            });
          } catch (error) {
            problem = errorMessage(error);
          }
        }
        const show = (values: number[]) => values.at(-1)?.toFixed(0) ?? '—';
        ctx.log(
          `  run ${run + 1}: browser ${show(browser)} ms, native ${show(nativeRef.runs)} ms, R ${show(rRef.runs)} ms`,
        );
      }
    });
    nativeRef.median = median(nativeRef.runs);
    rRef.median = median(rRef.runs);

    const value = median(browser);
    // null when a run's terms did not match native's (which would be a bug worth seeing).
    const browserDifference =
      differences.length === 0 || differences.includes(null)
        ? null
        : Math.max(...(differences as number[]));
    const nativeFasterThanR =
      nativeRef.median !== null && rRef.median !== null ? nativeRef.median < rRef.median : null;
    const pass = value === null ? null : value <= MAX_BROWSER_MS && nativeFasterThanR !== false;
    return {
      id: this.id,
      title: this.title,
      unit: 'ms',
      value,
      runs: browser,
      references: [nativeRef, rRef],
      ratio: ratioOf(value, nativeRef.median),
      target,
      pass,
      ...(problem ? { unavailable: problem } : {}),
      details: {
        rows: ROWS,
        formula: LOGIT_FORMULA,
        iterations,
        nativeOverR: ratioOf(nativeRef.median, rRef.median),
        browserOverR: ratioOf(value, rRef.median),
        nativeFasterThanR,
        maxCoefficientDifferenceNativeVsR: rDifference,
        maxCoefficientDifferenceBrowserVsNative: browserDifference,
        browserPhasesMs: medianPhases(phases),
      },
    };
  },
};

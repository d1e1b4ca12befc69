import type { Row } from '../../src/engine/Engine.ts';
import type { RateSpec } from '../../src/stats/rate.ts';
import { runRate } from '../../src/stats/rate.ts';
import { execInPage, inFreshContext, openBenchPage, requirePage } from '../browser.ts';
import { RATE_TABLE, rateTableSql } from '../data.ts';
import { errorMessage, median, ratioOf, time } from '../measure.ts';
import { withNative } from '../native.ts';
import type { BenchWindow } from '../pages/api.ts';
import type { Figure, FigureResult } from './types.ts';
import { unavailableResult } from './types.ts';

export const RATE_ROWS = 10_000_000;
const MAX_MS = 150;
const MAX_RATIO = 4;
const SPEC: RateSpec = { from: RATE_TABLE, outcome: 'success', by: 'grp' };

/** The counts both engines must agree on: the generated data are the same. */
function counts(rows: Row[]): string {
  return JSON.stringify(rows.map((r) => [r.grp, r.n, r.successes]));
}

/** A rate cell's second run over 10M generated rows: DuckDB-WASM in the page vs native. */
export const rate: Figure = {
  id: 'rate',
  title: 'Rate cell warm re-run, 10M rows, 5 groups',
  defaultRuns: 5,
  async run(ctx, runs): Promise<FigureResult> {
    const target = `≤ ${MAX_MS} ms and ≤ ${MAX_RATIO}× native`;
    try {
      requirePage(ctx, 'bench');
    } catch (error) {
      return unavailableResult(this, 'ms', target, errorMessage(error));
    }
    const native: number[] = [];
    const browser: number[] = [];
    const generateMs: number[] = [];
    let nativeGenerateMs = 0;
    let sameCounts = true;
    let problem: string | undefined;
    await withNative(async (engine) => {
      nativeGenerateMs = await time(() => engine.exec(rateTableSql(RATE_ROWS)));
      const nativeCounts = counts((await runRate(engine, SPEC)).tables[''].rows);
      // Native and browser runs alternate, so a busy spell on the machine hits both sides.
      for (let run = 0; run < runs; run++) {
        native.push(await time(() => runRate(engine, SPEC)));
        if (problem) continue;
        try {
          await inFreshContext(ctx, async (page) => {
            await openBenchPage(ctx, page, 'bench');
            generateMs.push(await execInPage(page, rateTableSql(RATE_ROWS)));
            const rateInPage = (spec: RateSpec) =>
              page.evaluate((s) => (window as unknown as BenchWindow).bench.rate(s), spec);
            await rateInPage(SPEC);
            const { ms, value } = await rateInPage(SPEC);
            browser.push(ms);
            sameCounts &&= counts(value.tables[''].rows) === nativeCounts;
          });
        } catch (error) {
          problem = errorMessage(error);
        }
        ctx.log(
          `  run ${run + 1}: browser ${browser.at(-1)?.toFixed(1) ?? '—'} ms, native ${native.at(-1)?.toFixed(1)} ms`,
        );
      }
    });
    const value = median(browser);
    const reference = median(native);
    const ratio = ratioOf(value, reference);
    return {
      id: this.id,
      title: this.title,
      unit: 'ms',
      value,
      runs: browser,
      references: [{ label: 'native DuckDB', unit: 'ms', median: reference, runs: native }],
      ratio,
      target,
      pass: value !== null && ratio !== null ? value <= MAX_MS && ratio <= MAX_RATIO : null,
      ...(problem ? { unavailable: problem } : {}),
      details: {
        rows: RATE_ROWS,
        sameCountsAsNative: sameCounts,
        generateMsBrowser: median(generateMs),
        generateMsNative: nativeGenerateMs,
      },
    };
  },
};

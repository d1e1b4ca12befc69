import type { Page } from 'playwright-core';
import { inFreshContext, requireApp, requirePage, Unavailable } from '../browser.ts';
import { errorMessage, median, ratioOf } from '../measure.ts';
import type { BenchWindow, SameWorkRow } from '../pages/api.ts';
import type { BenchContext, Figure, FigureResult, Reference } from './types.ts';
import { unavailableResult } from './types.ts';

const MAX_RATIO = 1.0;
export const TIMEOUT = 120_000;
/** The chart's own <svg> (Plot's className, see src/charts/theme.ts), not an icon in a cell. */
export const CHART = '[data-cell] svg.statecraft-chart';

/**
 * Runs in the app page before any of its scripts: notes performance.now() (milliseconds since
 * navigation start) when each data-state and the first chart appeared (the phases in the
 * details), and stops once #app is data-state=ready with a chart in a cell.
 */
function observeFirstChart(selector: string): void {
  const w = window as unknown as BenchWindow;
  const phases: Record<string, number> = {};
  w.coldStartStates = phases;
  const observer = new MutationObserver(() => {
    const now = performance.now();
    const state = document.getElementById('app')?.dataset.state;
    if (state && !(state in phases)) phases[state] = now;
    const chart = document.querySelector(selector) !== null;
    if (chart && !('chart' in phases)) phases.chart = now;
    if (state === 'ready' && chart) {
      w.coldStartAt = now;
      observer.disconnect();
    }
  });
  observer.observe(document, { subtree: true, childList: true, attributes: true });
}

interface AppStart {
  at: number;
  phases: Record<string, number>;
}

/**
 * Opens the app in `page` and waits until #app is ready with a chart in a cell. `at` is when
 * the first chart was drawn from DuckDB's result (the rest of the notebook, its logit and
 * second chart, finishes later: `phases.ready`). The bundle figure uses it too.
 */
export async function openAppToFirstChart(ctx: BenchContext, page: Page): Promise<AppStart> {
  await page.addInitScript(observeFirstChart, CHART);
  await page.goto(ctx.url);
  try {
    await page.waitForFunction(
      () =>
        (window as unknown as BenchWindow).coldStartAt !== undefined ||
        document.getElementById('app')?.dataset.state === 'error',
      undefined,
      { timeout: TIMEOUT },
    );
  } catch {
    const state = await page.getAttribute('#app', 'data-state');
    throw new Unavailable(
      `no chart (${CHART}) with #app data-state=ready after ${TIMEOUT / 1000} s (data-state=${state})`,
    );
  }
  const { at, phases } = await page.evaluate(() => {
    const w = window as unknown as BenchWindow;
    return { at: w.coldStartAt, phases: w.coldStartStates ?? {} };
  });
  if (at === undefined) {
    const text = (await page.textContent('#app'))?.trim().slice(0, 200);
    throw new Unavailable(`the app shows data-state=error: ${text}`);
  }
  return { at: phases.chart ?? at, phases };
}

/** Opens a bench page that sets `window[key]` (or `window[key + 'Error']`) and returns it. */
export async function benchPageResult<K extends 'floor' | 'sameWork'>(
  ctx: BenchContext,
  page: Page,
  name: 'floor' | 'same-work',
  key: K,
): Promise<NonNullable<BenchWindow[K]>> {
  await page.goto(`${ctx.url}bench/${name}.html`);
  await page.waitForFunction(
    (k) => {
      const w = window as unknown as Record<string, unknown>;
      return w[k] !== undefined || w[`${k}Error`] !== undefined;
    },
    key,
    { timeout: TIMEOUT },
  );
  const { result, error } = await page.evaluate((k) => {
    const w = window as unknown as Record<string, unknown>;
    return { result: w[k], error: w[`${k}Error`] };
  }, key);
  if (!result) throw new Error(`the ${name} page failed: ${String(error)}`);
  return result as NonNullable<BenchWindow[K]>;
}

/** floor.html in a fresh context: navigation start → DuckDB-WASM's first query result. */
export function floorColdStart(ctx: BenchContext): Promise<number> {
  return inFreshContext(
    ctx,
    async (page) => (await benchPageResult(ctx, page, 'floor', 'floor')).doneAt,
  );
}

/** The welcome notebook's rate cell as the app computed it, in the same-work page's shape. */
export async function appRateRows(page: Page): Promise<SameWorkRow[]> {
  return page.evaluate(async () => {
    const hooks = (
      window as unknown as {
        statecraft: { query: (s: string) => Promise<{ rows: Record<string, unknown>[] }> };
      }
    ).statecraft;
    const { rows } = await hooks.query(
      'SELECT embassy_closed, n, successes, rate, lower, upper FROM failure_by_embassy ORDER BY embassy_closed NULLS LAST',
    );
    return rows.map((r) => ({
      embassy_closed: r.embassy_closed as boolean | null,
      n: Number(r.n),
      successes: Number(r.successes),
      rate: Number(r.rate),
      lower: Number(r.lower),
      upper: Number(r.upper),
    }));
  });
}

/** Bars (rects of Plot's barY mark) in the app's first chart. */
export function appBars(page: Page): Promise<number> {
  return page.evaluate(
    (chart) =>
      document.querySelector(chart)?.querySelectorAll('g[aria-label="bar"] rect').length ?? 0,
    CHART,
  );
}

/**
 * Both sides drew the same bars: the same groups with the same counts, and rates and Wilson
 * bounds equal to 1e-9, and as many bars in each chart as groups.
 */
export function sameBars(
  app: { rows: SameWorkRow[]; bars: number },
  floor: { rows: SameWorkRow[]; bars: number },
): boolean {
  if (app.rows.length !== floor.rows.length) return false;
  if (app.bars !== app.rows.length || floor.bars !== floor.rows.length) return false;
  return app.rows.every((a, i) => {
    const b = floor.rows[i];
    const close = (x: number, y: number) => Math.abs(x - y) <= 1e-9;
    return (
      a.embassy_closed === b.embassy_closed &&
      a.n === b.n &&
      a.successes === b.successes &&
      close(a.rate, b.rate) &&
      close(a.lower, b.lower) &&
      close(a.upper, b.upper)
    );
  });
}

/**
 * Page open to the default notebook's first chart, against same-work.html: a page written by
 * hand that does the same work (the demo CSV into DuckDB-WASM, the same SQL and rate aggregate,
 * the same bar chart with Observable Plot) and nothing else. floor.html (DuckDB-WASM and one
 * query) is measured too and kept as a second reference.
 */
export const coldStart: Figure = {
  id: 'cold-start',
  title: 'Cold start: page open → first chart',
  defaultRuns: 5,
  async run(ctx, runs): Promise<FigureResult> {
    const target = `≤ ${MAX_RATIO}× same-work page`;
    try {
      requireApp(ctx);
      requirePage(ctx, 'same-work');
      requirePage(ctx, 'floor');
    } catch (error) {
      return unavailableResult(this, 'ms', target, errorMessage(error));
    }
    const app: number[] = [];
    const phases: Record<string, number[]> = {};
    const sameWork: Reference = {
      label: 'same-work page: DuckDB-WASM + Plot by hand, same CSV, SQL, rate and chart',
      unit: 'ms',
      median: null,
      runs: [],
    };
    const floor: Reference = {
      label: 'bare floor: DuckDB-WASM + 1 query',
      unit: 'ms',
      median: null,
      runs: [],
    };
    let appProblem: string | undefined;
    let appSide: { rows: SameWorkRow[]; bars: number } | undefined;
    let floorSide: { rows: SameWorkRow[]; bars: number } | undefined;
    // Alternating keeps any drift of the machine from favouring one side.
    for (let run = 0; run < runs; run++) {
      floor.runs.push(await floorColdStart(ctx));
      const done = await inFreshContext(ctx, (page) =>
        benchPageResult(ctx, page, 'same-work', 'sameWork'),
      );
      sameWork.runs.push(done.drawnAt);
      floorSide ??= { rows: done.rows, bars: done.bars };
      if (!appProblem) {
        try {
          const start = await inFreshContext(ctx, async (page) => {
            const opened = await openAppToFirstChart(ctx, page);
            appSide ??= { rows: await appRateRows(page), bars: await appBars(page) };
            return opened;
          });
          app.push(start.at);
          for (const [phase, at] of Object.entries(start.phases)) (phases[phase] ??= []).push(at);
        } catch (error) {
          appProblem = errorMessage(error);
        }
      }
      ctx.log(
        `  run ${run + 1}: bare floor ${floor.runs.at(-1)?.toFixed(0)} ms, same-work page ${sameWork.runs.at(-1)?.toFixed(0)} ms, app first chart ${app.at(-1)?.toFixed(0) ?? '—'} ms, whole notebook ready ${phases.ready?.at(-1)?.toFixed(0) ?? '—'} ms`,
      );
    }
    const value = median(app);
    sameWork.median = median(sameWork.runs);
    floor.median = median(floor.runs);
    const ratio = ratioOf(value, sameWork.median);
    const same = appSide !== undefined && floorSide !== undefined && sameBars(appSide, floorSide);
    if (appSide && !same) appProblem ??= 'the app and the same-work page drew different bars';
    return {
      id: this.id,
      title: this.title,
      unit: 'ms',
      value,
      runs: app,
      references: [sameWork, floor],
      ratio,
      target,
      pass: ratio === null ? null : same && ratio <= MAX_RATIO,
      ...(appProblem ? { unavailable: appProblem } : {}),
      details: {
        sameBarsAsSameWorkPage: same,
        bars: { app: appSide, sameWorkPage: floorSide },
        bareFloorMs: floor.median,
        ratioToBareFloor: ratioOf(value, floor.median),
        sameWorkOverBareFloor: ratioOf(sameWork.median, floor.median),
        appPhasesMedianMs: Object.fromEntries(
          Object.entries(phases).map(([phase, times]) => [phase, median(times)]),
        ),
        measuredAs:
          "performance.now() in the page (since navigation start) when the first chart svg, drawn from DuckDB-WASM's result, is in a [data-cell] (the run waits on until #app is data-state=ready; that time is phases.ready); same-work page: when its chart svg was appended; bare floor: when the query result arrived; each run in a fresh browser context",
      },
    };
  },
};

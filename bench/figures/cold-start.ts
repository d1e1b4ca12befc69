import type { Page } from 'playwright-core';
import { inFreshContext, requireApp, requirePage, Unavailable } from '../browser.ts';
import { errorMessage, median, ratioOf } from '../measure.ts';
import type { BenchWindow } from '../pages/api.ts';
import type { BenchContext, Figure, FigureResult } from './types.ts';
import { unavailableResult } from './types.ts';

const MAX_RATIO = 1.2;
const TIMEOUT = 120_000;
/** The chart's own <svg> (Plot's className, see src/charts/theme.ts), not an icon in a cell. */
const CHART = '[data-cell] svg.statecraft-chart';

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

async function floorColdStart(ctx: BenchContext): Promise<number> {
  return inFreshContext(ctx, async (page: Page) => {
    await page.goto(`${ctx.url}bench/floor.html`);
    await page.waitForFunction(
      () => {
        const w = window as unknown as BenchWindow;
        return w.floor !== undefined || w.floorError !== undefined;
      },
      undefined,
      { timeout: TIMEOUT },
    );
    const { floor, floorError } = await page.evaluate(() => {
      const w = window as unknown as BenchWindow;
      return { floor: w.floor, floorError: w.floorError };
    });
    if (!floor) throw new Error(`the floor page failed: ${floorError}`);
    return floor.doneAt;
  });
}

/** Page open to the default notebook's first chart, against a page that only starts DuckDB. */
export const coldStart: Figure = {
  id: 'cold-start',
  title: 'Cold start: page open → first chart',
  defaultRuns: 5,
  async run(ctx, runs): Promise<FigureResult> {
    const target = `≤ ${MAX_RATIO}× floor`;
    try {
      requireApp(ctx);
      requirePage(ctx, 'floor');
    } catch (error) {
      return unavailableResult(this, 'ms', target, errorMessage(error));
    }
    const app: number[] = [];
    const phases: Record<string, number[]> = {};
    const floor: number[] = [];
    let appProblem: string | undefined;
    // Alternating keeps any drift of the machine from favouring one side.
    for (let run = 0; run < runs; run++) {
      floor.push(await floorColdStart(ctx));
      if (appProblem) continue;
      try {
        const start = await inFreshContext(ctx, (page) => openAppToFirstChart(ctx, page));
        app.push(start.at);
        for (const [phase, at] of Object.entries(start.phases)) (phases[phase] ??= []).push(at);
      } catch (error) {
        appProblem = errorMessage(error);
      }
      ctx.log(
        `  run ${run + 1}: floor ${floor.at(-1)?.toFixed(0)} ms, app first chart ${app.at(-1)?.toFixed(0) ?? '—'} ms, whole notebook ready ${phases.ready?.at(-1)?.toFixed(0) ?? '—'} ms`,
      );
    }
    const value = median(app);
    const reference = median(floor);
    const ratio = ratioOf(value, reference);
    return {
      id: this.id,
      title: this.title,
      unit: 'ms',
      value,
      runs: app,
      references: [
        { label: 'floor: DuckDB-WASM + 1 query', unit: 'ms', median: reference, runs: floor },
      ],
      ratio,
      target,
      pass: ratio === null ? null : ratio <= MAX_RATIO,
      ...(appProblem ? { unavailable: appProblem } : {}),
      details: {
        appPhasesMedianMs: Object.fromEntries(
          Object.entries(phases).map(([phase, times]) => [phase, median(times)]),
        ),
        measuredAs:
          "performance.now() in the page (since navigation start) when the first chart svg, drawn from DuckDB-WASM's result, is in a [data-cell] (the run waits on until #app is data-state=ready; that time is phases.ready); floor: when the query result arrived",
      },
    };
  },
};

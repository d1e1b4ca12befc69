import type { BrowserContext, Page } from 'playwright-core';
import { requireApp, requirePage, Unavailable } from '../browser.ts';
import { errorMessage, median, ratioOf } from '../measure.ts';
import {
  appBars,
  appRateRows,
  benchPageResult,
  CHART,
  floorColdStart,
  openAppToFirstChart,
  sameBars,
  TIMEOUT,
} from './cold-start.ts';
import type { BenchContext, Figure, FigureResult, Reference } from './types.ts';
import { unavailableResult } from './types.ts';

const MAX_RATIO_FIRST = 0.5;
const MAX_RATIO_LIVE = 1.0;

interface WarmVisit {
  /** First chart svg in a [data-cell], kept (data-stale="kept") or live. */
  first: number;
  /** First chart svg in a [data-cell] without data-stale: drawn from this visit's DuckDB. */
  live: number;
  /** Whether the first chart on screen was a kept one. */
  firstWasKept: boolean;
  ready: number;
}

/**
 * Runs in the app page before its scripts on the second visit: notes when a chart first is in
 * a [data-cell] (kept or live), when one is in a cell without data-stale (live), and stops once
 * #app is ready with a live chart.
 */
function observeWarmCharts(selector: string): void {
  const w = window as unknown as { warm?: Record<string, number | boolean> };
  const seen: Record<string, number | boolean> = {};
  const observer = new MutationObserver(() => {
    const now = performance.now();
    const charts = [...document.querySelectorAll(selector)];
    if (charts.length && !('first' in seen)) {
      seen.first = now;
      seen.firstWasKept = charts.some((c) => c.closest('[data-cell]')?.hasAttribute('data-stale'));
    }
    const live = charts.some((c) => !c.closest('[data-cell]')?.hasAttribute('data-stale'));
    if (live && !('live' in seen)) seen.live = now;
    const state = document.getElementById('app')?.dataset.state;
    if (state === 'error') seen.error = now;
    if (live && state === 'ready') {
      seen.ready = now;
      w.warm = seen;
      observer.disconnect();
    } else if (state === 'error') {
      w.warm = seen;
      observer.disconnect();
    }
  });
  observer.observe(document, { subtree: true, childList: true, attributes: true });
}

/** Runs `task` in one new browser context shared by its pages (cache and storage kept). */
async function inOneContext<T>(
  ctx: BenchContext,
  task: (context: BrowserContext) => Promise<T>,
): Promise<T> {
  const context = await (await ctx.browser()).newContext();
  try {
    return await task(context);
  } finally {
    await context.close();
  }
}

async function newPage(context: BrowserContext): Promise<{ page: Page }> {
  return { page: await context.newPage() };
}

/** The app opened twice in one context; the second visit's times. */
async function appWarmVisit(
  ctx: BenchContext,
  context: BrowserContext,
  check: (page: Page) => Promise<void>,
): Promise<WarmVisit> {
  const first = await newPage(context);
  await openAppToFirstChart(ctx, first.page);
  // Let the first visit finish the whole notebook (and keep whatever it keeps) before leaving.
  await first.page.waitForSelector('#app[data-state="ready"]', { timeout: TIMEOUT });
  await first.page.close({ runBeforeUnload: true });
  const second = await newPage(context);
  await second.page.addInitScript(observeWarmCharts, CHART);
  await second.page.goto(ctx.url);
  try {
    await second.page.waitForFunction(() => 'warm' in window, undefined, { timeout: TIMEOUT });
  } catch {
    throw new Unavailable(`no live chart on the second visit after ${TIMEOUT / 1000} s`);
  }
  const seen = await second.page.evaluate(
    () => (window as unknown as { warm: Record<string, number | boolean> }).warm,
  );
  if ('error' in seen) {
    const text = (await second.page.textContent('#app'))?.trim().slice(0, 200);
    throw new Unavailable(`the second visit shows data-state=error: ${text}`);
  }
  await check(second.page);
  return {
    first: Number(seen.first),
    live: Number(seen.live),
    firstWasKept: Boolean(seen.firstWasKept),
    ready: Number(seen.ready),
  };
}

/**
 * Second visit in the same browser context (HTTP cache, compiled-code cache and storage of the
 * first visit kept): navigation → the default notebook's first chart on screen, kept or live,
 * against the same run's bare cold floor; and the live chart (no data-stale on its cell)
 * against the same-work page's own second visit.
 */
export const warmStart: Figure = {
  id: 'warm-start',
  title: 'Warm start: second visit → first chart',
  defaultRuns: 5,
  async run(ctx, runs): Promise<FigureResult> {
    const target = `first chart ≤ ${MAX_RATIO_FIRST}× bare cold floor; live chart ≤ ${MAX_RATIO_LIVE}× same-work page's second visit`;
    try {
      requireApp(ctx);
      requirePage(ctx, 'floor');
      requirePage(ctx, 'same-work');
    } catch (error) {
      return unavailableResult(this, 'ms', target, errorMessage(error));
    }
    const first: number[] = [];
    const live: number[] = [];
    const ready: number[] = [];
    let keptSeen = 0;
    const floor: Reference = {
      label: 'bare floor, cold: DuckDB-WASM + 1 query, fresh context',
      unit: 'ms',
      median: null,
      runs: [],
    };
    const sameWork: Reference = {
      label: "same-work page's second visit (same context)",
      unit: 'ms',
      median: null,
      runs: [],
    };
    let problem: string | undefined;
    let same: boolean | undefined;
    for (let run = 0; run < runs; run++) {
      floor.runs.push(await floorColdStart(ctx));
      const sameWorkSide = await inOneContext(ctx, async (context) => {
        const visit1 = await newPage(context);
        await benchPageResult(ctx, visit1.page, 'same-work', 'sameWork');
        await visit1.page.close();
        const visit2 = await newPage(context);
        return benchPageResult(ctx, visit2.page, 'same-work', 'sameWork');
      });
      sameWork.runs.push(sameWorkSide.drawnAt);
      if (!problem) {
        try {
          const visit = await inOneContext(ctx, (context) =>
            appWarmVisit(ctx, context, async (page) => {
              if (same !== undefined) return;
              const appSide = { rows: await appRateRows(page), bars: await appBars(page) };
              same = sameBars(appSide, sameWorkSide);
            }),
          );
          first.push(visit.first);
          live.push(visit.live);
          ready.push(visit.ready);
          if (visit.firstWasKept) keptSeen += 1;
        } catch (error) {
          problem = errorMessage(error);
        }
      }
      const show = (values: number[]) => values.at(-1)?.toFixed(0) ?? '—';
      ctx.log(
        `  run ${run + 1}: bare cold floor ${show(floor.runs)} ms, same-work 2nd visit ${show(sameWork.runs)} ms, app 2nd visit: first chart ${show(first)} ms (${keptSeen > 0 ? 'kept seen' : 'live'}), live chart ${show(live)} ms`,
      );
    }
    floor.median = median(floor.runs);
    sameWork.median = median(sameWork.runs);
    const value = median(first);
    const liveMedian = median(live);
    const ratio = ratioOf(value, floor.median);
    const liveRatio = ratioOf(liveMedian, sameWork.median);
    if (same === false) problem ??= 'the app and the same-work page drew different bars';
    return {
      id: this.id,
      title: this.title,
      unit: 'ms',
      value,
      runs: first,
      references: [floor, sameWork],
      ratio,
      target,
      pass:
        ratio === null || liveRatio === null
          ? null
          : same === true && ratio <= MAX_RATIO_FIRST && liveRatio <= MAX_RATIO_LIVE,
      ...(problem ? { unavailable: problem } : {}),
      details: {
        firstChartWasKept: `${keptSeen} of ${first.length} runs`,
        liveChartMs: liveMedian,
        liveChartRuns: live,
        liveRatioToSameWorkSecondVisit: liveRatio,
        liveTarget: `≤ ${MAX_RATIO_LIVE}×`,
        notebookReadyMs: median(ready),
        sameBarsAsSameWorkPage: same ?? null,
        measuredAs:
          'one browser context per run: the app opened and left once the notebook is ready, then opened again in a new page; performance.now() (since the second navigation) when a chart svg is first in a [data-cell] (kept, data-stale="kept" on the cell, or live) and when one is in a cell without data-stale. same-work page: opened twice in one context, its second drawnAt. Bare floor: floor.html in a fresh context',
      },
    };
  },
};

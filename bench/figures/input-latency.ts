import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { inFreshContext, openBenchPage, requireApp, requirePage, Unavailable } from '../browser.ts';
import { copyToCsvSql, INPUT_NAME, inputNotebook, inputRowsSql } from '../data.ts';
import { errorMessage, median } from '../measure.ts';
import { withNative } from '../native.ts';
import type { BenchWindow } from '../pages/api.ts';
import type { BenchContext, Figure, FigureResult } from './types.ts';
import { unavailableResult } from './types.ts';

const ROWS = 100_000;
const MAX_MS = 100;
const NEW_VALUE = 1950;
const TIMEOUT = 60_000;
const CHART = '[data-cell] svg.statecraft-chart';
const CHART_TITLE = 'Benchmark chart';
const CSV_NAME = 'bench-input.csv';

interface InputFiles {
  notebook: string;
  csv: string;
}

/** The notebook (slider → sql cell → bar chart) and its 100,000-row CSV, in the temp folder. */
async function writeInputFiles(ctx: BenchContext): Promise<InputFiles> {
  const dir = join(ctx.tmp, 'input');
  await mkdir(dir, { recursive: true });
  const files = { notebook: join(dir, 'bench-input.md'), csv: join(dir, CSV_NAME) };
  await writeFile(files.notebook, inputNotebook(CSV_NAME));
  await withNative((engine) => engine.exec(copyToCsvSql(inputRowsSql(ROWS), files.csv)));
  return files;
}

/** Opens the app, gives it the notebook and CSV through its file picker, moves the slider. */
async function appChange(ctx: BenchContext, page: Page, files: InputFiles): Promise<number> {
  await page.goto(ctx.url);
  await page.waitForSelector('#app[data-state="ready"], #app[data-state="error"]', {
    timeout: TIMEOUT,
  });
  const picker = await page.$('[data-testid=file-input]');
  if (!picker) throw new Unavailable('the app has no [data-testid=file-input]');
  await picker.setInputFiles([files.notebook, files.csv]);
  try {
    await page.waitForFunction(
      ([chart, title]) =>
        document.getElementById('app')?.dataset.state === 'ready' &&
        document.querySelector(chart) !== null &&
        (document.body.textContent ?? '').includes(title),
      [CHART, CHART_TITLE] as const,
      { timeout: TIMEOUT },
    );
  } catch {
    const state = await page.getAttribute('#app', 'data-state');
    throw new Unavailable(`the picked notebook drew no chart (data-state=${state})`);
  }
  if (!(await page.$('[data-cell] input[type="range"]'))) {
    throw new Unavailable('the notebook\'s slider is not an input[type="range"] in a [data-cell]');
  }
  // Timed inside the page: from the slider's input event to the frame after the new chart
  // is in the DOM with #app back at data-state=ready.
  return page.evaluate(
    ([chart, value, timeout]) =>
      new Promise<number>((resolve, reject) => {
        const slider = document.querySelector<HTMLInputElement>('[data-cell] input[type="range"]')!;
        const old = document.querySelector(chart);
        const oldHtml = old?.outerHTML;
        const started = performance.now();
        const timer = setTimeout(() => reject(new Error('the chart did not change')), timeout);
        const observer = new MutationObserver(() => {
          const now = document.querySelector(chart);
          const ready = document.getElementById('app')?.dataset.state === 'ready';
          if (!ready || !now || (now === old && now.outerHTML === oldHtml)) return;
          observer.disconnect();
          clearTimeout(timer);
          requestAnimationFrame(() => resolve(performance.now() - started));
        });
        observer.observe(document, { subtree: true, childList: true, attributes: true });
        slider.value = String(value);
        slider.dispatchEvent(new Event('input', { bubbles: true }));
        slider.dispatchEvent(new Event('change', { bubbles: true }));
      }),
    [CHART, NEW_VALUE, TIMEOUT] as const,
  );
}

function result(
  figure: Figure,
  runs: number[],
  details: Record<string, unknown>,
  problem?: string,
): FigureResult {
  const value = median(runs);
  return {
    id: figure.id,
    title: figure.title,
    unit: 'ms',
    value,
    runs,
    references: [],
    ratio: null,
    target: `≤ ${MAX_MS} ms`,
    pass: value === null ? null : value <= MAX_MS,
    ...(problem ? { unavailable: problem } : {}),
    details,
  };
}

/** Moving a slider in the app until the chart it feeds (100,000 rows upstream) is redrawn. */
export const inputLatency: Figure = {
  id: 'input',
  title: 'Input change → updated chart, 100k rows (app)',
  defaultRuns: 5,
  async run(ctx, runs): Promise<FigureResult> {
    try {
      requireApp(ctx);
    } catch (error) {
      return unavailableResult(this, 'ms', `≤ ${MAX_MS} ms`, errorMessage(error));
    }
    const files = await writeInputFiles(ctx);
    const times: number[] = [];
    try {
      for (let run = 0; run < runs; run++) {
        times.push(await inFreshContext(ctx, (page) => appChange(ctx, page, files)));
        ctx.log(`  run ${run + 1}: ${times.at(-1)?.toFixed(1)} ms`);
      }
    } catch (error) {
      return result(this, times, { rows: ROWS }, errorMessage(error));
    }
    return result(this, times, {
      rows: ROWS,
      measuredAs: 'input event on the slider → new chart svg in the DOM, #app ready, next frame',
    });
  },
};

/** The same change through Session.setInput() and renderChart() in a bare page: no UI. */
export const inputSession: Figure = {
  id: 'input-session',
  title: 'Input change → updated chart, 100k rows (Session + Plot, no UI)',
  defaultRuns: 5,
  async run(ctx, runs): Promise<FigureResult> {
    try {
      requirePage(ctx, 'session');
    } catch (error) {
      return unavailableResult(this, 'ms', `≤ ${MAX_MS} ms`, errorMessage(error));
    }
    const files = await writeInputFiles(ctx);
    const times: number[] = [];
    const opens: number[] = [];
    try {
      for (let run = 0; run < runs; run++) {
        await inFreshContext(ctx, async (page) => {
          await openBenchPage(ctx, page, 'session');
          await page.setInputFiles('[data-testid=file-input]', [files.notebook, files.csv]);
          opens.push(
            (
              await page.evaluate(() =>
                (window as unknown as BenchWindow).benchSession.openPicked(),
              )
            ).ms,
          );
          const { ms } = await page.evaluate(
            ([name, value]) => (window as unknown as BenchWindow).benchSession.change(name, value),
            [INPUT_NAME, NEW_VALUE] as const,
          );
          times.push(ms);
          ctx.log(
            `  run ${run + 1}: ${ms.toFixed(1)} ms (opening took ${opens.at(-1)?.toFixed(0)} ms)`,
          );
        });
      }
    } catch (error) {
      return result(this, times, { rows: ROWS }, errorMessage(error));
    }
    return result(this, times, {
      rows: ROWS,
      openMsMedian: median(opens),
      measuredAs: 'Session.setInput() → re-run → renderChart() into the page → next frame',
    });
  },
};

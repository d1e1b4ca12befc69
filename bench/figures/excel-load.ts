import { existsSync } from 'node:fs';
import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { unzipSync, zipSync } from 'fflate';
import type { Page } from 'playwright-core';
import type { Engine } from '../../src/engine/Engine.ts';
import { ident } from '../../src/engine/sql.ts';
import { loadFile } from '../../src/ingest/index.ts';
import { inFreshContext, requireApp, Unavailable } from '../browser.ts';
import { errorMessage, median, ratioOf, time } from '../measure.ts';
import { withNative } from '../native.ts';
import type { BenchContext, Figure, FigureResult, Reference } from './types.ts';
import { unavailableResult } from './types.ts';

const ROWS = 200_000;
const FILE_NAME = 'sanctions-200k.xlsx';
const MAX_TASK_MS = 100;
const TIMEOUT = 180_000;
const REGIONS = ['Africa', 'Americas', 'Asia', 'Europe', 'Middle East'];
const HEADER = [
  'id',
  'country',
  'region',
  'year',
  'start_date',
  'gdp_growth',
  'trade',
  'sanctioned',
  'score',
  'note',
];

/** A uniform in [0, 1) from the row number and a salt (a 32-bit integer hash). */
function mix(i: number, salt: number): number {
  let h = Math.imul(i ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(salt + 1, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

/**
 * 200,000 rows × 10 mixed columns (integers, text with 1,000 and 5 values, years, dates,
 * full-precision doubles, booleans, short unique-ish text), written with the project's own
 * SheetJS and zipped with fflate at level 6 as a spreadsheet program would: about 20 MB.
 */
async function writeWorkbook(path: string): Promise<void> {
  const rows: unknown[][] = [HEADER];
  for (let i = 0; i < ROWS; i++) {
    rows.push([
      i + 1,
      `country_${Math.floor(mix(i, 1) * 1000)}`,
      REGIONS[Math.floor(mix(i, 2) * 5)],
      1946 + Math.floor(mix(i, 3) * 60),
      new Date(Date.UTC(1946, 0, 1 + Math.floor(mix(i, 4) * 21900))),
      (mix(i, 5) - 0.5) * 12,
      mix(i, 6) * 1e5 + mix(i, 10),
      mix(i, 7) < 0.3,
      mix(i, 8),
      `episode ${(mix(i, 9) * 1e9).toString(36).slice(0, 6)}${(mix(i, 11) * 1e9).toString(36).slice(0, 5)}`,
    ]);
  }
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows, { UTC: true }), 'episodes');
  const plain = XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: false });
  await writeFile(path, zipSync(unzipSync(new Uint8Array(plain)), { level: 6 }));
}

/** The same table on both sides: rows, columns with their types, and a few sums. */
async function checkOf(
  query: (sql: string) => Promise<Record<string, unknown>[]>,
  table: string,
): Promise<string> {
  const columns = await query(`DESCRIBE ${ident(table)}`);
  const [sums] =
    await query(`SELECT count(*) AS n, sum(id) AS ids, count(DISTINCT country) AS countries,
    count(DISTINCT note) AS notes, round(sum(score), 6) AS score, min(start_date)::VARCHAR AS first
    FROM ${ident(table)}`);
  const shape = columns.map((c) => `${String(c.column_name)}:${String(c.column_type)}`).join(',');
  return `${shape} | ${Object.values(sums).map(String).join(',')}`;
}

function appQuery(page: Page): (sql: string) => Promise<Record<string, unknown>[]> {
  return (sql) =>
    page.evaluate(async (s) => {
      const hooks = (
        window as unknown as {
          statecraft: { query: (q: string) => Promise<{ rows: Record<string, unknown>[] }> };
        }
      ).statecraft;
      return (await hooks.query(s)).rows;
    }, sql);
}

async function openBlankApp(ctx: BenchContext, page: Page): Promise<string[]> {
  await page.goto(`${ctx.url}?blank`);
  await page.waitForSelector('#app[data-state="ready"]', { timeout: TIMEOUT });
  if (!(await page.$('[data-testid=file-input]'))) {
    throw new Unavailable('the app has no [data-testid=file-input]');
  }
  // Every main-thread task over 50 ms from now on, as the browser reports it.
  await page.evaluate(() => {
    const w = window as unknown as { benchLongTasks: { start: number; ms: number }[] };
    w.benchLongTasks = [];
    const p = window as unknown as { benchPhases: { phase: string; at: number }[] };
    p.benchPhases = [];
    new MutationObserver(() => {
      const phase =
        document.querySelector<HTMLElement>('[data-testid=load-progress]')?.dataset.phase ?? 'none';
      if (p.benchPhases.at(-1)?.phase !== phase) {
        p.benchPhases.push({ phase, at: performance.now() });
      }
    }).observe(document, { subtree: true, childList: true, attributes: true });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        w.benchLongTasks.push({ start: e.startTime, ms: e.duration });
    }).observe({ type: 'longtask' });
  });
  return page.$$eval('li[data-table]', (items) =>
    items.map((li) => li.getAttribute('data-table')!),
  );
}

interface AppLoad {
  ms: number;
  /** Each long task: start (ms after the change event), duration, the load's phase then. */
  tasks: { startMs: number; ms: number; phase: string }[];
  longestTaskMs: number;
  longTasks: number;
  table: string;
}

/** Picks the workbook in a blank app; the input's change event → its table listed, no progress left. */
async function appLoad(ctx: BenchContext, page: Page, file: string): Promise<AppLoad> {
  const before = await openBlankApp(ctx, page);
  const listed = page.evaluate(
    ([known, timeout]) =>
      new Promise<{ started: number; done: number; table: string }>((resolve, reject) => {
        let started: number | undefined;
        const picker = document.querySelector('[data-testid=file-input]')!;
        picker.addEventListener('change', () => (started ??= performance.now()), {
          capture: true,
        });
        const timer = setTimeout(() => reject(new Error('the table was not listed')), timeout);
        const observer = new MutationObserver(() => {
          if (started === undefined) return;
          const fresh = [...document.querySelectorAll('li[data-table]')]
            .map((li) => li.getAttribute('data-table')!)
            .filter((name) => !known.includes(name));
          if (!fresh.length || document.querySelector('[data-testid=load-progress]')) return;
          observer.disconnect();
          clearTimeout(timer);
          resolve({ started, done: performance.now(), table: fresh[0] });
        });
        observer.observe(document, { subtree: true, childList: true, attributes: true });
      }),
    [before, TIMEOUT] as const,
  );
  await page.setInputFiles('[data-testid=file-input]', file);
  const { started, done, table } = await listed;
  // Long tasks are reported after they end; give the last one time to arrive.
  await page.waitForTimeout(300);
  const tasks = await page.evaluate(
    ([from, to]) => {
      const w = window as unknown as {
        benchLongTasks: { start: number; ms: number }[];
        benchPhases: { phase: string; at: number }[];
      };
      return w.benchLongTasks
        .filter((t) => t.start + t.ms >= from && t.start <= to)
        .map((t) => ({
          startMs: Math.round(t.start - from),
          ms: t.ms,
          phase: w.benchPhases.filter((p) => p.at <= t.start).at(-1)?.phase ?? 'none',
        }));
    },
    [started, done] as const,
  );
  return {
    ms: done - started,
    tasks,
    longestTaskMs: Math.max(0, ...tasks.map((t) => t.ms)),
    longTasks: tasks.length,
    table,
  };
}

interface CancelCheck {
  works: boolean;
  /** The load's phase when Cancel was clicked. */
  phaseAtClick: string | null;
  msIntoLoadAtClick: number;
  /** Click → the progress gone. */
  msToStop: number | null;
  tablesAfter: number;
  tablesBefore: number;
  appState: string | null;
  longestTaskMs: number;
}

/**
 * Picks the workbook and clicks Cancel once the load is past its start (reading or parsing):
 * Cancel works when the progress goes away, no table of it is listed or left in DuckDB, and the
 * app is ready again.
 */
async function cancelMidLoad(ctx: BenchContext, page: Page, file: string): Promise<CancelCheck> {
  const known = await openBlankApp(ctx, page);
  const tableCount = async () =>
    Number((await appQuery(page)('SELECT count(*) AS n FROM duckdb_tables()'))[0].n);
  const tablesBefore = await tableCount();
  await page.evaluate(() => {
    const w = window as unknown as { benchPickedAt?: number };
    document
      .querySelector('[data-testid=file-input]')!
      .addEventListener('change', () => (w.benchPickedAt ??= performance.now()), { capture: true });
  });
  await page.setInputFiles('[data-testid=file-input]', file);
  await page.waitForSelector(
    '[data-testid=load-progress]:not([data-phase="starting"]) [data-testid=cancel-load]',
    { timeout: TIMEOUT },
  );
  const click = await page.evaluate(() => {
    const w = window as unknown as { benchPickedAt?: number };
    const progress = document.querySelector<HTMLElement>('[data-testid=load-progress]');
    const phase = progress?.dataset.phase ?? null;
    const at = performance.now();
    document.querySelector<HTMLButtonElement>('[data-testid=cancel-load]')!.click();
    return { phase, at, into: at - (w.benchPickedAt ?? at) };
  });
  let msToStop: number | null = null;
  try {
    await page.waitForSelector('[data-testid=load-progress]', {
      state: 'detached',
      timeout: 30_000,
    });
    msToStop = (await page.evaluate(() => performance.now())) - click.at;
  } catch {
    // still loading after 30 s: Cancel did not work
  }
  // A load that ignored Cancel would list its table within its usual time.
  await page.waitForTimeout(3000);
  const listed = await page.$$eval('li[data-table]', (items) =>
    items.map((li) => li.getAttribute('data-table')!),
  );
  const tablesAfter = await tableCount();
  const appState = await page.getAttribute('#app', 'data-state');
  const tasks = await page.evaluate(
    (from) =>
      (window as unknown as { benchLongTasks: { start: number; ms: number }[] }).benchLongTasks
        .filter((t) => t.start + t.ms >= from)
        .map((t) => t.ms),
    click.at,
  );
  const works =
    msToStop !== null &&
    listed.every((name) => known.includes(name)) &&
    tablesAfter === tablesBefore &&
    appState === 'ready';
  return {
    works,
    phaseAtClick: click.phase,
    msIntoLoadAtClick: click.into,
    msToStop,
    tablesAfter,
    tablesBefore,
    appState,
    longestTaskMs: Math.max(0, ...tasks),
  };
}

/**
 * A generated 20 MB .xlsx (200,000 rows × 10 mixed columns) picked through the app's file
 * input in a blank page: the longest main-thread task (PerformanceObserver longtask) between
 * the input's change event and the table listed, and whether Cancel stops a load midway.
 * Reference: native loadFile() of the same file (the same SheetJS parsers, native DuckDB),
 * runs alternating; the ratio is the load time's, for information.
 */
export const excelLoad: Figure = {
  id: 'excel-load',
  title: 'Open a 20 MB .xlsx: longest main-thread task during the load',
  defaultRuns: 3,
  async run(ctx, runs): Promise<FigureResult> {
    const target = `longest task ≤ ${MAX_TASK_MS} ms, and Cancel works mid-load`;
    try {
      requireApp(ctx);
    } catch (error) {
      return unavailableResult(this, 'ms', target, errorMessage(error));
    }
    const file = join(ctx.tmp, FILE_NAME);
    if (!existsSync(file)) {
      const ms = await time(() => writeWorkbook(file));
      ctx.log(
        `  wrote ${FILE_NAME} (${((await stat(file)).size / 1e6).toFixed(1)} MB) in ${(ms / 1000).toFixed(0)} s`,
      );
    }
    const native: Reference = { label: 'native loadFile()', unit: 'ms', median: null, runs: [] };
    const longest: number[] = [];
    const loads: number[] = [];
    const longTaskCounts: number[] = [];
    const taskLists: AppLoad['tasks'][] = [];
    let problem: string | undefined;
    let nativeCheck: string | undefined;
    let appCheck: string | undefined;
    for (let run = 0; run < runs; run++) {
      try {
        await withNative(async (engine: Engine) => {
          const source = { kind: 'path' as const, path: file };
          let table = '';
          native.runs.push(
            await time(async () => {
              const result = await loadFile(engine, {
                table: 'sanctions_200k',
                fileName: FILE_NAME,
                source,
              });
              table = result.tables[0].name;
            }),
          );
          nativeCheck ??= await checkOf(async (sql) => (await engine.query(sql)).rows, table);
        });
      } catch (error) {
        native.unavailable ??= errorMessage(error);
      }
      if (!problem) {
        try {
          await inFreshContext(ctx, async (page) => {
            const load = await appLoad(ctx, page, file);
            longest.push(load.longestTaskMs);
            loads.push(load.ms);
            longTaskCounts.push(load.longTasks);
            taskLists.push(load.tasks);
            appCheck ??= await checkOf(appQuery(page), load.table);
          });
        } catch (error) {
          problem = errorMessage(error);
        }
      }
      const show = (values: number[]) => values.at(-1)?.toFixed(0) ?? '—';
      ctx.log(
        `  run ${run + 1}: app load ${show(loads)} ms, longest task ${show(longest)} ms (${longTaskCounts.at(-1) ?? '—'} long tasks), native loadFile ${show(native.runs)} ms`,
      );
    }
    let cancel: CancelCheck | undefined;
    if (!problem) {
      try {
        cancel = await inFreshContext(ctx, (page) => cancelMidLoad(ctx, page, file));
        ctx.log(
          `  cancel: clicked ${cancel.msIntoLoadAtClick.toFixed(0)} ms into the load (${cancel.phaseAtClick}), stopped ${cancel.msToStop?.toFixed(0) ?? 'never'} ms later; works: ${cancel.works}`,
        );
      } catch (error) {
        problem = `cancel check: ${errorMessage(error)}`;
      }
    }
    native.median = median(native.runs);
    const value = median(longest);
    const loadMs = median(loads);
    const same = appCheck !== undefined && appCheck === nativeCheck;
    if (appCheck !== undefined && !same) {
      problem ??= 'the app and native loadFile() made different tables';
    }
    return {
      id: this.id,
      title: this.title,
      unit: 'ms',
      value,
      runs: longest,
      references: [native],
      ratio: ratioOf(loadMs, native.median),
      target,
      pass:
        value === null || cancel === undefined
          ? null
          : same && value <= MAX_TASK_MS && cancel.works,
      ...(problem ? { unavailable: problem } : {}),
      details: {
        bytes: (await stat(file)).size,
        rows: ROWS,
        columns: HEADER.length,
        appLoadMs: loads,
        appLoadMsMedian: loadMs,
        ratioIs:
          'app load time / native loadFile() time, for information (the target is the longest task and Cancel)',
        longTasksPerLoad: longTaskCounts,
        longTasks: taskLists,
        cancel: cancel ?? null,
        cancelWorks: cancel?.works ?? null,
        sameTableAsNative: same,
        table: appCheck ?? null,
        measuredAs:
          'app (?blank, fresh browser context): PerformanceObserver longtask entries overlapping the file input’s change event → the new table listed in the data panel with no load progress left; the value is the longest one (0 when none passed 50 ms). Cancel: a further load, [data-testid=cancel-load] clicked once the progress is past "starting"',
      },
    };
  },
};

import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { repoRoot } from '../../test/browser/harness.ts';
import { inFreshContext, requireApp, Unavailable } from '../browser.ts';
import { errorMessage, median, ratioOf } from '../measure.ts';
import type { BenchContext, Figure, FigureResult } from './types.ts';
import { unavailableResult } from './types.ts';

const CELLS = 5000;
const MAX_RATIO = 2;
/** Longer than this and the page is stuck, not slow (it once took over 300 s for 222 cells). */
const TIMEOUT = 600_000;
const FILE_NAME = 'many-cells.md';

/** 5,000 SQL cells `SELECT <i> AS x`, each named, none reading another. */
export function manyCellsNotebook(count: number): string {
  const cells = Array.from(
    { length: count },
    (_, i) => `\`\`\`sql c${i + 1}\nSELECT ${i + 1} AS x\n\`\`\``,
  );
  return `# Many cells\n\n${cells.join('\n\n')}\n`;
}

/**
 * Opens the blank app, picks the notebook with the file input and waits until the run it
 * starts is over; milliseconds from picking the file to the end of the run. Checks that every
 * cell ended ok.
 */
async function appRun(ctx: BenchContext, page: Page, notebook: string): Promise<number> {
  await page.goto(`${ctx.url}?blank`);
  await page.waitForSelector('#app[data-state="ready"]', { timeout: 120_000 });
  const runs = await page.evaluate(() => Number(document.getElementById('app')!.dataset.runs));
  const started = performance.now();
  await page.locator('[data-testid="file-input"]').setInputFiles(notebook);
  await page.waitForFunction(
    (before) => {
      const app = document.getElementById('app')!;
      return Number(app.dataset.runs) > before && app.dataset.state !== 'running';
    },
    runs,
    // Polling, not every frame: checking is no part of what is measured.
    { timeout: TIMEOUT, polling: 250 },
  );
  const ms = performance.now() - started;
  const notOk = await page.evaluate(
    () => [...document.querySelectorAll('[data-cell]:not([data-status="ok"])')].length,
  );
  if (notOk > 0) throw new Unavailable(`${notOk} of ${CELLS} cells did not end ok in the page`);
  return ms;
}

/** `statecraft run` on the notebook, as a reviewer runs it: a new Node process each time. */
function cliRun(notebook: string, out: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['bin/statecraft.js', 'run', notebook, '--out', out], {
      cwd: repoRoot,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve(performance.now() - started);
      else reject(new Error(`statecraft run exited ${code}: ${stderr.slice(0, 300)}`));
    });
  });
}

/** Opening a notebook of 5,000 trivial cells in the app until all ran, vs `statecraft run`. */
export const manyCells: Figure = {
  id: 'many-cells',
  title: `${CELLS.toLocaleString('en')} trivial cells: open → all done (app vs statecraft run)`,
  defaultRuns: 3,
  async run(ctx, runs): Promise<FigureResult> {
    const target = `≤ ${MAX_RATIO}× statecraft run`;
    try {
      requireApp(ctx);
    } catch (error) {
      return unavailableResult(this, 'ms', target, errorMessage(error));
    }
    const dir = join(ctx.tmp, 'many-cells');
    await mkdir(dir, { recursive: true });
    const notebook = join(dir, FILE_NAME);
    await writeFile(notebook, manyCellsNotebook(CELLS));
    const browser: number[] = [];
    const cli: number[] = [];
    let problem: string | undefined;
    // Browser and command line alternate, so a busy spell on the machine hits both sides.
    for (let run = 0; run < runs; run++) {
      try {
        cli.push(await cliRun(notebook, join(dir, `out-${run}`)));
      } catch (error) {
        problem ??= `statecraft run: ${errorMessage(error)}`;
      }
      try {
        browser.push(await inFreshContext(ctx, (page) => appRun(ctx, page, notebook)));
      } catch (error) {
        problem ??= `app: ${errorMessage(error)}`;
      }
      ctx.log(
        `  run ${run + 1}: app ${((browser.at(-1) ?? NaN) / 1000).toFixed(1)} s, statecraft run ${((cli.at(-1) ?? NaN) / 1000).toFixed(1)} s`,
      );
    }
    const value = median(browser);
    const reference = median(cli);
    const ratio = ratioOf(value, reference);
    return {
      id: this.id,
      title: this.title,
      unit: 'ms',
      value,
      runs: browser,
      references: [{ label: 'statecraft run (native)', unit: 'ms', median: reference, runs: cli }],
      ratio,
      target,
      pass: ratio === null ? null : ratio <= MAX_RATIO,
      ...(problem ? { unavailable: problem } : {}),
      details: {
        cells: CELLS,
        cell: 'SELECT <i> AS x, each named, independent',
        measuredAs:
          'app: file picked in a blank page (fresh browser context) → run over (data-state); CLI: whole `statecraft run` process, start-up included',
      },
    };
  },
};

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeEngine } from '../../src/engine/NativeEngine.ts';
import { Session } from '../../src/notebook/Session.ts';
import { repoRoot } from './harness.ts';
import {
  cellStatuses,
  cliResults,
  comparable,
  completedRuns,
  differences,
  startUiSession,
  stopUiSession,
  pageResults,
  readRepoFile,
  replaceCellBody,
  screenshot,
  waitForRun,
  type UiSession,
  type Results,
} from './ui-helpers.ts';

/**
 * The default notebook in the built app, in real headless Chromium with DuckDB-WASM: it must
 * run every cell, draw its charts from real query results, give exactly the numbers the
 * command line gives, respond to inputs and edits, and never reach beyond its own origin.
 * Needs `npx vite build` first.
 */

const WELCOME = readRepoFile('notebooks/welcome.md');

let session: UiSession;
let page: Page;

beforeAll(async () => {
  session = await startUiSession();
  page = session.page;
  console.log(`[ui] welcome notebook open and run: ${session.readyMs.toFixed(0)} ms`);
});

afterAll(() => stopUiSession(session));

/** Bars of the chart in a cell: Plot draws one rect per row in its "bar" mark. */
function barCount(cell: string): Promise<number> {
  return page.locator(`[data-cell="${cell}"] svg g[aria-label="bar"] rect`).count();
}

/** Visible text of an element, whitespace collapsed (waits for the element to exist). */
async function textOf(locator: Locator): Promise<string> {
  return (await locator.first().innerText()).replace(/\s+/g, ' ').trim();
}

async function nativeSession(): Promise<{ session: Session; engine: NativeEngine }> {
  const engine = await NativeEngine.create();
  const session = new Session(engine);
  const csv = await readFile(join(repoRoot, 'data/demo-sanctions-synthetic.csv'));
  await session.addFiles([
    new File([csv], 'demo-sanctions-synthetic.csv'),
    new File([WELCOME], 'welcome.md'),
  ]);
  return { session, engine };
}

describe('the default notebook', () => {
  it('runs every cell and shows its prose, tables, statistics and charts', async () => {
    expect(await page.getAttribute('#app', 'data-state')).toBe('ready');
    const statuses = await cellStatuses(page);
    expect(Object.keys(statuses)).toEqual([
      'from_year',
      'us_episodes',
      'failure_by_embassy',
      '#3',
      'failure_model',
      '#5',
      '#6',
    ]);
    expect(Object.values(statuses).every((s) => s === 'ok')).toBe(true);
    expect(await textOf(page.locator('h1'))).toBe('Welcome to Statecraft Notebook');
    expect(await textOf(page.locator('[data-testid="notebook-file"]'))).toBe('welcome.md');

    const results = await pageResults(page);
    const rates = results.failure_by_embassy as { embassy_closed: boolean; n: number }[];
    // One bar per row of the rate table DuckDB-WASM computed, one dot per predicted level.
    expect(rates).toHaveLength(2);
    expect(await barCount('#3')).toBe(rates.length);
    const predicted = results.failure_model_predicted as unknown[];
    expect(await page.locator('[data-cell="#5"] svg g[aria-label="dot"] circle').count()).toBe(
      predicted.length,
    );

    // Statistics read the way a paper prints them.
    const rateTable = page.locator('[data-cell="failure_by_embassy"] table.stats');
    expect(await textOf(rateTable)).toContain('73.3%');
    expect(await textOf(rateTable)).toContain('[64.2%, 80.9%]');
    const logit = page.locator('[data-cell="failure_model"] table.logit');
    expect(await textOf(logit.locator('tr', { hasText: 'embassy_closedTRUE' }))).toContain(
      '0.993***',
    );
    expect(await textOf(logit.locator('tr', { hasText: 'embassy_closedTRUE' }))).toContain('2.699');
    expect(await textOf(page.locator('[data-cell="failure_model"] dl.fit'))).toContain('768.515');
    expect(await textOf(page.locator('[data-cell="#6"] [data-reproduced="true"]'))).toContain(
      'Reproduced',
    );

    // The data panel: the dataset, its tables from information_schema, the synthetic banner.
    expect(await page.locator('[data-testid="synthetic-banner"]').isVisible()).toBe(true);
    expect(await textOf(page.locator('[data-dataset="episodes"]'))).toContain('1,240 rows');
    expect(await textOf(page.locator('.data-panel [data-table="us_episodes"]'))).toContain(
      '637 rows',
    );
    await page.locator('.data-panel [data-table="episodes"] summary').click();
    expect(await textOf(page.locator('.data-panel [data-table="episodes"] .columns'))).toContain(
      'embassy_closed BOOLEAN',
    );

    await screenshot(page, 'welcome-top');
    await page.locator('[data-cell="failure_model"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'welcome-logit');
    await screenshot(page, 'welcome-full', true);
  });

  it('gives exactly the results.json the command line writes for the same notebook', async () => {
    const cli = cliResults(WELCOME, 'welcome.md', join(repoRoot, 'data'));
    expect(cli.status).toBe(0);
    const results = await pageResults(page);
    expect(results._meta.notebook).toBe('welcome.md');
    expect(differences(comparable(results), comparable(cli.results))).toEqual([]);
    expect(Object.keys(results).sort()).toEqual(
      [
        '_meta',
        'failure_by_embassy',
        'failure_by_embassy_missing',
        'failure_model',
        'failure_model_fit',
        'failure_model_predicted',
        'failure_model_missing',
        'us_episodes',
      ].sort(),
    );
  });

  it('re-runs the dependents of a slider moved with the keyboard, and says what no longer reproduces', async () => {
    const slider = page.locator('[data-input="from_year"] input[type="range"]');
    const before = await completedRuns(page);
    await slider.focus();
    // Seven steps of 5 years: 1945 → 1980. Only the newest value waits for the next run.
    for (let i = 0; i < 7; i++) await slider.press('ArrowRight');
    await waitForRun(page, before);
    expect(await textOf(page.locator('[data-input="from_year"] output'))).toBe('1980');
    await expect
      .poll(async () => {
        const rows = (await pageResults(page)).us_episodes as { start_year: number }[];
        return Math.min(...rows.map((r) => r.start_year));
      })
      .toBeGreaterThanOrEqual(1980);
    await page.waitForSelector('#app[data-state="ready"]');
    expect(Object.values(await cellStatuses(page)).every((s) => s === 'ok')).toBe(true);

    const results = await pageResults(page);
    const rates = results.failure_by_embassy as { embassy_closed: boolean; n: number }[];
    expect(rates.reduce((sum, r) => sum + r.n, 0)).toBeLessThan(637);
    expect(await barCount('#3')).toBe(rates.length);

    // The receipt was written for 1945: it names the table, row, column and both numbers.
    const receipt = page.locator('[data-cell="#6"]');
    expect(await textOf(receipt.locator('[data-reproduced="false"]'))).toContain('Not reproduced');
    const closed = rates.find((r) => r.embassy_closed)!;
    const row = receipt.locator(
      'tr[data-expect-table="failure_by_embassy"][data-expect-column="n"]',
      { hasText: 'embassy_closed = true' },
    );
    expect(await textOf(row)).toContain('105');
    expect(await textOf(row)).toContain(String(closed.n));
    await screenshot(page, 'welcome-input-1980');

    // Native DuckDB through the same Session, with the same input value, agrees exactly.
    const { session, engine } = await nativeSession();
    try {
      await session.setInput('from_year', 1980);
      const expected = (await session.results()) as Results;
      expect(differences(comparable(results), comparable(expected))).toEqual([]);
    } finally {
      await engine.close();
      const again = await completedRuns(page);
      await slider.press('Home');
      await waitForRun(page, again);
    }
    expect(await page.locator('[data-cell="#6"] [data-reproduced="true"]').isVisible()).toBe(true);
  });

  it('runs an edited SQL cell on Ctrl+Enter and redraws the chart that depends on it', async () => {
    expect(await barCount('#3')).toBe(2);
    const sql = [
      'SELECT episode_id, start_year, target, target_region, target_regime, embassy_closed,',
      '  target_costs, multilateral, institution_involved,',
      '  (start_year - 1945) / 10 AS decades_since_1945, NOT success AS failed',
      'FROM episodes',
      'WHERE us_primary_sender AND start_year >= $from_year AND NOT embassy_closed',
    ].join('\n');
    const editor = page.locator('[data-cell="us_episodes"] .cm-content');
    await editor.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText(sql);
    expect(await page.locator('[data-cell="us_episodes"] .dirty').isVisible()).toBe(true);
    const before = await completedRuns(page);
    await page.keyboard.press('Control+Enter');
    await waitForRun(page, before);

    const results = await pageResults(page);
    const rates = results.failure_by_embassy as { embassy_closed: boolean }[];
    expect(rates.map((r) => r.embassy_closed)).toEqual([false]);
    await expect.poll(() => barCount('#3')).toBe(1);
    expect(await page.locator('[data-cell="us_episodes"] .dirty').count()).toBe(0);
    expect(await textOf(page.locator('[data-cell="us_episodes"] .count'))).toBe(
      `${(results.us_episodes as unknown[]).length} rows`,
    );

    // The edit went into the notebook document: the command line, given the document with
    // the same cell body, computes the same tables.
    const edited = replaceCellBody(WELCOME, 'sql us_episodes', sql);
    const cli = cliResults(edited, 'welcome.md', join(repoRoot, 'data'));
    expect(differences(comparable(results), comparable(cli.results))).toEqual([]);
    await page.locator('[data-cell="failure_model"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'welcome-after-edit');
  });

  it('looks right in the dark colour scheme', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.evaluate(() => window.scrollTo(0, 0));
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(23, 24, 26)');
    await screenshot(page, 'welcome-dark');
    await page.locator('[data-cell="failure_by_embassy"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'welcome-dark-cells');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('made every request of the session to its own origin and logged no errors', async () => {
    const { requests, consoleErrors } = session.opened;
    expect(requests.all.some((url) => /demo-sanctions-synthetic.*\.csv$/.test(url))).toBe(true);
    expect(requests.all.some((url) => url.endsWith('.wasm'))).toBe(true);
    expect(requests.foreign()).toEqual([]);
    expect(requests.blocked).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});

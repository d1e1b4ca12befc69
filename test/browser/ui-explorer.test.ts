import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, repoRoot } from './harness.ts';
import {
  cellStatuses,
  cliResults,
  comparable,
  differences,
  downloadOf,
  pageResults,
  readRepoFile,
  screenshot,
  startUiSession,
  stopUiSession,
  type UiSession,
  andRun,
} from './ui-helpers.ts';

/**
 * The engagement explorer in the built app: pick a table, an outcome, an engagement variable
 * and a control, read the rates, the test, the logit and its marginal effect, and add the
 * equivalent cells to the notebook — which run, give the command line's numbers, and undo
 * like any edit. Needs `npx vite build`.
 */

const WELCOME = readRepoFile('notebooks/welcome.md');
const NEW_CELLS = [
  'embassy_closed_data',
  'embassy_closed_rates',
  'embassy_closed_crosstab',
  'embassy_closed_model',
  'embassy_closed_effects',
];

let session: UiSession;
let page: Page;

beforeAll(async () => {
  session = await startUiSession();
  page = session.page;
});

afterAll(() => stopUiSession(session));

/** Text of an element, whitespace collapsed. */
async function textOf(selector: string): Promise<string> {
  return (await page.locator(selector).first().innerText()).replace(/\s+/g, ' ').trim();
}

/**
 * Waits until the cells the explorer would write contain `sql` (so the choices have reached
 * it) and the preview shows them.
 */
async function previewReady(sql: string): Promise<void> {
  await page.waitForFunction(
    (text) => document.querySelector('[data-testid="explorer-cells"]')?.textContent?.includes(text),
    sql,
  );
  await page.waitForSelector('[data-testid="explorer"][data-preview="ready"]', {
    timeout: 60_000,
  });
}

describe('the engagement explorer', () => {
  it('opens from the header and codes TIES final outcomes as success', async () => {
    await page.getByTestId('open-explorer').click();
    await page.waitForSelector('[data-testid="explorer"][open]');
    await page.getByTestId('explorer-table').selectOption('episodes');
    await page.getByTestId('explorer-outcome').selectOption('finaloutcome');
    const boxes = page.locator('[data-testid="explorer-coding"] input[data-success-value]');
    await boxes.first().waitFor();
    const ticked: Record<string, boolean> = {};
    for (const box of await boxes.all()) {
      ticked[(await box.getAttribute('data-success-value'))!] = await box.isChecked();
    }
    expect(Object.keys(ticked)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(Object.keys(ticked).filter((k) => ticked[k])).toEqual(['1', '2', '5', '6', '7', '10']);
    // The demo's success column is that coding: the explorer agrees with it.
    await page.getByTestId('explorer-engagement').selectOption('embassy_closed');
    await previewReady('"finaloutcome" IN (1, 2, 5, 6, 7, 10) AS "success"');
    const coded = await textOf('[data-testid="explorer-rates"] table');
    await page.getByTestId('explorer-outcome').selectOption('success');
    await previewReady('SELECT\n  "success",\n  "embassy_closed"\nFROM "episodes"');
    expect(await textOf('[data-testid="explorer-rates"] table')).toBe(coded);
  });

  it('shows the rates, the test and the logit for a cell of the notebook', async () => {
    await page.getByTestId('explorer-table').selectOption('us_episodes');
    await page.getByTestId('explorer-outcome').selectOption('failed');
    await page.getByTestId('explorer-engagement').selectOption('embassy_closed');
    await page.locator('[data-control="target_costs"]').check();
    await previewReady('formula: failed ~ embassy_closed + target_costs');

    // The welcome notebook's receipt: 77 of 105 failed with the embassy closed, 223 of 532 without.
    const rates = await textOf('[data-testid="explorer-rates"] table');
    expect(rates).toContain('false 532 223 41.9%');
    expect(rates).toContain('true 105 77 73.3%');
    expect(await textOf('[data-difference="0"]')).toContain('+31.4 percentage points');
    const test = await textOf('[data-testid="explorer-test"] table.tests');
    expect(test).toContain('Pearson chi-square');
    expect(test).toContain('Fisher exact');
    const model = await textOf('[data-testid="explorer-model"] table.logit');
    expect(model).toContain('embassy_closedTRUE');
    expect(model).toContain('target_costs');
    expect(await textOf('[data-testid="explorer-model"] table.predicted')).toMatch(/true .*%/);
    // Next to the predicted probabilities, the effect of closing the embassy with the control
    // held as observed: 27.5 points, less than the raw 31.4 (test/explorer checks the number).
    const effects = await textOf('[data-testid="explorer-effects"] table.margins');
    expect(effects).toContain('embassy_closed TRUE - FALSE 0.275***');
    expect(await page.locator('[data-testid="explorer"] .chart:has(svg)').count()).toBe(2);
    await screenshot(page, 'explorer');
    await page.locator('[data-testid="explorer-model"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'explorer-model');

    // A filter narrows the sample; removing it brings the numbers back.
    await page.getByRole('button', { name: 'Add a filter' }).click();
    await page.getByLabel('Filter 1: column').selectOption('start_year');
    await page.getByLabel('Filter 1: comparison').selectOption('>=');
    await page.getByLabel('Filter 1: value').fill('1970');
    await previewReady('WHERE "start_year" >= 1970');
    const since1970 = await page.evaluate(() =>
      window.statecraft!.query('SELECT count(*) AS n FROM us_episodes WHERE start_year >= 1970'),
    );
    expect(await textOf('[data-testid="explorer"] .rows')).toBe(
      `${String(since1970.rows[0].n)} rows after the filters.`,
    );
    await page.getByRole('button', { name: 'Remove filter 1' }).click();
    await previewReady('FROM "us_episodes"\n```');
    expect(await textOf('[data-testid="explorer-rates"] table')).toBe(rates);
  });

  it('adds cells that run and give the command line’s numbers', async () => {
    await andRun(page, () => page.getByTestId('explorer-add').click());
    expect(await page.locator('[data-testid="explorer"]').count()).toBe(0);
    const statuses = await cellStatuses(page);
    for (const name of NEW_CELLS) expect(statuses[name]).toBe('ok');
    expect(Object.values(statuses).every((s) => s === 'ok')).toBe(true);
    expect(Object.keys(statuses)).toHaveLength(7 + 7);

    const saved = await downloadOf(page, () => page.getByTestId('save-notebook').click());
    expect(saved.text.startsWith(WELCOME.trimEnd())).toBe(true);
    const results = await pageResults(page);
    expect(results.embassy_closed_rates).toEqual(results.failure_by_embassy);
    expect(results.embassy_closed_effects).toMatchObject([
      { term: 'embassy_closed', contrast: 'TRUE - FALSE' },
    ]);
    const cli = cliResults(saved.text, 'welcome.md', join(repoRoot, 'data'));
    expect(cli.status).toBe(0);
    expect(differences(comparable(results), comparable(cli.results))).toEqual([]);
    expect(Object.keys(cli.svgs).sort()).toEqual(
      ['chart-1.svg', 'chart-2.svg', 'chart-3.svg', 'chart-4.svg'].sort(),
    );

    const scratch = await page.evaluate(() =>
      window.statecraft!.query(
        "SELECT table_name FROM information_schema.tables WHERE table_name LIKE '\\_\\_explorer%' ESCAPE '\\'",
      ),
    );
    expect(scratch.rows).toEqual([]);
    await page.locator('[data-cell="embassy_closed_model"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'explorer-cells');
  });

  it('undoes and redoes the added cells, and autosave keeps them', async () => {
    await andRun(page, () => page.getByRole('button', { name: 'Undo' }).click());
    let keys = Object.keys(await cellStatuses(page));
    expect(keys.filter((k) => NEW_CELLS.includes(k))).toEqual([]);
    await andRun(page, () => page.getByRole('button', { name: 'Redo' }).click());
    keys = Object.keys(await cellStatuses(page));
    expect(keys.filter((k) => NEW_CELLS.includes(k))).toEqual(NEW_CELLS);

    await openApp(page, session.app.url);
    await page.waitForSelector('[data-testid="restored"]');
    const statuses = await cellStatuses(page);
    for (const name of NEW_CELLS) expect(statuses[name]).toBe('ok');
    expect(session.opened.consoleErrors).toEqual([]);
  });
});

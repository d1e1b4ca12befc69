/**
 * A second visit shows the last run's charts before DuckDB is up (issue 20, warm start): with
 * DuckDB's .wasm held back, the welcome notebook's charts are on screen, marked
 * data-stale="kept" and saying where they come from; once DuckDB runs the notebook they are
 * replaced by live charts that draw the same marks. Another notebook shows nothing kept.
 * Needs a built app (STATECRAFT_DIST or dist/).
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from './harness.ts';
import { allCellsRan } from './present-helpers.ts';
import { newPage, startAppAndBrowser, stopUiSession, type AppAndBrowser } from './ui-helpers.ts';

let started: AppAndBrowser;
let context: BrowserContext;

beforeAll(async () => {
  started = await startAppAndBrowser();
  const { page } = await newPage(started.browser, started.app.origin);
  context = page.context();
  await openApp(page, `${started.app.url}?notebook=welcome`);
  await allCellsRan(page);
  await page.close();
}, 180_000);

afterAll(async () => {
  await stopUiSession(started);
});

/** Opens a page in the same browser context with DuckDB's WebAssembly held until `release`. */
async function visitHeld(query: string): Promise<{ page: Page; release: () => void }> {
  let release = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  const page = await context.newPage();
  await page.route('**/*.wasm', async (route) => {
    await gate;
    await route.continue();
  });
  await page.goto(`${started.app.url}${query}`);
  return { page, release };
}

/** Each chart's marks and texts, without the ids a drawing makes up. */
function charts(page: Page, selector: string): Promise<string[]> {
  return page
    .locator(`${selector} svg.statecraft-chart`)
    .evaluateAll((svgs) =>
      svgs.map((svg) =>
        svg.outerHTML.replace(/sc-[0-9a-f]+/g, 'sc').replace(/plot-marker-\d+/g, 'marker'),
      ),
    );
}

describe('kept charts on a second visit', () => {
  it('are on screen before DuckDB starts, marked, then replaced by the same live charts', async () => {
    const { page, release } = await visitHeld('?notebook=welcome');
    await page.locator('[data-stale="kept"] svg.statecraft-chart').first().waitFor();
    // DuckDB is held back: the notebook's run has started and waits for it; no cell has run.
    expect(await page.getAttribute('#app', 'data-state')).not.toBe('ready');
    expect(await page.locator('[data-cell][data-status="ok"].kind-chart').count()).toBe(0);
    const chartCells = await page.locator('[data-cell].kind-chart').count();
    expect(await page.locator('[data-stale="kept"].kind-chart').count()).toBe(chartCells);
    expect(await page.getByTestId('kept-note').first().innerText()).toContain(
      'From your last visit',
    );
    const kept = await charts(page, '[data-stale="kept"]');

    release();
    await allCellsRan(page);
    expect(await page.locator('[data-stale]').count()).toBe(0);
    expect(await charts(page, '[data-cell]')).toEqual(kept);
    await page.close();
  }, 120_000);

  it('are not shown for another notebook', async () => {
    const { page, release } = await visitHeld('?notebook=embassy-closure');
    await page.locator('[data-cell].kind-chart').first().waitFor();
    expect(await page.getAttribute('#app', 'data-state')).not.toBe('ready');
    expect(await page.locator('[data-stale]').count()).toBe(0);
    release();
    await allCellsRan(page);
    await page.close();
  }, 120_000);
});

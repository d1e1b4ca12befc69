import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type RunningApp } from './harness.ts';
import {
  cellStatuses,
  completedRuns,
  openFiles,
  startAppAndBrowser,
  stopUiSession,
  typeAndRun,
  waitForRun,
} from './ui-helpers.ts';

/**
 * Issue 14, finding 3: one short query used to take the tab down, and autosave then took it
 * down again on every visit. A huge value must leave the tab alive, and a notebook whose run
 * never ended (the page crashed or closed during it) must open without running. Needs a built
 * app (STATECRAFT_DIST or dist/).
 */

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  ({ app, browser } = await startAppAndBrowser());
});

afterAll(() => stopUiSession({ app, browser }));

async function newContext(): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1280, height: 800 } });
}

/** Records whether the page's renderer crashed. */
function watchCrash(page: Page): { crashed: boolean } {
  const state = { crashed: false };
  page.on('crash', () => (state.crashed = true));
  return state;
}

describe('a 100-million-character value', () => {
  it('leaves the tab alive and shows the start of the text with its length', async () => {
    const context = await newContext();
    try {
      const page = await context.newPage();
      const crash = watchCrash(page);
      await openApp(page, `${app.url}?blank`);
      await openFiles(page, [
        {
          name: 'huge.md',
          text: "# Huge\n\n```sql huge\nSELECT repeat('x', 100000000) AS t, 'after' AS u\n```\n",
        },
      ]);
      expect(crash.crashed).toBe(false);
      expect(await cellStatuses(page)).toEqual({ huge: 'ok' });
      const cell = page.locator('[data-cell="huge"] td').first();
      const shown = await cell.innerText();
      expect(shown).toMatch(/^x+… \(100,000,000 characters\)$/);
      expect(await cell.getAttribute('title')).toBe(
        `${'x'.repeat(1000)}… (100,000,000 characters)`,
      );
      expect(await page.locator('[data-cell="huge"] td').nth(1).innerText()).toBe('after');
      // The page still answers.
      expect(await page.evaluate(() => document.title.length >= 0)).toBe(true);
    } finally {
      await context.close();
    }
  });
});

describe('a reload after a crash in the middle of a run', () => {
  // Seconds of work in DuckDB-WASM: the crash lands while this cell runs.
  const SLOW = 'SELECT count(*) AS n FROM range(400000000) WHERE range % 7 = 3';

  it('opens the notebook without running it, says so, and Run all runs it', async () => {
    const context = await newContext();
    try {
      const page = await context.newPage();
      await openApp(page, `${app.url}?notebook=welcome`);
      await typeAndRun(page, 'us_episodes', SLOW);
      await page.waitForSelector('[data-cell="us_episodes"][data-status="running"]');
      // The renderer dies mid-run, as it did drawing the huge value.
      const crashed = page.waitForEvent('crash');
      const cdp = await context.newCDPSession(page);
      void cdp.send('Page.crash').catch(() => undefined);
      await crashed;

      // Every visit to / came back to the same crash; now the notebook waits.
      const again = await context.newPage();
      await openApp(again, app.url);
      const held = again.getByTestId('held');
      expect(await held.innerText()).toMatch(
        /welcome\.md was opened without running it: the last time it ran, the page closed or crashed before the run finished/,
      );
      const statuses = await cellStatuses(again);
      expect(Object.values(statuses).length).toBeGreaterThan(3);
      expect(Object.values(statuses).every((s) => s === 'stale')).toBe(true);
      expect(await again.locator('[data-cell="us_episodes"] .status').innerText()).toBe('not run');
      expect(await again.locator('[data-cell="us_episodes"] .cm-content').innerText()).toBe(SLOW);

      // A reload before choosing still does not run it.
      await openApp(again, app.url);
      await again.getByTestId('held').waitFor();
      expect(Object.values(await cellStatuses(again)).every((s) => s === 'stale')).toBe(true);

      const before = await completedRuns(again);
      await again.getByTestId('run-all').click();
      await waitForRun(again, before);
      expect(await again.getByTestId('held').count()).toBe(0);
      expect((await cellStatuses(again)).us_episodes).toBe('ok');

      // The run ended on screen: the next visit runs the notebook as usual.
      await openApp(again, app.url);
      expect(await again.getByTestId('held').count()).toBe(0);
      expect((await cellStatuses(again)).us_episodes).toBe('ok');
    } finally {
      await context.close();
    }
  });
});

/**
 * Accessibility as axe-core sees it (issue 21, item 5): the welcome notebook after every cell
 * ran, the engagement explorer showing results, the data panel and Present mode have no
 * serious or critical violation of the WCAG 2.1 A and AA rules; a chart carries its text
 * alternative (a label, a one-sentence description and its rows behind a "Data" toggle).
 *
 * axe is read from node_modules and added to the page as a script: nothing comes from a CDN.
 * The app's Content-Security-Policy refuses inline scripts, so these pages are opened with
 * bypassCSP, for the axe check only; security.test.ts checks the policy itself.
 */
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from './harness.ts';
import { allCellsRan, settle } from './present-helpers.ts';
import {
  newPage,
  screenshot,
  startAppAndBrowser,
  stopUiSession,
  type AppAndBrowser,
} from './ui-helpers.ts';

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface AxeNode {
  target: unknown[];
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact?: string | null;
  help: string;
  nodes: AxeNode[];
}

let started: AppAndBrowser;

beforeAll(async () => {
  started = await startAppAndBrowser();
}, 180_000);

afterAll(() => stopUiSession(started));

/** The welcome notebook opened at 1280 px with every cell run, in a page axe can enter. */
async function welcome(colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const { page } = await newPage(started.browser, started.app.origin, {
    colorScheme,
    bypassCSP: true,
  });
  await openApp(page, `${started.app.url}?notebook=welcome`);
  await allCellsRan(page);
  return page;
}

/**
 * Runs axe's WCAG 2.1 A/AA rules on `include` (the whole page by default) and returns the
 * serious and critical violations, one readable line per element.
 */
async function seriousViolations(page: Page, include?: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_PATH });
  const violations = await page.evaluate(async (selector) => {
    const axe = (
      window as unknown as {
        axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(selector ? { include: [selector] } : document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return result.violations;
  }, include);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map(
        (n) =>
          `${v.id} (${v.impact}): ${v.help} — ${JSON.stringify(n.target)}${n.failureSummary ? `\n    ${n.failureSummary.replace(/\n/g, '\n    ')}` : ''}`,
      ),
    );
}

describe('accessibility (axe-core, WCAG 2.1 A/AA)', () => {
  it.each(['light', 'dark'] as const)(
    'the welcome notebook, every cell run, in the %s scheme',
    async (scheme) => {
      const page = await welcome(scheme);
      expect(await seriousViolations(page)).toEqual([]);
      await page.context().close();
    },
  );

  it('a chart has a label, a description and its data behind a "Data" toggle', async () => {
    const page = await welcome();
    const cell = page
      .locator('[data-cell]')
      .filter({ has: page.locator('.chart svg') })
      .first();
    const img = cell.locator('[role="img"]').first();
    expect(await img.getAttribute('aria-label')).toBeTruthy();
    const description = await img.evaluate(
      (el) =>
        el.getAttribute('aria-description') ??
        (el.getAttribute('aria-describedby') &&
          document.getElementById(el.getAttribute('aria-describedby')!)?.textContent) ??
        '',
    );
    expect(description).toMatch(/^Bar chart .*\./);
    const toggle = cell.getByText('Data', { exact: true });
    const table = cell.locator('details.chart-data table');
    expect(await table.isVisible()).toBe(false);
    await toggle.click();
    // The table is built when the toggle first opens: wait for it rather than read at once.
    await table.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await table.locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await table.locator('thead th').allInnerTexts()).toContain('rate');
    const name = await cell.getAttribute('data-cell');
    expect(await seriousViolations(page, `[data-cell="${name}"]`)).toEqual([]);
    await page.context().close();
  });

  it('the engagement explorer, showing results', async () => {
    const page = await welcome();
    await page.getByTestId('open-explorer').click();
    await page.waitForSelector('[data-testid="explorer"][open]');
    await page.getByTestId('explorer-table').selectOption('us_episodes');
    await page.getByTestId('explorer-outcome').selectOption('failed');
    await page.getByTestId('explorer-engagement').selectOption('embassy_closed');
    await page.waitForSelector('[data-testid="explorer"][data-preview="ready"]', {
      timeout: 60_000,
    });
    await page.locator('[data-testid="explorer"] .chart svg').first().waitFor();
    await screenshot(page, 'a11y-explorer');
    expect(await seriousViolations(page)).toEqual([]);

    // A real modal dialog: Tab never reaches the page behind it (past its last control focus
    // leaves for the browser's own UI, the body here, and comes back), each control shows a
    // focus ring; Esc closes it and gives focus back to the button that opened it.
    let returned = false;
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      const focus = await page.evaluate(() => {
        const el = document.activeElement;
        return {
          body: el === document.body,
          inside: el?.closest('[data-testid="explorer"]') !== null,
          what: `${el?.tagName.toLowerCase()} ${el?.getAttribute('data-testid') ?? el?.textContent?.slice(0, 30)}`,
          ring: el ? getComputedStyle(el).outlineStyle !== 'none' : false,
        };
      });
      if (focus.body) {
        returned = true;
        continue;
      }
      expect(focus.inside, `Tab ${i + 1} reached ${focus.what}`).toBe(true);
      expect(focus.ring, `Tab ${i + 1}: ${focus.what} shows no focus ring`).toBe(true);
    }
    expect(returned, 'Tab went round the dialog').toBe(true);
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="explorer"]').waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'open-explorer',
    );
    await page.context().close();
  });

  it('the data panel', async () => {
    const page = await welcome();
    expect(await page.locator('#data-panel').isVisible()).toBe(true);
    expect(await seriousViolations(page, '#data-panel')).toEqual([]);
    await page.context().close();
  });

  it('Present mode, every slide', async () => {
    const page = await welcome();
    await page.getByTestId('present').click();
    await page.getByTestId('presentation').waitFor();
    const counter = page.getByTestId('slide-counter');
    const total = Number((await counter.innerText()).split('/')[1]);
    const found: string[] = [];
    let charts = 0;
    for (let i = 1; i <= total; i++) {
      await page.waitForFunction(
        (n) =>
          document
            .querySelector('[data-testid="slide-counter"]')
            ?.textContent?.startsWith(`${n} /`),
        i,
      );
      await settle(page);
      charts += await page.locator('[data-testid="slide"] svg[role="img"][aria-label]').count();
      found.push(...(await seriousViolations(page)).map((v) => `slide ${i}: ${v}`));
      await page.keyboard.press('PageDown');
    }
    expect(charts).toBeGreaterThanOrEqual(2);
    expect(found).toEqual([]);
    await page.context().close();
  });
});

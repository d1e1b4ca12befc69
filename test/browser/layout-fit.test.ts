/**
 * The page on a laptop window and a phone (issue 21): at 768 and 360 px wide every bundled
 * notebook fits the window's width (nothing scrolls sideways but a wide table inside its own
 * box), the header is one row, the data panel is a drawer the Data button opens and Esc
 * closes, and the header's other actions are one Menu away. The explorer open fits too.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openApp } from './harness.ts';
import { allCellsRan } from './present-helpers.ts';
import { newPage, screenshot, useAppAndBrowser } from './ui-helpers.ts';

const WIDTHS = [768, 360];
const NOTEBOOKS = [
  'welcome',
  'embassy-closure',
  'paper-tables',
  'ties-diplomacy',
  'dcid-cyber',
  'embassy-evidence',
];

const started = useAppAndBrowser();

interface Fit {
  viewport: number;
  scrollWidth: number;
  headerHeight: number;
  /** Elements reaching past the window's right edge that are not inside a scrolling box. */
  overflowing: string[];
  /** Every element reaching past it, scrolling box or not: what to look at when it fails. */
  wide: string[];
}

/** How the page sits in its window: its width, the header's height and what sticks out. */
function measure(page: Page): Promise<Fit> {
  return page.evaluate(() => {
    const viewport = document.documentElement.clientWidth;
    const scrolls = (e: Element | null): boolean => {
      for (let p = e?.parentElement; p; p = p.parentElement) {
        const overflow = getComputedStyle(p).overflowX;
        if (overflow === 'auto' || overflow === 'scroll' || overflow === 'hidden') return true;
      }
      return false;
    };
    const name = (e: Element) =>
      `${e.tagName.toLowerCase()}.${e.className} (right ${Math.round(e.getBoundingClientRect().right)})`;
    const wide = [...document.querySelectorAll('body *')].filter((e) => {
      const box = e.getBoundingClientRect();
      const shown = box.width > 0 && getComputedStyle(e).visibility !== 'hidden';
      return shown && box.right > viewport + 1;
    });
    const overflowing = wide
      .filter((e) => !scrolls(e))
      .slice(0, 5)
      .map(name);
    const header = document.querySelector('header')?.getBoundingClientRect().height ?? 0;
    return {
      viewport,
      scrollWidth: document.documentElement.scrollWidth,
      headerHeight: header,
      overflowing,
      wide: wide.slice(0, 12).map(name),
    };
  });
}

async function open(stem: string, width: number): Promise<Page> {
  const { page } = await newPage(started().browser, started().app.origin);
  await page.setViewportSize({ width, height: 800 });
  await openApp(page, `${started().app.url}?notebook=${stem}`);
  return page;
}

describe.each(WIDTHS)('at %i px wide', (width) => {
  it.each(NOTEBOOKS)(
    '%s fits the window, under a one-row header',
    async (stem) => {
      const page = await open(stem, width);
      // Notebooks on shared datasets wait for their files; their page must fit all the same.
      if (stem === 'welcome' || stem === 'embassy-closure' || stem === 'paper-tables') {
        await allCellsRan(page);
      }
      const fit = await measure(page);
      expect(fit.overflowing, `${stem} at ${width}px`).toEqual([]);
      expect(fit.scrollWidth).toBe(fit.viewport);
      // One row of buttons (about 40 px), not four rows of links and actions.
      expect(fit.headerHeight).toBeLessThan(64);
      if (stem === 'welcome') await screenshot(page, `layout-${stem}-${width}`);
      await page.context().close();
    },
    120_000,
  );

  it('opens the data panel as a drawer and the rest of the header as a menu', async () => {
    const page = await open('welcome', width);
    const panel = page.locator('#data-panel');
    await expect.poll(() => panel.isVisible()).toBe(false);
    await page.getByTestId('data-toggle').click();
    await expect.poll(() => panel.isVisible()).toBe(true);
    const box = (await panel.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(width + 1);
    expect((await measure(page)).scrollWidth).toBe(width);
    await page.keyboard.press('Escape');
    await expect.poll(() => panel.isVisible()).toBe(false);
    // Focus goes back to the button that opened it, so the keyboard user is not lost.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'data-toggle',
    );

    const report = page.getByTestId('export-html');
    expect(await report.isVisible()).toBe(false);
    await page.getByTestId('menu-toggle').click();
    expect(await report.isVisible()).toBe(true);
    expect((await measure(page)).scrollWidth).toBe(width);
    await page.keyboard.press('Escape');
    expect(await report.isVisible()).toBe(false);
    await page.context().close();
  }, 120_000);

  it('fits with the explorer open', async () => {
    const page = await open('welcome', width);
    await allCellsRan(page);
    await page.getByTestId('menu-toggle').click();
    await page.getByTestId('open-explorer').click();
    await expect.poll(() => page.locator('[data-testid="explorer"]').count()).toBeGreaterThan(0);
    const fit = await measure(page);
    expect(fit.overflowing).toEqual([]);
    expect(fit.scrollWidth, fit.wide.join('; ')).toBe(fit.viewport);
    await screenshot(page, `layout-explorer-${width}`);
    await page.context().close();
  }, 120_000);
});

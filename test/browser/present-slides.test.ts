/**
 * Present mode as a room sees it (issue 21): on a 1280×720 projector and a 1920×1080 screen,
 * every slide of the welcome and embassy-closure notebooks keeps all of itself inside the
 * slide, charts fill the slide's width with tick labels readable from the back, no working
 * details (run times, download links) show, and moving the slider leaves the y axis alone.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openApp } from './harness.ts';
import { allCellsRan, measureSlide, settle, type SlideMeasure } from './present-helpers.ts';
import { andRun, newPage, screenshot, useAppAndBrowser } from './ui-helpers.ts';

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
];

const started = useAppAndBrowser();

async function present(stem: string, size: { width: number; height: number }): Promise<Page> {
  const { page } = await newPage(started().browser, started().app.origin);
  await page.setViewportSize(size);
  await openApp(page, `${started().app.url}?notebook=${stem}`);
  await allCellsRan(page);
  await page.getByTestId('present').click();
  await page.getByTestId('presentation').waitFor();
  return page;
}

/** Every slide, measured, from the first to the last. */
async function everySlide(page: Page, name: string): Promise<SlideMeasure[]> {
  const counter = page.getByTestId('slide-counter');
  const total = Number((await counter.innerText()).split('/')[1]);
  const slides: SlideMeasure[] = [];
  for (let i = 1; i <= total; i++) {
    await page.waitForFunction(
      (n) =>
        document.querySelector('[data-testid="slide-counter"]')?.textContent?.startsWith(`${n} /`),
      i,
    );
    await settle(page);
    const slide = await measureSlide(page);
    slides.push(slide);
    await screenshot(page, `${name}-${i}`);
    await page.keyboard.press('PageDown');
  }
  return slides;
}

describe.each(SIZES)('Present mode at $width×$height', (size) => {
  it.each(['welcome', 'embassy-closure'])(
    '%s: charts fill the slide, labels read from the back, nothing cut, no working details',
    async (stem) => {
      const page = await present(stem, size);
      const slides = await everySlide(page, `present-${stem}-${size.width}`);
      const charts = slides.flatMap((s) =>
        s.charts.map((c) => ({ id: s.id, slide: s.slideWidth, ...c })),
      );
      expect(charts.length).toBeGreaterThanOrEqual(2);
      for (const chart of charts) {
        expect(chart.width / chart.slide, `${chart.id}: chart width share`).toBeGreaterThanOrEqual(
          0.85,
        );
        expect(chart.minTick, `${chart.id}: smallest tick label (px)`).toBeGreaterThanOrEqual(18);
      }
      for (const slide of slides) {
        expect(slide.outside, `${slide.id}: elements outside the slide`).toEqual([]);
        expect(slide.text, `${slide.id}: timing or status`).not.toMatch(
          /\bran\b|\d\s*ms\b|running…|not run\b/,
        );
        expect(slide.downloads, `${slide.id}: download controls`).toBe(0);
      }
      await page.context().close();
    },
    300_000,
  );

  it('welcome: moving the slider keeps every y axis where it was', async () => {
    const page = await present('welcome', size);
    const counter = page.getByTestId('slide-counter');
    const total = Number((await counter.innerText()).split('/')[1]);
    let checked = 0;
    for (let i = 1; i <= total; i++) {
      await settle(page);
      const before = await measureSlide(page);
      const slider = page.locator(
        '[data-testid="slide"] [data-input="from_year"] input[type="range"]',
      );
      if (before.charts.length > 0 && (await slider.count()) > 0) {
        const bars = () => page.locator('[data-testid="slide"] svg.statecraft-chart').innerHTML();
        const drawn = await bars();
        await slider.focus();
        await andRun(page, async () => {
          for (let k = 0; k < 5; k++) await page.keyboard.press('ArrowRight');
        });
        await page.waitForFunction(
          (old) =>
            document.querySelector('[data-testid="slide"] svg.statecraft-chart')?.innerHTML !== old,
          drawn,
        );
        await settle(page);
        const after = await measureSlide(page);
        // The arrows moved the slider, not the slides.
        expect(after.id).toBe(before.id);
        expect(after.charts.map((c) => c.yTicks)).toEqual(before.charts.map((c) => c.yTicks));
        expect(before.charts[0].yTicks.length).toBeGreaterThan(2);
        await andRun(page, () => slider.press('Home'));
        await page.locator('[data-testid="presentation"]').focus();
        checked++;
      }
      await page.keyboard.press('PageDown');
    }
    expect(checked).toBeGreaterThanOrEqual(2);
    await page.context().close();
  }, 300_000);
});

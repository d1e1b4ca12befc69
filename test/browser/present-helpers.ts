import type { Page } from 'playwright-core';

/** What a person sees on the slide shown now, measured in the page. */
export interface SlideMeasure {
  id: string;
  /** Width of the slide, in CSS pixels. */
  slideWidth: number;
  charts: { width: number; minTick: number; yTicks: string[] }[];
  /** Elements cut by the slide (or by a box that hides overflow), described. */
  outside: string[];
  text: string;
  /** Save/download controls on the slide. */
  downloads: number;
}

/** Waits for the slide shown to settle: its chart drawn, fitting and resizing done. */
export async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const slide = document.querySelector('[data-testid="slide"]');
    if (!slide) return false;
    // A chart host that is drawn holds Plot's element.
    return [...slide.querySelectorAll('.present-chart .chart')].every(
      (host) => host.firstElementChild !== null,
    );
  });
  await page.evaluate(
    () =>
      new Promise<void>((resolve) =>
        requestAnimationFrame(() => requestAnimationFrame(() => resolve())),
      ),
  );
}

export function measureSlide(page: Page): Promise<SlideMeasure> {
  return page.evaluate(() => {
    const slide = document.querySelector<HTMLElement>('[data-testid="slide"]')!;
    const box = slide.getBoundingClientRect();
    const charts = [...slide.querySelectorAll<SVGSVGElement>('svg.statecraft-chart')].map((svg) => {
      const ticks = [...svg.querySelectorAll<SVGTextElement>('g[aria-label$="tick label"] text')];
      const sizes = ticks.map(
        (t) => parseFloat(getComputedStyle(t).fontSize) * (t.getScreenCTM()?.a ?? 0),
      );
      const yTicks = [
        ...svg.querySelectorAll<SVGTextElement>('g[aria-label="y-axis tick label"] text'),
      ].map((t) => t.textContent ?? '');
      return { width: svg.getBoundingClientRect().width, minTick: Math.min(...sizes), yTicks };
    });
    // Each element is checked against the nearest box that clips it: the slide, or a box that
    // hides what overflows it (an <svg>, a chart). A box that scrolls shows all of it.
    const clips = (el: Element) => {
      const s = getComputedStyle(el);
      return s.overflowX !== 'visible' || s.overflowY !== 'visible';
    };
    const outside: string[] = [];
    for (const el of slide.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      // Not drawn (the body of a closed <details>, display: none): nothing to see or cut.
      if (r.width === 0 || r.height === 0 || !el.checkVisibility()) continue;
      let clip = el.parentElement ?? slide;
      while (clip !== slide && !clips(clip)) clip = clip.parentElement ?? slide;
      const cs = getComputedStyle(clip);
      const scrolls = /auto|scroll/.test(cs.overflowX + cs.overflowY);
      if (clip !== slide && scrolls) continue;
      const c = clip.getBoundingClientRect();
      const t = 1;
      if (
        r.left < c.left - t ||
        r.right > c.right + t ||
        r.top < c.top - t ||
        r.bottom > c.bottom + t
      ) {
        const what = `${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''} "${(el.textContent ?? '').slice(0, 40)}"`;
        outside.push(
          `${what} [${Math.round(r.left)},${Math.round(r.top)},${Math.round(r.right)},${Math.round(r.bottom)}] in ${clip.tagName.toLowerCase()} [${Math.round(c.left)},${Math.round(c.top)},${Math.round(c.right)},${Math.round(c.bottom)}]`,
        );
      }
    }
    // The slide itself sits above the slide controls, inside the window.
    const nav = document.querySelector('[data-testid="presentation"] nav')!.getBoundingClientRect();
    if (box.bottom > nav.top + 1 || box.right > window.innerWidth + 1) {
      outside.push(`the slide [${box.bottom}] runs under the controls [${nav.top}]`);
    }
    return {
      id: slide.dataset.slideId ?? '',
      slideWidth: box.width,
      charts,
      outside,
      text: slide.innerText,
      downloads: [...slide.querySelectorAll<HTMLElement>('[data-download]')].filter(
        (d) => d.offsetParent !== null,
      ).length,
    };
  });
}

/** Waits until every cell of the notebook ran. */
export async function allCellsRan(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const cells = document.querySelectorAll('[data-cell]');
      return (
        cells.length > 0 &&
        [...cells].every((c) => c.getAttribute('data-status') === 'ok') &&
        document.getElementById('app')?.dataset.state === 'ready'
      );
    },
    undefined,
    { timeout: 120_000 },
  );
}

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PARITY_CHARTS, PARITY_NOTEBOOK } from '../charts/parity-notebook.ts';
import { repoRoot } from './harness.ts';
import {
  andRun,
  cellStatuses,
  cliResults,
  downloadOf,
  startUiSession,
  stopUiSession,
  type UiSession,
} from './ui-helpers.ts';

/**
 * Issue 19's chart keys in the built app against the command line: a coefficient plot, odds
 * ratios on a log axis, a curve with a band, predictions at a 0/1 integer and a chart with
 * labels, a fixed domain, a rule, a format and a sort. Each chart's "Download SVG" is the very
 * file `statecraft run` writes; and the fixed y axis stays put when the slider moves. Needs a
 * build (STATECRAFT_DIST or dist/).
 */

let ui: UiSession;
let page: Page;

beforeAll(async () => {
  // Plot offsets strokes by half a pixel on screens with devicePixelRatio 1 and not in Node
  // (test/charts/browser.test.ts); on a high-density screen the files agree byte for byte.
  ui = await startUiSession('?blank', { deviceScaleFactor: 2 });
  page = ui.page;
  await andRun(page, () =>
    page
      .locator('[data-testid="file-input"]')
      .setInputFiles([
        { name: 'chart-keys.md', mimeType: 'text/markdown', buffer: Buffer.from(PARITY_NOTEBOOK) },
      ]),
  );
}, 180_000);

afterAll(async () => {
  await stopUiSession(ui);
});

function yTicks(chart: string): Promise<string[]> {
  return page
    .locator(`[data-cell="${chart}"] svg.statecraft-chart [aria-label="y-axis tick label"] text`)
    .allTextContents();
}

describe('charts with the issue-19 keys in the page and on the command line', () => {
  it('run, and each downloads as the very SVG file the command line writes', async () => {
    const statuses = await cellStatuses(page);
    for (const chart of PARITY_CHARTS) expect(statuses[chart], chart).toBe('ok');
    const cli = cliResults(PARITY_NOTEBOOK, 'chart-keys.md', repoRoot);
    expect(cli.status, cli.output).toBe(0);
    expect(Object.keys(cli.svgs).sort()).toEqual(PARITY_CHARTS.map((c) => `${c}.svg`).sort());
    for (const chart of PARITY_CHARTS) {
      const svg = await downloadOf(page, () =>
        page.locator(`[data-cell="${chart}"] [data-download="svg"]`).click(),
      );
      expect(svg.name).toBe(`${chart}.svg`);
      expect(svg.text, chart).toBe(cli.svgs[`${chart}.svg`]);
    }
    // What the files show: the coefficient plot's terms, the 0/1 predictor as two categories.
    expect(cli.svgs['coefs.svg']).toContain('reference line at 0');
    expect(cli.svgs['odds.svg']).toContain('reference line at 1');
    expect(cli.svgs['curve_plot.svg']).toContain('confidence band from lower to upper');
    const closedTicks = page.locator(
      '[data-cell="by_closed"] svg.statecraft-chart [aria-label="x-axis tick label"] text',
    );
    expect(await closedTicks.allTextContents()).toEqual(['0', '1']);
  });

  it('keeps the fixed y axis where it is while the slider changes the rates', async () => {
    const before = await yTicks('by_region');
    expect(before.at(-1)).toBe('100%');
    const rates = () =>
      page
        .locator('[data-cell="by_region"] svg.statecraft-chart g[aria-label="dot"] circle')
        .evaluateAll((dots) => dots.map((d) => d.getAttribute('cy')));
    const dotsBefore = await rates();
    const slider = page.locator('[data-input="from_year"] input[type="range"]');
    await slider.focus();
    await andRun(page, async () => {
      for (let k = 0; k < 3; k++) await page.keyboard.press('ArrowRight');
    });
    expect(await slider.inputValue()).toBe('1980');
    expect(await rates()).not.toEqual(dotsBefore);
    expect(await yTicks('by_region')).toEqual(before);
  });
});

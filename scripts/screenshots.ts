/**
 * Remakes the README's pictures of the app (issue 21), in real Chromium against a build:
 *
 *   npx vite build && npx tsx scripts/screenshots.ts        (or STATECRAFT_DIST=<dir>)
 *
 * - docs/images/present-slide.png: Present mode on welcome.md, the first slide with a chart,
 *   at 1280×720.
 * - docs/images/explorer-90-columns.png: the engagement explorer on a generated 90-column
 *   file (an outcome, an engagement variable and 88 columns with bare names), at 1280×800.
 *
 * Device scale 1 keeps each PNG small. The 90-column file is made here, deterministically,
 * from a fixed seed; no real dataset is used.
 */
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { openApp, repoRoot } from '../test/browser/harness.ts';
import { allCellsRan, settle } from '../test/browser/present-helpers.ts';
import {
  newPage,
  openFiles,
  startAppAndBrowser,
  stopUiSession,
} from '../test/browser/ui-helpers.ts';

const OUT = join(repoRoot, 'docs', 'images');
const ROWS = 400;

/** A small fixed-seed generator (mulberry32), so the file is the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * 90 columns: `success` (true/false), `engaged` (true/false, which raises the chance of
 * success), 66 numeric columns x01…x66 and 22 text columns c01…c22.
 */
export function wideCsv(): string {
  const next = random(90);
  const numeric = Array.from({ length: 66 }, (_, i) => `x${String(i + 1).padStart(2, '0')}`);
  const text = Array.from({ length: 22 }, (_, i) => `c${String(i + 1).padStart(2, '0')}`);
  const lines = [['success', 'engaged', ...numeric, ...text].join(',')];
  for (let r = 0; r < ROWS; r++) {
    const engaged = next() < 0.35;
    const x = numeric.map(() => Math.round(next() * 1000) / 10);
    const chance = 1 / (1 + Math.exp(-(-0.6 + (engaged ? 1.1 : 0) + (x[0] - 50) / 40)));
    const success = next() < chance;
    const words = text.map(() => ['alpha', 'beta', 'gamma', 'delta'][Math.floor(next() * 4)]);
    lines.push([success, engaged, ...x, ...words].join(','));
  }
  return `${lines.join('\n')}\n`;
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const started = await startAppAndBrowser();
  try {
    // A slide with a chart, as a room sees it on a 1280×720 projector.
    const slide = await newPage(started.browser, started.app.origin);
    await slide.page.setViewportSize({ width: 1280, height: 720 });
    await openApp(slide.page, `${started.app.url}?notebook=welcome`);
    await allCellsRan(slide.page);
    await slide.page.getByTestId('present').click();
    await slide.page.getByTestId('presentation').waitFor();
    const total = Number((await slide.page.getByTestId('slide-counter').innerText()).split('/')[1]);
    for (let i = 1; i <= total; i++) {
      await slide.page.waitForFunction(
        (n) =>
          document
            .querySelector('[data-testid="slide-counter"]')
            ?.textContent?.startsWith(`${n} /`),
        i,
      );
      await settle(slide.page);
      if ((await slide.page.locator('[data-testid="slide"] svg.statecraft-chart').count()) > 0) {
        break;
      }
      if (i === total) throw new Error('No slide of welcome.md shows a chart');
      await slide.page.keyboard.press('PageDown');
    }
    await save(slide.page, 'present-slide.png');
    await slide.page.context().close();

    // The explorer on a wide file: 90 columns to choose from, results shown.
    const explorer = await newPage(started.browser, started.app.origin);
    await openApp(explorer.page, `${started.app.url}?blank`);
    await openFiles(explorer.page, [{ name: 'wide.csv', text: wideCsv() }]);
    await explorer.page.getByTestId('open-explorer').click();
    await explorer.page.waitForSelector('[data-testid="explorer"][open]');
    await explorer.page.getByTestId('explorer-table').selectOption('wide');
    await explorer.page.getByTestId('explorer-outcome').selectOption('success');
    await explorer.page.getByTestId('explorer-engagement').selectOption('engaged');
    await explorer.page.waitForSelector('[data-testid="explorer"][data-preview="ready"]', {
      timeout: 60_000,
    });
    await explorer.page.locator('[data-testid="explorer"] .chart svg').first().waitFor();
    await save(explorer.page, 'explorer-90-columns.png');
    await explorer.page.context().close();
  } finally {
    await stopUiSession(started);
  }
}

async function save(page: import('playwright-core').Page, name: string): Promise<void> {
  const path = join(OUT, name);
  await page.screenshot({ path });
  console.log(`${path}: ${Math.round(statSync(path).size / 1024)} kB`);
}

await main();

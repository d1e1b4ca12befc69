import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type RunningApp } from './harness.ts';
import { downloadOf, startAppAndBrowser, stopUiSession } from './ui-helpers.ts';

/**
 * The notebook library in the built app: two `?blank` notebooks are kept apart under their
 * own names, both survive a reload and are listed, and one deleted and restored from the
 * trash comes back byte for byte. Needs a built app (STATECRAFT_DIST or dist/).
 */

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  ({ app, browser } = await startAppAndBrowser());
});

afterAll(() => stopUiSession({ app, browser }));

interface Hooks {
  statecraft: {
    addCell(kind: string, body: string, name?: string): Promise<void>;
    notebooks(): Promise<{ file: string; title: string; updated: string; datasets: string[] }[]>;
  };
}

function addCell(page: Page, body: string, name: string): Promise<void> {
  return page.evaluate(
    ([b, n]) => (window as unknown as Hooks).statecraft.addCell('sql', b!, n),
    [body, name],
  );
}

function files(page: Page): Promise<string[]> {
  return page.evaluate(async () =>
    (await (window as unknown as Hooks).statecraft.notebooks()).map((n) => n.file).sort(),
  );
}

describe('notebook library', () => {
  it('keeps two blank notebooks, lists both after a reload, and restores one from the trash', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await openApp(page, `${app.url}?blank`);
      await addCell(page, 'SELECT 1 AS one', 'first');
      await expect.poll(() => page.getByTestId('notebook-file').textContent()).toBe('untitled.md');

      await openApp(page, `${app.url}?blank`);
      await expect
        .poll(() => page.getByTestId('notebook-file').textContent())
        .toBe('untitled-2.md');
      await addCell(page, 'SELECT 2 AS two', 'second');

      // A new visit to the app's own address. (Reloading the `?blank` address first opened a
      // third blank notebook, which became the last one open whenever it started before the
      // navigation below: the test then failed on a busy machine.)
      await openApp(page, app.url);
      // The notebook open last comes back, with its cell.
      await expect
        .poll(() => page.getByTestId('notebook-file').textContent())
        .toBe('untitled-2.md');
      await expect.poll(() => page.locator('[data-cell="second"]').count()).toBe(1);
      expect(await files(page)).toEqual(['untitled-2.md', 'untitled.md']);

      await page.getByTestId('library-button').click();
      const first = page.locator('[data-library-file="untitled.md"]');
      const before = await downloadOf(page, () => first.getByTestId('library-download').click());
      expect(before.text).toContain('SELECT 1 AS one');

      await first.getByTestId('library-delete').click();
      await expect.poll(() => files(page)).toEqual(['untitled-2.md']);
      await page.locator('[data-trash-file="untitled.md"]').getByTestId('library-restore').click();
      await expect.poll(() => files(page)).toEqual(['untitled-2.md', 'untitled.md']);

      const after = await downloadOf(page, () =>
        page.locator('[data-library-file="untitled.md"]').getByTestId('library-download').click(),
      );
      expect(after).toEqual(before);
    } finally {
      await context.close();
    }
  });
});

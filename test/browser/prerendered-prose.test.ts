/**
 * The bundled notebooks' prose is rendered at build time (issue 20: the first chart's
 * JavaScript): the welcome notebook shows its prose as HTML without loading the Markdown
 * renderer, the build's HTML is exactly what this browser's renderer gives for the same
 * text, and prose that was not pre-rendered (one's own) is rendered once the renderer loads.
 * Needs a built app (STATECRAFT_DIST or dist/).
 */
import { describe, expect, it } from 'vitest';
import { openApp } from './harness.ts';
import { allCellsRan } from './present-helpers.ts';
import { newPage, useAppAndBrowser } from './ui-helpers.ts';

const started = useAppAndBrowser();

/** Script files the page asked for, by name. */
function scripts(page: import('playwright-core').Page): Promise<string[]> {
  return page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => new URL(e.name).pathname.split('/').pop() ?? '')
      .filter((name) => name.endsWith('.js')),
  );
}

describe('pre-rendered prose', () => {
  it('shows the welcome notebook as HTML without the Markdown renderer, as the renderer would', async () => {
    const { page } = await newPage(started().browser, started().app.origin);
    // DuckDB held back: nothing runs, so nothing fetches the renderer after a first run.
    await page.route('**/*.wasm', () => undefined);
    await page.goto(`${started().app.url}?notebook=welcome`);
    await page.locator('.prose h1', { hasText: 'Welcome to Statecraft Notebook' }).waitFor();
    expect(await page.locator('.prose-pending').count()).toBe(0);
    expect(
      await page.locator('.prose strong', { hasText: 'No row describes a real episode' }).count(),
    ).toBeGreaterThan(0);
    expect((await scripts(page)).filter((name) => name.startsWith('markdown-'))).toEqual([]);
    const mismatches = await page.evaluate(() => window.statecraft!.prerenderedProseMismatches!());
    expect(mismatches).toEqual([]);
    expect((await scripts(page)).filter((name) => name.startsWith('markdown-')).length).toBe(1);
    await page.close();
  });

  it("renders prose of one's own once the renderer has loaded", async () => {
    const { page } = await newPage(started().browser, started().app.origin);
    await openApp(page, `${started().app.url}?notebook=welcome`);
    await allCellsRan(page);
    await page.evaluate(() =>
      window.statecraft!.openNotebookText!(
        '---\ntitle: Mine\n---\n\nSome *new* prose with `code`.\n',
        'mine.md',
      ),
    );
    await page.locator('.prose em', { hasText: 'new' }).waitFor();
    expect(await page.locator('.prose code', { hasText: 'code' }).count()).toBe(1);
    await page.close();
  });
});

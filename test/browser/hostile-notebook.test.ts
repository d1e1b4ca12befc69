/**
 * A hostile notebook in the built app (issue 14, finding 9): a YAML alias bomb ("billion
 * laughs") in one cell, or in the front matter, opened from a file and brought back by
 * autosave after a reload. The page must settle (data-state ready or error, never stuck at
 * loading), show the bomb's error at its line, and run the notebook's other cells. Needs a
 * built app (STATECRAFT_DIST or dist/).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  andRun,
  cellStatuses,
  openAppPage,
  openFiles,
  pageResults,
  readRepoFile,
  startAppAndBrowser,
  stopUiSession,
  typeAndRun,
  type AppAndBrowser,
} from './ui-helpers.ts';

const CELL_BOMB = readRepoFile('test/fixtures/bad/yaml-bomb.md');
const FRONT_MATTER_BOMB = readRepoFile('test/fixtures/bad/yaml-bomb-front-matter.md');
const lineOf = (text: string, needle: string) =>
  text.split('\n').findIndex((l) => l.includes(needle)) + 1;

let started: AppAndBrowser;

beforeAll(async () => {
  started = await startAppAndBrowser();
});

afterAll(() => stopUiSession(started));

/** Waits until the page has settled after starting or opening something; returns its state. */
async function settledState(page: Page): Promise<string | null> {
  await page.waitForSelector('#app[data-state="ready"], #app[data-state="error"]', {
    timeout: 120_000,
  });
  return page.getAttribute('#app', 'data-state');
}

/** Types `text` as the cell's whole body, runs it and waits for the run. */
async function editCell(page: Page, cell: string, text: string): Promise<void> {
  await andRun(page, () => typeAndRun(page, cell, text));
}

/** The bomb cell's error as the page shows it, with the line it names. */
async function boomError(page: Page): Promise<{ line: string | null; text: string }> {
  const error = page.locator('[data-cell="boom"] .error-message');
  await error.waitFor();
  return { line: await error.getAttribute('data-error-line'), text: await error.innerText() };
}

describe('a YAML alias bomb in one cell', () => {
  let page: Page;

  beforeAll(async () => {
    ({ page } = await openAppPage(started, '?blank'));
    await openFiles(page, [{ name: 'yaml-bomb.md', text: CELL_BOMB }]);
  });

  it('opened from a file: only that cell fails, at its line; the other cells run', async () => {
    expect(await settledState(page)).not.toBe('loading');
    const { line, text } = await boomError(page);
    expect(line).toBe(String(lineOf(CELL_BOMB, 'b: &b [*a')));
    expect(text).toMatch(/Invalid YAML in the chart cell boom: aliases \(\*a …\) repeat/);
    expect(text).not.toMatch(/ReferenceError|Excessive alias count/);
    const statuses = await cellStatuses(page);
    expect(statuses).toMatchObject({ before: 'ok', boom: 'error', after: 'ok' });
    const results = await pageResults(page);
    expect(results.before).toEqual([{ one: 1 }]);
    expect(results.after).toEqual([{ two: 2 }]);
  });

  it('kept by autosave after an edit: a reload settles and shows the same error', async () => {
    // Autosave keeps a notebook once it is edited; edit another cell, then open the app
    // again at its address (not ?blank, which starts empty), as after closing the tab.
    await editCell(page, 'after', 'SELECT 3 AS three');
    await page.goto(started.app.url);
    expect(await settledState(page)).not.toBe('loading');
    // The autosaved notebook is the one shown, not a blank page or the welcome notebook.
    await expect
      .poll(() => page.locator('[data-cell="after"]').innerText())
      .toContain('SELECT 3 AS three');
    const { line, text } = await boomError(page);
    expect(line).toBe(String(lineOf(CELL_BOMB, 'b: &b [*a')));
    expect(text).toMatch(/Invalid YAML in the chart cell boom/);
    expect(await page.locator('.problem').count()).toBe(0);
  });
});

describe('a YAML alias bomb in the front matter', () => {
  it('is a notebook error with its line, and the page settles', async () => {
    const { page } = await openAppPage(started, '?blank');
    await openFiles(page, [{ name: 'yaml-bomb-front-matter.md', text: FRONT_MATTER_BOMB }]);
    expect(await settledState(page)).toBe('error');
    const error = page.locator('.notebook-error');
    await error.waitFor();
    const text = await error.innerText();
    expect(text).toContain(`Line ${lineOf(FRONT_MATTER_BOMB, 'b: &b [*a')}:`);
    expect(text).toMatch(/Invalid YAML in the front matter: aliases \(\*a …\)/);
    expect(text).not.toMatch(/ReferenceError|Excessive alias count/);
    await editCell(page, 'one', 'SELECT 3 AS three');
    await page.goto(started.app.url);
    expect(await settledState(page)).toBe('error');
    await expect
      .poll(() => page.locator('[data-cell="one"]').innerText())
      .toContain('SELECT 3 AS three');
    expect(await page.locator('.notebook-error').innerText()).toMatch(
      /Invalid YAML in the front matter: aliases/,
    );
  });
});

describe('prose that dresses up as the app (issue 14, finding 10)', () => {
  it("draws no app overlay and no form control from a notebook's prose", async () => {
    const { page } = await openAppPage(started, '?blank');
    const notebook = [
      '# Quarterly figures',
      '',
      '<div class="drop-hint" id="app-overlay" style="display:flex">Your session expired.</div>',
      '',
      'Password: <input type="password" name="pw" autofocus> <button>Sign in</button>',
      '<textarea>notes</textarea> <select><option>a</option></select>',
      '',
      '- [x] a task that is done',
    ].join('\n');
    await openFiles(page, [{ name: 'dress-up.md', text: notebook }]);
    const prose = page.locator('.prose').filter({ hasText: 'Quarterly figures' });
    await prose.waitFor();
    expect(await prose.innerText()).toContain('Your session expired.');
    // What the notebook wrote: everything in the block but the app's own Edit button.
    const written = (selector: string) =>
      prose.evaluate(
        (el, sel) =>
          [...el.querySelectorAll(sel)]
            .filter((found) => !found.matches('[data-testid="prose-edit"]'))
            .map((found) => found.outerHTML),
        selector,
      );
    expect(await written('.drop-hint, [class], [id], [style]')).toEqual([]);
    expect(await written('input, button, textarea, select, option, form')).toEqual([]);
    // The app draws its drop overlay only while files are dragged over the page: none now.
    expect(await page.locator('.drop-hint').count()).toBe(0);
    expect(await prose.innerText()).toContain('☑ a task that is done');
  });
});

import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatecraftHooks } from '../../src/ui/debug-hooks.ts';
import { openApp, repoRoot } from './harness.ts';
import {
  cellStatuses,
  cliResults,
  downloadOf,
  startUiSession,
  stopUiSession,
  pageResults,
  readRepoFile,
  replaceCellBody,
  screenshot,
  type UiSession,
  andRun,
  typeAndRun,
} from './ui-helpers.ts';

/**
 * Working on a notebook in the built app: edits kept across reloads, the notebook saved as a
 * file, charts and tables exported, cells added, moved and deleted, and undo/redo. Needs
 * `npx vite build`.
 */

const WELCOME = readRepoFile('notebooks/welcome.md');
/** The welcome notebook's query with one more column: every cell still runs. */
const EDITED_SQL = /```sql us_episodes\n([^`]*)\n```/
  .exec(WELCOME)![1]
  .replace('  target_costs,', '  target_costs,\n  carrots_offered,');

let session: UiSession;
let page: Page;

beforeAll(async () => {
  // Plot offsets strokes by half a pixel on screens with devicePixelRatio 1 and not in Node
  // (see test/charts/browser.test.ts); on a high-density screen the files agree byte for byte.
  session = await startUiSession('', { deviceScaleFactor: 2 });
  page = session.page;
});

afterAll(() => stopUiSession(session));

async function cellKeys(): Promise<string[]> {
  return Object.keys(await cellStatuses(page));
}

async function editCell(cell: string, text: string): Promise<void> {
  await andRun(page, () => typeAndRun(page, cell, text));
}

/** Presses the editor's undo until it shows `text` again. */
async function undoUntil(editor: Locator, text: string): Promise<void> {
  for (let i = 0; i < 40 && (await editor.innerText()) !== text; i++) {
    await page.keyboard.press('ControlOrMeta+Z');
  }
  expect(await editor.innerText()).toBe(text);
}

describe('working on a notebook', () => {
  it('downloads each chart as the very SVG file the command line writes', async () => {
    const cli = cliResults(WELCOME, 'welcome.md', join(repoRoot, 'data'));
    expect(Object.keys(cli.svgs).sort()).toEqual(['chart-1.svg', 'chart-2.svg']);
    for (const [cell, file] of [
      ['#3', 'chart-1.svg'],
      ['#5', 'chart-2.svg'],
    ]) {
      const svg = await downloadOf(page, () =>
        page.locator(`[data-cell="${cell}"] [data-download="svg"]`).click(),
      );
      expect(svg.name).toBe(file);
      expect(svg.text).toBe(cli.svgs[file]);
    }
  });

  it('downloads a whole result table as CSV, beyond the rows on screen', async () => {
    const csv = await downloadOf(page, () =>
      page.locator('[data-cell="us_episodes"] [data-download="csv"]').click(),
    );
    expect(csv.name).toBe('us_episodes.csv');
    const lines = csv.text.trimEnd().split('\r\n');
    const rows = (await pageResults(page)).us_episodes as Record<string, unknown>[];
    expect(lines).toHaveLength(rows.length + 1);
    expect(lines[0]).toBe(Object.keys(rows[0]).join(','));
    expect(lines[1]).toBe(Object.values(rows[0]).map(String).join(','));
  });

  it('keeps edits across a reload, saves them as a file, and can discard them', async () => {
    await editCell('us_episodes', EDITED_SQL);
    const edited = replaceCellBody(WELCOME, 'sql us_episodes', EDITED_SQL);
    const saved = await downloadOf(page, () => page.getByTestId('save-notebook').click());
    expect(saved.name).toBe('welcome.md');
    expect(saved.text).toBe(edited);

    await openApp(page, session.app.url);
    expect(await page.getByTestId('restored').isVisible()).toBe(true);
    expect(await page.locator('[data-cell="us_episodes"] .cm-content').innerText()).toBe(
      EDITED_SQL,
    );
    const columns = Object.keys(((await pageResults(page)).us_episodes as object[])[0]);
    expect(columns).toContain('carrots_offered');
    expect(Object.values(await cellStatuses(page)).every((s) => s === 'ok')).toBe(true);
    await screenshot(page, 'restored-edits');

    await andRun(page, () => page.getByTestId('restored').getByRole('button').click());
    expect(await page.getByTestId('restored').count()).toBe(0);
    await openApp(page, session.app.url);
    expect(await page.getByTestId('restored').count()).toBe(0);
    expect(await page.locator('[data-cell="us_episodes"] .cm-content').innerText()).toContain(
      'decades_since_1945',
    );
  });

  it('completes table and column names from the live schema, and YAML keys', async () => {
    const sql = page.locator('[data-cell="us_episodes"] .cm-content');
    const sqlBefore = await sql.innerText();
    await sql.click();
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.type('\nAND embassy_cl');
    const options = page.locator('.cm-tooltip-autocomplete li');
    await expect.poll(() => options.allInnerTexts()).not.toEqual([]);
    expect(await options.allInnerTexts()).toEqual(
      expect.arrayContaining([expect.stringContaining('embassy_closed')]),
    );
    await page.keyboard.press('Escape');
    await page.keyboard.type(' AND failure_by_e');
    await expect.poll(() => options.allInnerTexts()).not.toEqual([]);
    expect((await options.allInnerTexts()).join('\n')).toContain('failure_by_embassy');
    await page.keyboard.press('Escape');
    // The editor's own undo takes the typing back; nothing was run.
    await undoUntil(sql, sqlBefore);
    expect(await page.locator('[data-cell="us_episodes"] .dirty').count()).toBe(0);

    const yaml = page.locator('[data-cell="failure_by_embassy"] .cm-content');
    const yamlBefore = await yaml.innerText();
    await yaml.click();
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.type('\nlev');
    await expect.poll(() => options.allInnerTexts()).not.toEqual([]);
    expect(await options.allInnerTexts()).toEqual(
      expect.arrayContaining([expect.stringContaining('level')]),
    );
    await page.keyboard.press('Escape');
    await undoUntil(yaml, yamlBefore);
  });

  it('adds, moves and deletes cells, with undo and redo', async () => {
    const original = await cellKeys();
    await andRun(page, async () => {
      await page.locator('[data-cell="us_episodes"] .add-cell summary').click();
      await page.locator('[data-cell="us_episodes"] [data-add-kind="sql"]').click();
    });
    expect(await cellKeys()).toEqual([
      'from_year',
      'us_episodes',
      'query_1',
      'failure_by_embassy',
      '#4',
      'failure_model',
      '#6',
      '#7',
    ]);
    expect(await page.locator('[data-cell="query_1"]').getAttribute('data-status')).toBe('ok');
    expect(((await pageResults(page)).query_1 as unknown[]).length).toBe(100);

    await andRun(page, () => page.getByRole('button', { name: 'Move query_1 up' }).click());
    expect((await cellKeys()).slice(0, 3)).toEqual(['from_year', 'query_1', 'us_episodes']);
    // The new cell reads us_episodes, which is now below it: document order does not matter.
    expect(await page.locator('[data-cell="query_1"]').getAttribute('data-status')).toBe('ok');
    await screenshot(page, 'added-cell');

    await andRun(page, () => page.getByRole('button', { name: 'Delete query_1' }).click());
    expect(await cellKeys()).toEqual(original);
    expect((await pageResults(page)).query_1).toBeUndefined();
    // Its table went with it: no cell can read a table the notebook no longer makes.
    const left = await page.evaluate(async () => {
      const hooks = (window as unknown as { statecraft: StatecraftHooks }).statecraft;
      return (
        await hooks.query(
          "SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'query_1'",
        )
      ).rows[0].n;
    });
    expect(left).toBe(0);

    await andRun(page, () => page.getByRole('button', { name: 'Undo' }).click());
    expect((await cellKeys()).slice(0, 3)).toEqual(['from_year', 'query_1', 'us_episodes']);
    await andRun(page, () => page.getByRole('button', { name: 'Undo' }).click());
    expect((await cellKeys()).slice(0, 3)).toEqual(['from_year', 'us_episodes', 'query_1']);
    await andRun(page, () => page.getByRole('button', { name: 'Redo' }).click());
    expect((await cellKeys()).slice(0, 3)).toEqual(['from_year', 'query_1', 'us_episodes']);
  });

  it("keeps a failing run's text, and Undo reaches back across the failed run", async () => {
    const editor = page.locator('[data-cell="us_episodes"] .cm-content');
    const before = await editor.innerText();
    await editCell('us_episodes', 'SELECT nope FROM nowhere_at_all');
    const cell = page.locator('[data-cell="us_episodes"]');
    expect(await cell.getAttribute('data-status')).toBe('error');
    expect(await cell.innerText()).toContain('nowhere_at_all');
    // The failing text is what the notebook holds now: nothing the user wrote was dropped.
    expect(await editor.innerText()).toBe('SELECT nope FROM nowhere_at_all');
    await andRun(page, () => page.getByRole('button', { name: 'Undo' }).click());
    expect(await editor.innerText()).toBe(before);
    expect(await cell.getAttribute('data-status')).toBe('ok');
    expect(Object.values(await cellStatuses(page)).every((s) => s === 'ok')).toBe(true);
  });

  it('closes the completion list when Ctrl+Enter runs the cell, so the result is not covered', async () => {
    const editor = page.locator('[data-cell="us_episodes"] .cm-content');
    const before = await editor.innerText();
    await editor.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' AND episode_i');
    await page.locator('.cm-tooltip-autocomplete').waitFor();
    await andRun(page, () => page.keyboard.press('Control+Enter'));
    expect(await page.locator('.cm-tooltip-autocomplete').count()).toBe(0);
    await andRun(page, () => page.getByRole('button', { name: 'Undo' }).click());
    expect(await editor.innerText()).toBe(before);
  });

  it('edits prose in place, from the keyboard, and Undo brings the old text back', async () => {
    const block = page.locator('.prose:has(h2)').first();
    const before = await block.locator('h2').first().innerText();
    await block.locator('[data-testid="prose-edit"]').focus();
    await page.keyboard.press('Enter');
    const editor = page.locator('[data-testid="prose-editor"]');
    expect(await editor.inputValue()).toContain(`## ${before}`);
    const edited = (await editor.inputValue()).replace(`## ${before}`, '## An edited heading');
    await editor.fill(edited);
    await andRun(page, () => page.keyboard.press('Control+Enter'));
    expect(await page.locator('.prose h2').first().innerText()).toBe('An edited heading');
    await andRun(page, () => page.getByRole('button', { name: 'Undo' }).click());
    expect(await page.locator('.prose h2').first().innerText()).toBe(before);
  });

  it('logged no errors and stayed on its own origin', () => {
    expect(session.opened.requests.foreign()).toEqual([]);
    expect(session.opened.consoleErrors).toEqual([]);
  });
});

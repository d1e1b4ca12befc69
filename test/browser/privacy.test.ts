import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './harness.ts';
import {
  cellStatuses,
  completedRuns,
  downloadOf,
  startUiSession,
  stopUiSession,
  waitForRun,
  type UiSession,
} from './ui-helpers.ts';

/**
 * Nothing leaves the browser: a whole working session in the built app — every bundled notebook
 * opened through the app's own links, the real TIES and DCID files picked with the file input,
 * charts, tables and the notebook exported, the page reloaded — while every request of the page
 * and its workers is recorded. Not one may go to another origin. Needs a built app.
 */

const DATASETS = resolve(repoRoot, '../shared/datasets');
const TIES = resolve(DATASETS, 'TIESv4-1.xls');
const DCID = resolve(DATASETS, 'DCID_2.0_Release_update_February_2023.xlsx');
const hasData = existsSync(TIES) && existsSync(DCID);
if (!hasData) {
  console.warn(
    `[privacy] ${DATASETS} (TIESv4-1.xls, DCID 2.0) not found: the part of the session with the real datasets is skipped; the rest runs.`,
  );
}

const NOTEBOOKS = readdirSync(resolve(repoRoot, 'notebooks'))
  .filter((f) => f.endsWith('.md'))
  .map((f) => f.replace(/\.md$/, ''));

let session: UiSession;
let page: Page;
const exported: string[] = [];

beforeAll(async () => {
  // Recording starts with the context, before the first page exists.
  session = await startUiSession();
  page = session.page;
});

afterAll(() => stopUiSession(session));

/** Opens a bundled notebook with the app's own link, and waits for its first run. */
async function openBundled(stem: string): Promise<void> {
  const link = page.locator('nav[aria-label="Bundled notebooks"] a', { hasText: stem });
  await Promise.all([page.waitForURL(`**/?notebook=${stem}`), link.first().click()]);
  await page.waitForSelector('#app[data-state="ready"], #app[data-state="error"]', {
    timeout: 120_000,
  });
}

/** Downloads what the app offers: the notebook, its HTML report, every chart, a table. */
async function exportAll(): Promise<void> {
  exported.push((await downloadOf(page, () => page.getByTestId('save-notebook').click())).name);
  exported.push((await downloadOf(page, () => page.getByTestId('export-html').click())).name);
  const charts = page.locator('[data-download="svg"]');
  for (let i = 0; i < (await charts.count()); i++) {
    exported.push((await downloadOf(page, () => charts.nth(i).click())).name);
  }
  const tables = page.locator('[data-download="csv"]');
  if ((await tables.count()) > 0) {
    exported.push((await downloadOf(page, () => tables.first().click())).name);
  }
}

async function pick(path: string): Promise<void> {
  const before = await completedRuns(page);
  await page.locator('[data-testid="file-input"]').setInputFiles(path);
  await waitForRun(page, before, 180_000);
}

describe('a full session makes no request beyond the app', () => {
  it('every bundled notebook, opened from the app and exported', async () => {
    for (const stem of NOTEBOOKS) {
      await openBundled(stem);
      expect(await page.getByTestId('notebook-file').innerText()).toBe(`${stem}.md`);
      await exportAll();
    }
    expect(exported).toContain('welcome.md');
    expect(exported.some((name) => name.endsWith('.svg'))).toBe(true);
    expect(exported.some((name) => name.endsWith('.csv'))).toBe(true);
  });

  it.skipIf(!hasData)('the real TIES and DCID files, picked with the file input', async () => {
    await openBundled('ties-diplomacy');
    await pick(TIES);
    let statuses = Object.values(await cellStatuses(page));
    expect(statuses.length).toBeGreaterThan(3);
    expect(statuses.every((s) => s === 'ok')).toBe(true);
    await exportAll();

    await openBundled('dcid-cyber');
    await pick(DCID);
    statuses = Object.values(await cellStatuses(page));
    expect(statuses.every((s) => s === 'ok')).toBe(true);
    await exportAll();

    // Both files again, loose, beside the default notebook.
    await openBundled('welcome');
    const before = await completedRuns(page);
    await page.locator('[data-testid="file-input"]').setInputFiles([TIES, DCID]);
    await waitForRun(page, before, 180_000);
    // Loose files load one after the other; the data panel lists each table once it is in.
    const tables = () => page.locator('aside').innerText();
    await expect.poll(tables, { timeout: 120_000 }).toMatch(/^tiesv4_1\b/im);
    await expect.poll(tables, { timeout: 120_000 }).toMatch(/^dcid_2_0\w*/im);
  });

  it('a reload, and the count: zero requests to any other origin', async () => {
    await page.reload();
    await page.waitForSelector('#app[data-state="ready"], #app[data-state="error"]', {
      timeout: 120_000,
    });
    const { all, foreign, blocked } = session.opened.requests;
    // Proof the recorder sees the worker too: DuckDB's worker fetches its .wasm itself.
    expect(all.some((url) => /\.wasm(\?|$)/.test(url))).toBe(true);
    console.log(
      `[privacy] requests recorded: ${all.length} (${all.filter((u) => u.startsWith('blob:')).length} of them blob:); ` +
        `to other origins: ${foreign().length}; blocked by the CSP: ${blocked.length}; ` +
        `files exported: ${exported.length}; real datasets: ${hasData ? 'yes' : 'absent'}`,
    );
    expect(foreign()).toEqual([]);
    expect(blocked).toEqual([]);
  });
});

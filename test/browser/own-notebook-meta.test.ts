import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatecraftHooks } from '../../src/ui/debug-hooks.ts';
import { openApp } from './harness.ts';
import {
  andRun,
  cellStatuses,
  newPage,
  openFiles,
  readRepoFile,
  startUiSession,
  stopUiSession,
  type UiSession,
} from './ui-helpers.ts';

/**
 * Issue 16, points 1, 2 and 6 in the built app: a file opened on `?blank` is listed in the
 * front matter with its sha256; the notebook's details, a cell and a dataset are renamed from
 * the page (every reference follows, Undo restores); the share link lists the file and hash.
 */

type PageWindow = { statecraft: Required<StatecraftHooks> };

const CSV_NAME = `Meta Cases ${process.pid}.csv`;
const TABLE = `meta_cases_${process.pid}`;
const CSV =
  [
    'id,region,outcome',
    ...Array.from(
      { length: 30 },
      (_, i) => `${i + 1},${['N', 'S'][i % 2]},${(i * 7) % 3 === 0 ? 1 : 0}`,
    ),
  ].join('\n') + '\n';
const SHA = createHash('sha256').update(CSV).digest('hex');

let session: UiSession;
let page: Page;

const text = (): Promise<string> =>
  page.evaluate(() => (window as unknown as PageWindow).statecraft.notebookText());

beforeAll(async () => {
  session = await startUiSession('?blank');
  page = session.page;
});

afterAll(() => stopUiSession(session));

describe('a notebook of ones own', () => {
  it('lists a file opened on its own in the front matter, with the sha256 computed while loading', async () => {
    await openFiles(page, [{ name: CSV_NAME, text: CSV }]);
    const written = await text();
    expect(written).toBe(
      `---\ndatasets:\n  ${TABLE}:\n    file: ${CSV_NAME}\n    sha256: ${SHA}\n---\n`,
    );
    const row = page.locator(`[data-dataset="${TABLE}"]`);
    expect(await row.getAttribute('data-dataset-status')).toBe('ok');
  });

  it('renames a cell that four other cells use from its header, and Undo restores all five', async () => {
    const add = (kind: string, body: string, name?: string) =>
      page.evaluate(
        ([k, b, n]) => (window as unknown as PageWindow).statecraft.addCell(k!, b!, n),
        [kind, body, name] as const,
      );
    await add('sql', `SELECT * FROM ${TABLE}`, 'recent');
    await add('sql', `SELECT count(*) AS n FROM recent`, 'counted');
    await add('rate', 'from: recent\noutcome: outcome\nby: region', 'by_region');
    await add('chart', 'from: recent\nmark: dot\nx: id\ny: outcome');
    await add('expect', `recent:\n  rows:\n    - where: {id: 1}\n      region: S`);
    const before = await text();
    await page.getByRole('button', { name: 'Rename recent' }).click();
    const input = page.getByLabel('New name for recent');
    await input.fill('cases');
    await andRun(page, () => input.press('Enter'));
    const renamed = await text();
    expect(renamed).not.toMatch(/\brecent\b/);
    expect(renamed.match(/\bcases\b/g)).toHaveLength(5);
    const statuses = await cellStatuses(page);
    expect(statuses).toMatchObject({ cases: 'ok', counted: 'ok', by_region: 'ok' });
    expect(Object.values(statuses).every((s) => s === 'ok')).toBe(true);
    await andRun(page, () => page.getByRole('button', { name: 'Undo' }).click());
    expect(await text()).toBe(before);
    expect(await page.locator('[data-cell="recent"]').getAttribute('data-status')).toBe('ok');
  });

  it('edits title, authors and description in the header, writing them to the front matter', async () => {
    await page.getByRole('button', { name: 'Add title, authors and description' }).click();
    await page.getByLabel('Title').fill('Cases by region');
    await page.getByLabel('Authors, one a line').fill('A. Author\nB. Author');
    await page.getByLabel('Description (one paragraph)').fill('Which region\nsucceeds more often.');
    await andRun(page, () => page.getByRole('button', { name: 'Save details' }).click());
    expect(await page.getByTestId('notebook-title').innerText()).toBe('Cases by region');
    expect(await page.getByTestId('notebook-authors').innerText()).toBe('A. Author, B. Author');
    const written = await text();
    expect(
      written.startsWith(
        '---\ntitle: Cases by region\nauthors:\n  - A. Author\n  - B. Author\ndescription: Which region succeeds more often.\ndatasets:\n',
      ),
    ).toBe(true);
  });

  it('renames the table in the data panel, updating the cells that read it', async () => {
    await page.getByRole('button', { name: `Rename table ${TABLE}` }).click();
    const input = page.getByLabel(`New table name for ${TABLE}`);
    await input.fill('cases_raw');
    await andRun(page, () => input.press('Enter'));
    const written = await text();
    expect(written).toContain(`  cases_raw:\n    file: ${CSV_NAME}\n    sha256: ${SHA}\n`);
    expect(written).toContain('SELECT * FROM cases_raw');
    expect(written).not.toContain(TABLE);
    expect(Object.values(await cellStatuses(page)).every((s) => s === 'ok')).toBe(true);
  });

  it('shares a link that lists the file with its hash, under the notebook title', async () => {
    await page.getByTestId('share-link').click();
    const url = page.getByTestId('share-url');
    await url.waitFor();
    const link = await url.inputValue();
    const fresh = await newPage(session.browser, session.app.origin);
    try {
      await fresh.page.goto(link);
      const notice = fresh.page.getByTestId('shared-notebook');
      await notice.waitFor();
      expect(await fresh.page.locator('#shared-heading').innerText()).toBe(
        'Shared notebook: Cases by region',
      );
      const row = fresh.page.locator(`[data-shared-file="${CSV_NAME}"]`);
      expect(await row.locator('code[title]').getAttribute('title')).toBe(SHA);
      expect(await row.getAttribute('data-check')).toBe('needed');
    } finally {
      await fresh.page.context().close();
    }
  });
});

describe('a bundled notebook', () => {
  it('opens with its front matter untouched: its datasets already carry their sha256', async () => {
    const fresh = await newPage(session.browser, session.app.origin);
    try {
      await openApp(fresh.page, session.app.url);
      const shown = await fresh.page.evaluate(() =>
        (window as unknown as PageWindow).statecraft.notebookText(),
      );
      expect(shown).toBe(readRepoFile('notebooks/welcome.md'));
    } finally {
      await fresh.page.context().close();
    }
  });
});

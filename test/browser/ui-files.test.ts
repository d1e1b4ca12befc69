import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, repoRoot } from './harness.ts';
import {
  cellStatuses,
  cliResults,
  comparable,
  completedRuns,
  differences,
  startUiSession,
  stopUiSession,
  pageResults,
  readRepoFile,
  screenshot,
  waitForRun,
  type UiSession,
  andRun,
  openFiles,
} from './ui-helpers.ts';

/**
 * Opening the user's own files in the built app: a notebook and its dataset picked together,
 * a notebook with a broken cell, a notebook whose dataset is missing. Needs `npx vite build`.
 */

const FIXTURES = 'test/fixtures/notebooks';
const SMALL = readRepoFile(`${FIXTURES}/small.md`);

let session: UiSession;
let page: Page;

beforeAll(async () => {
  session = await startUiSession();
  page = session.page;
});

afterAll(() => stopUiSession(session));

async function errorText(cell: string): Promise<string> {
  const text = await page.locator(`[data-cell="${cell}"] .error-message`).innerText();
  return text.replace(/\s+/g, ' ').trim();
}

describe('opening files', () => {
  it('has exactly one file input, reachable from the keyboard', async () => {
    expect(await page.locator('input[type="file"]').count()).toBe(1);
    const input = page.locator('[data-testid="file-input"]');
    expect(await input.getAttribute('multiple')).not.toBeNull();
    await page.locator('body').focus();
    // The skip link, then the notebook links, then the file input.
    let reached = false;
    for (let i = 0; i < 30 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await input.evaluate((el) => el === document.activeElement);
    }
    expect(reached).toBe(true);
  });

  it('runs a notebook picked together with its CSV, with the results the command line gives', async () => {
    const before = await completedRuns(page);
    await page
      .locator('[data-testid="file-input"]')
      .setInputFiles([
        join(repoRoot, FIXTURES, 'small.md'),
        join(repoRoot, FIXTURES, 'episodes.csv'),
      ]);
    await waitForRun(page, before);
    expect(await page.locator('[data-testid="notebook-file"]').innerText()).toBe('small.md');
    const statuses = await cellStatuses(page);
    expect(Object.keys(statuses)).toEqual([
      'from_year',
      'recent',
      'by_embassy',
      'embassy_table',
      'model',
      'rates_chart',
      '#6',
      '#7',
    ]);
    expect(Object.values(statuses).every((s) => s === 'ok')).toBe(true);
    // A new notebook starts fresh: its slider at its own initial value, not the welcome one's.
    expect(await page.locator('[data-input="from_year"] output').innerText()).toBe('1970');

    const results = await pageResults(page);
    const rates = results.by_embassy as unknown[];
    expect(
      await page.locator('[data-cell="rates_chart"] svg g[aria-label="bar"] rect').count(),
    ).toBe(rates.length);
    // The crosstab as a contingency table: its grand total is the number of episodes used.
    const total = await page.locator('[data-cell="embassy_table"] table.crosstab tfoot td').last();
    expect(await total.innerText()).toBe(String((results.recent as unknown[]).length));
    expect(await page.locator('[data-cell="embassy_table"] table.tests').innerText()).toContain(
      'Fisher exact',
    );
    // Invented fixture data, not the bundled demo: no synthetic banner.
    expect(await page.locator('[data-testid="synthetic-banner"]').count()).toBe(0);
    await screenshot(page, 'small-notebook', true);

    const cli = cliResults(SMALL, 'small.md', join(repoRoot, FIXTURES));
    expect(cli.status).toBe(0);
    expect(results._meta.notebook).toBe('small.md');
    expect(differences(comparable(results), comparable(cli.results))).toEqual([]);
  });

  it('shows a failing cell with its message and line, and runs every other cell', async () => {
    const broken = [
      '```sql broken',
      'SELECT year,',
      '  no_such_column',
      'FROM recent',
      '```',
      '',
      '```chart broken_chart',
      'from: broken',
      'mark: dot',
      'x: year',
      'y: year',
      '```',
      '',
    ];
    const lines = SMALL.split('\n');
    const at = lines.indexOf('```rate by_embassy');
    lines.splice(at, 0, ...broken);
    const text = lines.join('\n');
    const columnLine = lines.indexOf('  no_such_column') + 1;

    await openFiles(page, [{ name: 'broken.md', text }]);
    expect(await page.getAttribute('#app', 'data-state')).toBe('ready');
    const statuses = await cellStatuses(page);
    expect(statuses.broken).toBe('error');
    expect(statuses.broken_chart).toBe('stale');
    const others = Object.entries(statuses).filter(([k]) => !k.startsWith('broken'));
    expect(others.every(([, s]) => s === 'ok')).toBe(true);

    const message = await errorText('broken');
    // DuckDB's own message, pointed at the line of the notebook file where the bad column is.
    expect(message).toMatch(/^Line \d+: Binder Error: .*no_such_column/);
    expect(Number(/^Line (\d+)/.exec(message)![1])).toBe(columnLine);
    expect(await page.locator('[data-cell="broken"] .cm-gutters').innerText()).toContain(
      String(columnLine),
    );
    expect(await page.locator('[data-cell="broken_chart"] .blocked').innerText()).toBe(
      'Not run: depends on broken, which failed.',
    );
    await page.locator('[data-cell="broken"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'broken-cell');

    // The command line runs the same document to the same results, and fails on the same cell.
    const cli = cliResults(text, 'broken.md', join(repoRoot, FIXTURES));
    expect(cli.status).toBe(1);
    expect(cli.output).toContain('broken');
    expect(differences(comparable(await pageResults(page)), comparable(cli.results))).toEqual([]);
  });

  it('says which file to open when a dropped notebook names a dataset that is not there', async () => {
    const text = [
      '---',
      'title: Needs a file',
      'datasets:',
      '  cases: nowhere-to-be-found.csv',
      '---',
      '',
      '# Prose is *formatted*, never executed',
      '',
      '<script>window.hacked = true</script>',
      '<img src="http://203.0.113.9/pixel.png" onerror="window.hacked = true">',
      '',
      '[a link](javascript:window.hacked=true) and <b onmouseover="window.hacked = true">bold</b>',
      '',
      '```sql counted',
      'SELECT count(*) AS n FROM cases',
      '```',
      '',
    ].join('\n');
    const before = await completedRuns(page);
    // A real drop event carrying a File, as a file manager would send it.
    await page.evaluate((markdown) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([markdown], 'needs-a-file.md', { type: 'text/markdown' }));
      document.body.dispatchEvent(
        new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }),
      );
    }, text);
    await waitForRun(page, before);
    expect(await page.locator('[data-testid="notebook-file"]').innerText()).toBe('needs-a-file.md');
    const dataset = page.locator('[data-dataset="cases"]');
    expect(await dataset.getAttribute('data-dataset-status')).toBe('missing');
    expect(await dataset.innerText()).toContain('nowhere-to-be-found.csv');
    expect(await page.getByTestId('missing-files').innerText()).toContain(
      'This notebook needs nowhere-to-be-found.csv',
    );
    expect((await cellStatuses(page)).counted).toBe('error');
    expect(await errorText('counted')).toContain('cases');
    // Nothing of the previous notebook lingers: no dataset, no table it could silently read.
    expect(await page.locator('[data-dataset]').count()).toBe(1);
    await expect
      .poll(() => page.locator('.data-panel [data-table]').count(), { timeout: 10_000 })
      .toBe(0);
    // Markdown is rendered, and sanitized: no script, no remote image, no javascript: link.
    const prose = page.locator('.prose').first();
    expect(await prose.locator('em').innerText()).toBe('formatted');
    expect(await prose.locator('script, img, [onerror], [onmouseover]').count()).toBe(0);
    expect(await prose.locator('a').getAttribute('href')).toBeNull();
    expect(await page.evaluate(() => 'hacked' in window)).toBe(false);
    await screenshot(page, 'missing-dataset');
  });

  it('binds select, checkbox and text inputs, re-running the cell that uses them', async () => {
    const text = [
      '---',
      'datasets:',
      '  episodes: {file: episodes.csv, sha256: "0000000000000000000000000000000000000000000000000000000000000000"}',
      '---',
      '',
      '```input region',
      'type: select',
      'options: [Europe, Asia, Africa]',
      'value: Europe',
      '```',
      '',
      '```input multi',
      'type: checkbox',
      'value: false',
      '```',
      '',
      '```input note',
      'type: text',
      'value: first',
      '```',
      '',
      '```sql picked',
      'SELECT count(*) AS n, $note AS note FROM episodes',
      'WHERE region = $region AND multilateral = $multi',
      '```',
      '',
    ].join('\n');
    // episodes.csv was opened earlier in this page; a new notebook can still name it.
    await openFiles(page, [{ name: 'inputs.md', text }]);
    expect(Object.values(await cellStatuses(page)).every((s) => s === 'ok')).toBe(true);
    // The pinned hash does not match: the data panel says so, with both hashes.
    expect(await page.locator('[data-dataset="episodes"] .warning').innerText()).toMatch(
      /sha256 of episodes\.csv differs.*expected 0{64}, file has [0-9a-f]{64}/,
    );

    const picked = async () =>
      ((await pageResults(page)).picked as { n: number; note: string }[])[0];
    const europe = await picked();
    expect(europe.note).toBe('first');
    await andRun(page, () =>
      page.locator('[data-input="region"] select').selectOption({ label: 'Asia' }),
    );
    const asia = await picked();
    await andRun(page, () => page.locator('[data-input="multi"] input').check());
    const asiaMulti = await picked();
    // A text input applies its value when committed (Enter or leaving the field).
    await page.locator('[data-input="note"] input').fill('second');
    await andRun(page, () => page.locator('[data-input="note"] input').press('Enter'));
    expect(await picked()).toEqual({ ...asiaMulti, note: 'second' });

    // The counts, recomputed here from the fixture file itself.
    const rows = readRepoFile(`${FIXTURES}/episodes.csv`)
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    const count = (region: string, multi: string) =>
      rows.filter((r) => r[2] === region && r[4] === multi).length;
    expect([europe.n, asia.n, asiaMulti.n]).toEqual([
      count('Europe', 'false'),
      count('Asia', 'false'),
      count('Asia', 'true'),
    ]);
    await screenshot(page, 'inputs');
  });

  it('starts an empty notebook with ?blank, and a first cell runs', async () => {
    await openApp(page, `${session.app.url}?blank`);
    expect(await page.locator('[data-testid="notebook-file"]').innerText()).toBe('untitled.md');
    expect(await cellStatuses(page)).toEqual({});
    const before = await completedRuns(page);
    await page.locator('main > .add-cell summary').click();
    await page.locator('main > .add-cell [data-add-kind="sql"]').click();
    await waitForRun(page, before);
    expect(await cellStatuses(page)).toEqual({ query_1: 'ok' });
    expect((await pageResults(page)).query_1).toEqual([{ answer: 42 }]);
  });

  it('made no request beyond the app origin and logged no errors', () => {
    expect(session.opened.requests.foreign()).toEqual([]);
    // The hostile prose above makes the browser refuse an inline handler while DOMPurify
    // takes it apart: the page's Content-Security-Policy at work. Nothing else may be logged.
    const refused = /^Executing inline event handler violates .* The action has been blocked\.$/;
    expect(session.opened.consoleErrors.filter((e) => !refused.test(e))).toEqual([]);
  });
});

import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine, Row } from '../../src/engine/Engine.ts';
import { NativeEngine } from '../../src/engine/NativeEngine.ts';
import { REPRESENTATION } from '../../src/ingest/adapters/cow.ts';
import { CATALOG } from '../../src/ingest/catalog.ts';
import { loadFile } from '../../src/ingest/index.ts';
import type { StatecraftHooks } from '../../src/ui/debug-hooks.ts';
import {
  completedRuns,
  openAppPage,
  screenshot,
  startUiSession,
  stopUiSession,
  waitForRun,
  type UiSession,
  openFiles,
} from './ui-helpers.ts';

/**
 * The data panel and the result table in the built app: column profiles checked against
 * native DuckDB, the catalog of known datasets and a codebook, a million-row result scrolled
 * to its end while only the rows on screen reach the page, and a big load cancelled.
 * Needs a build (STATECRAFT_DIST or dist/).
 */

let ui: UiSession;
let page: Page;
let native: NativeEngine;
let scratch: string;

type PageWindow = Window & { statecraft: StatecraftHooks; rowsReceived?: number };

beforeAll(async () => {
  ui = await startUiSession('?blank');
  page = ui.page;
  native = await NativeEngine.create();
  scratch = await mkdtemp(join(tmpdir(), 'statecraft-ui-data-'));
}, 180_000);

afterAll(async () => {
  await native?.close();
  await stopUiSession(ui);
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/** Invented survey rows: some regions and scores missing, on purpose. */
function surveyCsv(rows: number): string {
  const regions = ['Europe', 'Asia', 'Africa', 'Americas', 'Oceania', ''];
  const lines = ['id,year,region,score'];
  for (let i = 0; i < rows; i++) {
    const region = regions[(i * 7) % regions.length];
    const score = i % 13 === 0 ? '' : ((i * 37) % 1000) / 10;
    lines.push(`${i},${1946 + (i % 60)},${region},${score}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Opens a column's profile in the data panel and waits for its numbers. */
async function profile(table: string, column: string) {
  const entry = page.locator(`.data-panel [data-table="${table}"]`);
  if (!(await entry.locator('details').evaluate((d) => (d as HTMLDetailsElement).open))) {
    await entry.locator('summary').click();
  }
  await entry.locator(`[data-column="${column}"] button.column`).click();
  const shown = page.locator(`[data-profile="${column}"]`);
  await shown.locator('[data-stat="distinct"]').waitFor();
  const stat = async (name: string): Promise<string | null> =>
    (await shown.locator(`[data-stat="${name}"]`).count()) > 0
      ? shown.locator(`[data-stat="${name}"]`).getAttribute('data-value')
      : null;
  return { shown, stat };
}

async function nativeRows(engine: Engine, sql: string): Promise<Row[]> {
  return (await engine.query(sql)).rows;
}

describe('the data panel', () => {
  it('lists the known datasets with their citation, official source and a place to drop the file', async () => {
    const catalog = page.locator('[data-testid="catalog"]');
    await catalog.locator('summary').click();
    const entries = catalog.locator('[data-catalog-entry]');
    expect(await entries.count()).toBe(CATALOG.length);
    for (const entry of CATALOG) {
      const item = catalog.locator(`[data-catalog-entry="${entry.id}"]`);
      const text = await item.innerText();
      expect(text).toContain(entry.name);
      expect(text).toContain(entry.citation);
      expect(text).toContain(entry.fileNames[0]);
      if (entry.version) expect(text).toContain(entry.version);
      const link = item.locator('a');
      expect(await link.getAttribute('href')).toBe(new URL(entry.source).href);
      expect((await link.getAttribute('rel'))?.split(' ').sort()).toEqual([
        'noopener',
        'noreferrer',
      ]);
    }
    await catalog.locator('[data-catalog-entry="ties-4.1"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'data-catalog');
  });

  it('loads a file picked from a catalog entry, and shows its codebook', async () => {
    // Diplomatic Exchange's real header, invented rows.
    const csv = [
      'ccode1,ccode2,year,DR_at_1,DR_at_2,DE,version',
      '2,20,1950,3,3,1,2006.1',
      '2,200,1950,3,2,1,2006.1',
      '20,2,1955,0,9,0,2006.1',
      '200,20,1960,1,,1,2006.1',
    ].join('\n');
    const before = await completedRuns(page);
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.locator('[data-catalog-entry="cow-diplomatic-exchange-2006.1"] .drop button').click(),
    ]);
    await chooser.setFiles({
      name: 'Diplomatic_Exchange_2006v1.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`${csv}\n`),
    });
    await waitForRun(page, before);
    const codebook = page.locator('[data-codebook="diplomatic_exchange_2006v1"]');
    await codebook.locator('summary').click();
    expect(await codebook.locator('summary').innerText()).toContain('Diplomatic Exchange');
    const representation = codebook.locator('[data-variable="DR_at_1"]');
    await representation.waitFor();
    const codes = await representation
      .locator('tr[data-code]')
      .evaluateAll((rows) =>
        rows.map((r) => [r.querySelector('th')!.textContent, r.querySelector('td')!.textContent]),
      );
    expect(codes).toEqual(REPRESENTATION.map(([code, label]) => [String(code), label]));
    // The codebook is searchable by label.
    await codebook.locator('input[type="search"]').fill('ambassador');
    const matching = await codebook
      .locator('[data-variable]')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-variable')));
    expect(matching).toContain('DR_at_1');
    expect(matching).not.toContain('year');

    // A profile of a coded column labels its codes from the codebook.
    const { shown } = await profile('diplomatic_exchange_2006v1', 'DR_at_1');
    expect(await shown.innerText()).toContain('Level of representation');
    const bars = await shown
      .locator('.histogram li')
      .evaluateAll((lis) => lis.map((li) => li.getAttribute('title')));
    expect(bars[3]).toContain('ambassador');
    await representation.scrollIntoViewIfNeeded();
    await screenshot(page, 'data-codebook');
  });

  it('profiles columns of a loaded CSV with the numbers native DuckDB gives', async () => {
    const text = surveyCsv(5000);
    await openFiles(page, [{ name: 'survey.csv', text }]);
    await loadFile(native, {
      table: 'survey',
      fileName: 'survey.csv',
      source: { kind: 'bytes', bytes: new TextEncoder().encode(text) },
    });

    const region = await profile('survey', 'region');
    const [facts] = await nativeRows(
      native,
      'SELECT count(DISTINCT region) AS d, count(*) - count(region) AS nulls FROM survey',
    );
    expect(Number(await region.stat('distinct'))).toBe(facts.d);
    expect(Number(await region.stat('nulls'))).toBe(facts.nulls);
    const top = await region.shown
      .locator('tr[data-top-value]')
      .evaluateAll((rows) =>
        rows.map((r) => [r.getAttribute('data-top-value'), Number(r.getAttribute('data-count'))]),
      );
    const expected = await nativeRows(
      native,
      'SELECT region, count(*) AS n FROM survey WHERE region IS NOT NULL GROUP BY region ORDER BY n DESC, region',
    );
    expect(top).toEqual(expected.map((r) => [r.region, r.n]));

    const score = await profile('survey', 'score');
    const [range] = await nativeRows(
      native,
      'SELECT min(score) AS lo, max(score) AS hi, avg(score) AS mean, count(score) AS n, count(*) - count(score) AS nulls FROM survey',
    );
    expect(Number(await score.stat('min'))).toBe(range.lo);
    expect(Number(await score.stat('max'))).toBe(range.hi);
    expect(Number(await score.stat('mean'))).toBe(range.mean);
    expect(Number(await score.stat('nulls'))).toBe(range.nulls);
    const counts = await score.shown
      .locator('.histogram li')
      .evaluateAll((lis) => lis.map((li) => Number(li.getAttribute('data-count'))));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(range.n);
    await score.shown.scrollIntoViewIfNeeded();
    await screenshot(page, 'data-profile');
  });
});

describe('a million-row result', () => {
  const ROW = (i: number) => `[data-cell="big"] tr[data-row="${i}"]`;

  async function rowValues(i: number): Promise<[number, number]> {
    const cells = await page.locator(`${ROW(i)} td`).allInnerTexts();
    return [Number(cells[0]), Number(cells[1])];
  }

  async function loaded(i: number): Promise<void> {
    await page.waitForFunction(
      (selector) => {
        const tr = document.querySelector(selector);
        return tr !== null && !tr.classList.contains('pending');
      },
      ROW(i),
      { timeout: 30_000 },
    );
  }

  /** Sets the table's scroll position and returns how long until row `i` showed its values. */
  async function scrollTo(share: number, i: number): Promise<number> {
    const started = Date.now();
    await page.locator('[data-cell="big"] .scroll').evaluate((el, s) => {
      el.scrollTop = (el.scrollHeight - el.clientHeight) * s;
    }, share);
    await loaded(i);
    return Date.now() - started;
  }

  it('shows rows near the end with the right values, fetching only a few pages', async () => {
    const notebook = [
      '---',
      'title: A million rows',
      '---',
      '',
      '```sql big',
      'SELECT range AS i, hash(range) % 100 AS g FROM range(1000000)',
      '```',
      '',
    ].join('\n');
    await openFiles(page, [{ name: 'million.md', text: notebook }]);
    expect(await page.locator('[data-cell="big"]').getAttribute('data-status')).toBe('ok');
    expect(await page.locator('[data-cell="big"] .count').getAttribute('data-row-count')).toBe(
      '1000000',
    );
    // Count every row any query hands the page from now on.
    await page.evaluate(async () => {
      const w = window as unknown as PageWindow;
      const engine = await w.statecraft.engine();
      const query = engine.query.bind(engine);
      w.rowsReceived = 0;
      engine.query = async (sql, params) => {
        const result = await query(sql, params);
        w.rowsReceived = (w.rowsReceived ?? 0) + result.rows.length;
        return result;
      };
    });
    const received = () => page.evaluate(() => (window as unknown as PageWindow).rowsReceived);

    const endMs = await scrollTo(1, 999_999);
    const rendered = await page.locator('[data-cell="big"] tbody tr').count();
    const first = Number(
      await page.locator('[data-cell="big"] .result').getAttribute('data-first-row'),
    );
    const expected = await nativeRows(
      native,
      `SELECT range AS i, hash(range) % 100 AS g FROM range(${first}, 1000000)`,
    );
    for (const row of expected) expect(await rowValues(Number(row.i))).toEqual([row.i, row.g]);
    expect(rendered).toBe(expected.length);

    const middleMs = await scrollTo(0.5, 500_000);
    const middle = await nativeRows(native, 'SELECT hash(500000) % 100 AS g');
    expect(await rowValues(500_000)).toEqual([500_000, middle[0].g]);
    const rows = await received();
    console.log(
      `[ui-data] 1,000,000-row result: end shown in ${endMs} ms, middle in ${middleMs} ms; ${rows} rows reached the page; ${rendered} rows in the DOM`,
    );
    expect(rows).toBeGreaterThan(0);
    expect(rows).toBeLessThan(1000);
    await screenshot(page, 'data-million-rows');
  });

  it('sorts by a column in DuckDB, still fetching only the rows on screen', async () => {
    const before = await page.evaluate(() => (window as unknown as PageWindow).rowsReceived ?? 0);
    const header = page.locator('[data-cell="big"] button[data-sort-column="g"]');
    const started = Date.now();
    await header.click();
    await page.locator('[data-cell="big"] th[aria-sort="ascending"]').waitFor();
    await loaded(0);
    const ascendingMs = Date.now() - started;
    const [lowest] = await nativeRows(
      native,
      'SELECT i, g FROM (SELECT range AS i, hash(range) % 100 AS g FROM range(1000000)) ORDER BY g, i LIMIT 1',
    );
    // A re-sort re-renders row 0: wait for its new values rather than read it mid-update.
    await expect.poll(() => rowValues(0), { timeout: 10_000 }).toEqual([lowest.i, lowest.g]);

    await header.click();
    await page.locator('[data-cell="big"] th[aria-sort="descending"]').waitFor();
    await loaded(0);
    const [highest] = await nativeRows(
      native,
      'SELECT i, g FROM (SELECT range AS i, hash(range) % 100 AS g FROM range(1000000)) ORDER BY g DESC, i LIMIT 1',
    );
    // A re-sort re-renders row 0: wait for its new values rather than read it mid-update.
    await expect.poll(() => rowValues(0), { timeout: 10_000 }).toEqual([highest.i, highest.g]);
    // The last row of the descending order: the smallest g, and of those the one stored last
    // (ties keep the stored order).
    await scrollTo(1, 999_999);
    const [last] = await nativeRows(
      native,
      'SELECT i, g FROM (SELECT range AS i, hash(range) % 100 AS g FROM range(1000000)) ORDER BY g, i DESC LIMIT 1',
    );
    expect(await rowValues(999_999)).toEqual([last.i, last.g]);
    const after = await page.evaluate(() => (window as unknown as PageWindow).rowsReceived ?? 0);
    console.log(
      `[ui-data] sorted 1,000,000 rows and showed the first in ${ascendingMs} ms; ${after - before} rows reached the page`,
    );
    expect(after - before).toBeLessThan(1000);
    expect(await page.locator('[data-cell="big"] .result .meta').innerText()).toContain(
      'sorted by g',
    );
    await screenshot(page, 'data-million-sorted');
  });
  it('answers the keyboard: scroll keys move through the rows, Enter on a header sorts', async () => {
    const region = page.locator('[data-cell="big"] .scroll');
    await region.focus();
    await page.keyboard.press('Home');
    await loaded(0);
    await page.keyboard.press('PageDown');
    await expect
      .poll(async () =>
        Number(await page.locator('[data-cell="big"] .result').getAttribute('data-first-row')),
      )
      .toBeGreaterThan(5);
    // Third press on the same header: back to the stored order.
    await page.locator('[data-cell="big"] button[data-sort-column="g"]').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-cell="big"] th[aria-sort]').count()).toBe(0);
    // The PageDown above scrolls smoothly; on a busy machine it can still be moving when the
    // order is reset, so go back to the top before reading row 0.
    await scrollTo(0, 0);
    const [zero] = await nativeRows(native, 'SELECT hash(0) % 100 AS g');
    // A re-sort re-renders row 0: wait for its new values rather than read it mid-update.
    await expect.poll(() => rowValues(0), { timeout: 10_000 }).toEqual([0, zero.g]);
    // And in the data panel, Enter on a column opens its profile.
    const column = page.locator('.data-panel [data-table="big"]');
    await column.locator('summary').focus();
    await page.keyboard.press('Enter');
    await column.locator('[data-column="i"] button.column').focus();
    await page.keyboard.press('Enter');
    await page.locator('[data-profile="i"] [data-stat="distinct"]').waitFor();
    expect(
      await page.locator('[data-profile="i"] [data-stat="distinct"]').getAttribute('data-value'),
    ).toBe('1000000');
  });
});

describe('loading a big file', () => {
  it('shows its progress and cancels it, and the session goes on working', async () => {
    const listTables = () =>
      page.evaluate(async () => {
        const w = window as unknown as PageWindow;
        const result = await w.statecraft.query(
          "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY 1",
        );
        return result.rows.map((r) => r.table_name);
      });
    const before = await listTables();
    const path = join(scratch, 'huge.csv');
    await writeBigCsv(path, 120 * 1024 * 1024);
    await page.locator('[data-testid="file-input"]').setInputFiles(path);
    const progress = page.locator('[data-testid="load-progress"]');
    await progress.waitFor({ timeout: 30_000 });
    expect(await progress.innerText()).toContain('huge.csv');
    expect(await progress.locator('progress').count()).toBe(1);
    // Bytes are counted as the file is read.
    await page.waitForFunction(
      () =>
        Number(
          document
            .querySelector('[data-testid="load-progress"] [data-bytes]')
            ?.getAttribute('data-bytes'),
        ) > 0,
      undefined,
      { timeout: 30_000 },
    );
    await screenshot(page, 'data-load-progress');
    const started = Date.now();
    await page.locator('[data-testid="cancel-load"]').click();
    await progress.waitFor({ state: 'detached', timeout: 30_000 });
    const stoppedMs = Date.now() - started;
    await page.waitForSelector('#app[data-state="ready"]');
    expect(await page.locator('.notice').innerText()).toContain('Loading huge.csv was cancelled');
    // Nothing of the file was kept.
    expect(await listTables()).toEqual(before);
    console.log(`[ui-data] a 120 MB load stopped ${stoppedMs} ms after Cancel`);

    // The session keeps working: another file loads, and is listed with its rows.
    await openFiles(page, [{ name: 'after.csv', text: surveyCsv(30) }]);
    await expect
      .poll(() => page.locator('.data-panel [data-table="after"]').count(), { timeout: 10_000 })
      .toBe(1);
    expect(await page.locator('.data-panel [data-table="after"]').innerText()).toContain('30 rows');
  });
});

describe('in the dark', () => {
  it('draws the data panel with the dark theme', async () => {
    const dark = await openAppPage(ui, '', { colorScheme: 'dark' });
    try {
      await dark.page.locator('.data-panel [data-table="episodes"] summary').click();
      await dark.page
        .locator('[data-table="episodes"] [data-column="start_year"] button.column')
        .click();
      await dark.page.locator('[data-profile="start_year"] .histogram').waitFor();
      const background = await dark.page.evaluate(
        () => getComputedStyle(document.body).backgroundColor,
      );
      expect(background).toBe('rgb(23, 24, 26)');
      await screenshot(dark.page, 'data-dark');
    } finally {
      await dark.page.context().close();
    }
  });
});

/** An invented CSV of about `bytes` bytes, written in 1 MB blocks. */
async function writeBigCsv(path: string, bytes: number): Promise<void> {
  const out = createWriteStream(path);
  out.write('id,year,region,score\n');
  let written = 0;
  let id = 0;
  while (written < bytes) {
    const lines: string[] = [];
    for (let k = 0; k < 40_000; k++, id++) {
      lines.push(`${id},${1946 + (id % 60)},region ${id % 9},${(id * 7919) % 100_000}`);
    }
    const block = `${lines.join('\n')}\n`;
    written += block.length;
    if (!out.write(block)) await new Promise<void>((done) => out.once('drain', () => done()));
  }
  await new Promise<void>((done, fail) => {
    out.once('error', fail);
    out.end(() => done());
  });
}

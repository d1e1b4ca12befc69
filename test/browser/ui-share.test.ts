import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeEngine } from '../../src/engine/NativeEngine.ts';
import { literal } from '../../src/engine/sql.ts';
import type { QueryResult } from '../../src/engine/Engine.ts';
import type { StatecraftHooks } from '../../src/ui/debug-hooks.ts';
import { repoRoot } from './harness.ts';
import {
  downloadOf,
  newPage,
  pageResults,
  readRepoFile,
  screenshot,
  startUiSession,
  stopUiSession,
  type UiSession,
  andRun,
} from './ui-helpers.ts';

/**
 * Keeping and sharing work in the built app: the HTML report, PNG and Parquet exports, share
 * links opened in a fresh browser, data files that come back after a reload, and presentation
 * mode. Needs a build (`npx vite build`, or STATECRAFT_DIST for a build elsewhere).
 */

const DEMO_CSV = 'demo-sanctions-synthetic.csv';
const DEMO_BYTES = readFileSync(join(repoRoot, 'data', DEMO_CSV));
const WELCOME_SHA = /sha256: ([0-9a-f]{64})/.exec(readRepoFile('notebooks/welcome.md'))![1];
const FIXTURES = 'test/fixtures/notebooks';

let session: UiSession;
let page: Page;
let dir: string;

beforeAll(async () => {
  session = await startUiSession();
  page = session.page;
  dir = mkdtempSync(join(tmpdir(), 'statecraft-share-'));
});

afterAll(async () => {
  await stopUiSession(session);
  rmSync(dir, { recursive: true, force: true });
});

type PageWindow = { statecraft: StatecraftHooks };

function pageQuery(on: Page, sql: string): Promise<QueryResult> {
  return on.evaluate(
    (q) => (window as unknown as PageWindow).statecraft.query(q),
    sql,
  ) as Promise<QueryResult>;
}

async function downloadBytes(
  on: Page,
  click: () => Promise<void>,
): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([on.waitForEvent('download'), click()]);
  return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
}

/** Waits until the app has started and the first notebook has run (ready or error). */
async function started(on: Page): Promise<void> {
  await on.waitForFunction(
    () => {
      const root = document.getElementById('app');
      return root && Number(root.dataset.runs) > 0 && root.dataset.state !== 'running';
    },
    undefined,
    { timeout: 120_000 },
  );
}

/** Adds a sql cell at the end of the notebook through the page; returns its name. */
async function addSqlCell(on: Page): Promise<string> {
  const keys = () =>
    on.locator('[data-cell]').evaluateAll((els) => els.map((el) => el.getAttribute('data-cell')));
  const before = await keys();
  await andRun(on, async () => {
    await on.locator('summary[aria-label="Add cell at the end"]').click();
    await on.locator('details[open] [data-add-kind="sql"]').click();
  });
  const added = (await keys()).filter((k) => !before.includes(k));
  expect(added.length).toBe(1);
  return added[0]!;
}

describe('exports', () => {
  it('exports the notebook as one HTML report with its tables and charts, and no script', async () => {
    const report = await downloadOf(page, () => page.getByTestId('export-html').click());
    expect(report.name).toBe('welcome.html');
    const html = report.text;
    expect(html).not.toMatch(/<script/i);
    // The welcome notebook's prose names no address, so none may appear at all.
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
    expect(html.match(/<svg /g)?.length).toBe(2);
    expect(html).toContain('aria-label="Failure rate of US-led sanctions by embassy closure"');
    for (const number of ['73.3%', '[64.2%, 80.9%]', '41.9%', '532', '0.993', '637 rows']) {
      expect(html).toContain(number);
    }
    expect(html).toContain('<h1>Welcome to Statecraft Notebook</h1>');

    // Opened on its own, the report loads nothing but itself and breaks no policy.
    const file = join(dir, report.name);
    writeFileSync(file, html);
    const context = await session.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const viewer = await context.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    viewer.on('request', (r) => requests.push(r.url()));
    viewer.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await viewer.goto(pathToFileURL(file).href);
    expect(await viewer.locator('figure.chart svg').count()).toBe(2);
    expect(requests).toEqual([pathToFileURL(file).href]);
    expect(errors).toEqual([]);
    await screenshot(viewer, 'share-report', true);
    await context.close();
  });

  it('exports a chart as a PNG twice the size of its SVG', async () => {
    const chart = page.locator('[data-cell="#3"]');
    const svg = await downloadOf(page, () => chart.locator('[data-download="svg"]').click());
    const svgWidth = Number(/<svg[^>]* width="(\d+)"/.exec(svg.text)![1]);
    const svgHeight = Number(/<svg[^>]* height="(\d+)"/.exec(svg.text)![1]);
    const png = await downloadBytes(page, () => chart.getByTestId('export-png').click());
    expect(png.name).toBe('chart-1.png');
    expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // IHDR: width and height, big-endian, right after the signature and chunk header.
    expect(png.bytes.readUInt32BE(16)).toBe(svgWidth * 2);
    expect(png.bytes.readUInt32BE(20)).toBe(svgHeight * 2);
    expect(png.bytes.length).toBeGreaterThan(10_000);
    writeFileSync(join(dir, png.name), png.bytes);
  });

  it('exports a result as Parquet that native DuckDB reads back with the same rows and types', async () => {
    const cell = page.locator('[data-cell="us_episodes"]');
    const parquet = await downloadBytes(page, () =>
      cell.getByTestId('export-parquet').first().click(),
    );
    expect(parquet.name).toBe('us_episodes.parquet');
    expect(parquet.bytes.subarray(0, 4).toString()).toBe('PAR1');
    const path = join(dir, parquet.name);
    writeFileSync(path, parquet.bytes);
    const engine = await NativeEngine.create();
    try {
      const file = `read_parquet(${literal(path)})`;
      const native = await engine.query(`SELECT * FROM ${file}`);
      const inPage = await pageQuery(page, 'SELECT * FROM us_episodes');
      expect(native.rows.length).toBe(637);
      expect(native.columns).toEqual(inPage.columns);
      expect(native.rows).toEqual(inPage.rows);
    } finally {
      await engine.close();
    }
  });
});

describe('share links', () => {
  let link: string;

  it('puts the notebook in the fragment of a link', async () => {
    await page.getByTestId('share-link').click();
    const input = page.getByTestId('share-url');
    await input.waitFor();
    link = await input.inputValue();
    expect(link).toMatch(
      new RegExp(`^${session.app.url.replaceAll('.', '\\.')}#nb=[A-Za-z0-9_-]+&file=welcome\\.md$`),
    );
    await screenshot(page, 'share-link');
  });

  it('opens the link in a fresh browser, asks for the data file and checks its sha256', async () => {
    const fresh = await newPage(session.browser, session.app.origin);
    const other = fresh.page;
    await other.goto(link);
    await started(other);
    const notice = other.getByTestId('shared-notebook');
    await notice.waitFor();
    expect(await other.getByTestId('notebook-file').innerText()).toMatch(
      /^welcome-shared-[0-9a-f]{6}\.md$/,
    );
    const row = other.locator(`[data-shared-file="${DEMO_CSV}"]`);
    expect(await row.getAttribute('data-check')).toBe('needed');
    expect(await row.locator('code[title]').getAttribute('title')).toBe(WELCOME_SHA);
    // The app ships this file, but a shared notebook asks for the reader's own copy.
    expect(fresh.requests.all.some((u) => u.includes('demo-sanctions'))).toBe(false);

    // A different file under the right name: loaded, and said clearly not to be the author's.
    const altered = Buffer.concat([DEMO_BYTES, Buffer.from('\n')]);
    await andRun(other, () =>
      other
        .getByTestId('shared-files')
        .setInputFiles([{ name: DEMO_CSV, mimeType: 'text/csv', buffer: altered }]),
    );
    expect(await row.getAttribute('data-check')).toBe('mismatch');
    const alert = await other.getByTestId('sha-mismatch').innerText();
    expect(alert).toContain(`${DEMO_CSV} is not the file this notebook was made with`);
    expect(alert).toContain(WELCOME_SHA);
    await screenshot(other, 'share-mismatch');

    // The right file: it matches, and the numbers are the author's.
    await andRun(other, () =>
      other
        .getByTestId('shared-files')
        .setInputFiles([{ name: DEMO_CSV, mimeType: 'text/csv', buffer: DEMO_BYTES }]),
    );
    expect(await row.getAttribute('data-check')).toBe('match');
    expect(await other.getByTestId('sha-mismatch').count()).toBe(0);
    const theirs = await pageResults(other);
    const ours = await pageResults(page);
    expect(theirs.failure_by_embassy).toEqual(ours.failure_by_embassy);
    expect(theirs.failure_model).toEqual(ours.failure_model);
    await screenshot(other, 'share-opened');
    expect(fresh.consoleErrors).toEqual([]);
    await other.context().close();
  });

  it('refuses a damaged link with a clear message and opens the usual notebook', async () => {
    const fresh = await newPage(session.browser, session.app.origin);
    const cut = link.slice(0, link.indexOf('&file') - 40);
    await fresh.page.goto(cut);
    await started(fresh.page);
    expect(await fresh.page.getByTestId('share-problem').innerText()).toMatch(
      /This share link is damaged .* cut off/,
    );
    expect(await fresh.page.getByTestId('notebook-file').innerText()).toBe('welcome.md');
    await fresh.page.context().close();
  });

  it('never writes over the reader’s own edited notebook, and leads back to it', async () => {
    // An edit to welcome.md, autosaved in this browser.
    const added = await addSqlCell(page);
    const savedCopy = () =>
      page.evaluate(() => {
        const pointer = JSON.parse(localStorage.getItem('statecraft:notebook:welcome.md') ?? '{}');
        return localStorage.getItem(`statecraft:copy:${pointer.slot}:welcome.md`) ?? '';
      });
    const before = await savedCopy();
    expect(before).toContain(`\`\`\`sql ${added}`);

    // The link is opened in this very tab: only the fragment changes.
    await andRun(page, () =>
      page.evaluate((hash) => {
        location.hash = hash;
      }, new URL(link).hash),
    );
    await page.getByTestId('shared-notebook').waitFor();
    expect(await page.getByTestId('notebook-file').innerText()).toMatch(/^welcome-shared-/);
    // The data file this tab already had is the author's: checked, not asked for again.
    expect(await page.locator(`[data-shared-file="${DEMO_CSV}"]`).getAttribute('data-check')).toBe(
      'match',
    );
    expect(await savedCopy()).toBe(before);

    await andRun(page, () => page.getByTestId('back-to-mine').click());
    expect(await page.getByTestId('notebook-file').innerText()).toBe('welcome.md');
    expect(await page.locator(`[data-cell="${added}"]`).count()).toBe(1);
    expect(await page.getByTestId('shared-notebook').count()).toBe(0);
    expect(new URL(page.url()).hash).toBe('');
  });
});

describe('presentation mode', () => {
  it('shows one section or cell per screen, moves by keyboard, and keeps inputs live', async () => {
    await page.getByTestId('present').click();
    const show = page.getByTestId('presentation');
    await show.waitFor();
    const counter = page.getByTestId('slide-counter');
    const total = Number((await counter.innerText()).split('/')[1]);
    expect(await counter.innerText()).toBe(`1 / ${total}`);
    expect(await show.locator('h1').innerText()).toBe('Welcome to Statecraft Notebook');
    await screenshot(page, 'present-title');

    await page.keyboard.press('ArrowRight');
    expect(await counter.innerText()).toBe(`2 / ${total}`);
    await page.keyboard.press('PageDown');
    await page.keyboard.press('PageUp');
    await page.keyboard.press('ArrowLeft');
    expect(await counter.innerText()).toBe(`1 / ${total}`);

    // On to the rate chart: the slider it depends on is on the same screen.
    for (let i = 0; i < total && (await show.getAttribute('data-slide')) !== null; i++) {
      if ((await page.locator('[data-slide-id="cell:#3"]').count()) > 0) break;
      await page.keyboard.press('PageDown');
    }
    const slide = page.locator('[data-slide-id="cell:#3"]');
    await slide.waitFor();
    const at = await counter.innerText();
    const slider = slide.locator('[data-input="from_year"] input[type="range"]');
    const bars = () => slide.locator('.chart svg.statecraft-chart').innerHTML();
    const chartBefore = await bars();
    await screenshot(page, 'present-chart');

    // Arrow keys on the slider move the slider, not the slides; the chart re-draws.
    await slider.focus();
    await andRun(page, async () => {
      for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight');
    });
    await page.waitForFunction(
      () =>
        document.querySelector('[data-slide-id="cell:#3"] [data-input="from_year"] output')
          ?.textContent === '1975',
    );
    await page.waitForFunction(
      (before) =>
        document.querySelector('[data-slide-id="cell:#3"] .chart svg.statecraft-chart')
          ?.innerHTML !== before,
      chartBefore,
    );
    expect(await counter.innerText()).toBe(at);
    const rates = await pageQuery(page, 'SELECT sum(n) AS n FROM failure_by_embassy');
    const all = await pageQuery(
      page,
      'SELECT count(*) AS n FROM episodes WHERE us_primary_sender AND start_year >= 1975',
    );
    expect(rates.rows[0].n).toBe(all.rows[0].n);
    await screenshot(page, 'present-chart-1975');

    await page.keyboard.press('Escape');
    expect(await show.count()).toBe(0);
    expect(await page.getByTestId('present').evaluate((b) => b === document.activeElement)).toBe(
      true,
    );
  });
});

describe('data files across reloads', () => {
  it('brings back a loaded dataset and a loose table after a reload, until forgotten', async () => {
    const fresh = await newPage(session.browser, session.app.origin);
    const tab = fresh.page;
    await tab.goto(session.app.url);
    await started(tab);
    const small = readRepoFile(`${FIXTURES}/small.md`);
    const episodes = readFileSync(join(repoRoot, FIXTURES, 'episodes.csv'));
    const codes = 'country,code\nEastasia,1\nOceania,2\nEurasia,3\n';
    await andRun(tab, () =>
      tab.getByTestId('file-input').setInputFiles([
        { name: 'small.md', mimeType: 'text/markdown', buffer: Buffer.from(small) },
        { name: 'episodes.csv', mimeType: 'text/csv', buffer: episodes },
        { name: 'codes.csv', mimeType: 'text/csv', buffer: Buffer.from(codes) },
      ]),
    );
    // An edit, so the reload reopens small.md (autosave) rather than the welcome notebook.
    await addSqlCell(tab);
    const kept = tab.getByTestId('kept-files');
    await kept.locator('[data-kept-file="codes.csv"]').waitFor();
    await kept.locator('[data-kept-file="episodes.csv"]').waitFor();
    const before = await pageResults(tab);

    await tab.reload();
    await started(tab);
    expect(await tab.getByTestId('notebook-file').innerText()).toBe('small.md');
    expect(await tab.getByTestId('missing-files').count()).toBe(0);
    const after = await pageResults(tab);
    expect(after.by_embassy).toEqual(before.by_embassy);
    expect(after.recent).toEqual(before.recent);
    const table = await pageQuery(tab, "SELECT string_agg(country, ',') AS c FROM codes");
    expect(table.rows[0].c).toBe('Eastasia,Oceania,Eurasia');
    await screenshot(tab, 'kept-after-reload');

    // Forgotten files are gone from the browser: the next reload asks for the dataset again.
    await tab.getByTestId('forget-files').click();
    await tab.locator('[data-kept-file]').first().waitFor({ state: 'detached' });
    await tab.reload();
    await started(tab);
    expect(await tab.getByTestId('missing-files').innerText()).toContain('episodes.csv');
    const tables = await pageQuery(
      tab,
      "SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'codes'",
    );
    expect(tables.rows[0].n).toBe(0);
    expect(fresh.consoleErrors).toEqual([]);
    await tab.context().close();
  });

  it('says so when a file does not fit in the browser’s storage, and keeps going', async () => {
    const fresh = await newPage(session.browser, session.app.origin);
    const tab = fresh.page;
    // A browser whose storage for this site is nearly full.
    await tab.addInitScript(() => {
      navigator.storage.estimate = async () => ({ quota: 10_000, usage: 7_900 });
    });
    await tab.goto(session.app.url);
    await started(tab);
    const rows = ['id,label', ...Array.from({ length: 400 }, (_, i) => `${i},row ${i}`)];
    await andRun(tab, () =>
      tab
        .getByTestId('file-input')
        .setInputFiles([
          { name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) },
        ]),
    );
    const notice = tab.locator('.notice[role="status"]', { hasText: 'could not be kept' });
    await notice.waitFor();
    expect(await notice.innerText()).toMatch(
      /big\.csv \(\d+ kB\) could not be kept in this browser: it needs \d+ kB and this browser lets the app keep only 1 kB more\. After a reload, open it again\./,
    );
    // The table itself is loaded all the same.
    const count = await pageQuery(tab, 'SELECT count(*) AS n FROM big');
    expect(count.rows[0].n).toBe(400);
    expect(await tab.locator('[data-kept-file]').count()).toBe(0);
    await tab.context().close();
  });

  it('the first page kept no console errors through all of it', () => {
    expect(session.opened.consoleErrors).toEqual([]);
  });
});

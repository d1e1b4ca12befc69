import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type RequestLog } from './harness.ts';
import {
  completedRuns,
  downloadOf,
  newPage,
  startAppAndBrowser,
  stopUiSession,
  waitForRun,
  type AppAndBrowser,
} from './ui-helpers.ts';

/**
 * A notebook and a dataset written by an attacker, opened in the built app: markdown, title,
 * cell headers, input labels and options, SQL values and column names, chart titles, captions
 * and tick labels, a CSV's headers and values, error messages and file names all carry script
 * payloads. Each payload calls window.__pwned.push(<its number>) if it ever runs.
 *
 * The page runs with its Content-Security-Policy bypassed, so the test checks the rendering
 * itself (text, or DOMPurify for prose) and not only the CSP that would also block inline
 * handlers. Needs a built app (STATECRAFT_DIST or dist/).
 */

/** Every payload made, by number: what was tried. */
const tried = new Map<number, string>();

type Template = (n: number) => string;

const TEMPLATES: Record<string, Template> = {
  script: (n) => `<script>window.__pwned.push(${n})</script>`,
  imgOnerror: (n) => `<img src=x onerror=window.__pwned.push(${n})>`,
  svgOnload: (n) => `<svg onload=window.__pwned.push(${n})>`,
  jsLink: (n) => `<a href="javascript:window.__pwned.push(${n})">link ${n}</a>`,
  iframeSrcdoc: (n) => `<iframe srcdoc="<script>parent.__pwned.push(${n})</script>"></iframe>`,
  attributeBreakout: (n) => `"><img src=x onerror=window.__pwned.push(${n})>`,
  mutation: (n) =>
    `<math><mtext><table><mglyph><style><img src=x onerror=window.__pwned.push(${n})>`,
  detailsToggle: (n) => `<details open ontoggle=window.__pwned.push(${n})>`,
};

/** Payloads without spaces, for places a space would end (cell headers). */
const COMPACT: Template[] = [
  (n) => `<svg/onload=window.__pwned.push(${n})>`,
  (n) => `<img/src/onerror=window.__pwned.push(${n})>`,
];

function payload(template: Template): string {
  const n = tried.size + 1;
  const text = template(n);
  tried.set(n, text);
  return text;
}

const ALL = Object.values(TEMPLATES);
const all = () => ALL.map(payload);

/** A double-quoted SQL identifier (the payloads' own quotes doubled). */
const sqlName = (name: string) => `"${name.replaceAll('"', '""')}"`;
const sqlText = (text: string) => `'${text.replaceAll("'", "''")}'`;
/** JSON is YAML: a scalar that keeps every character of the payload. */
const yaml = (text: string) => JSON.stringify(text);
const csvField = (text: string) => `"${text.replaceAll('"', '""')}"`;

// The dataset: payloads as column names and as values.
const groupColumn = payload(TEMPLATES.imgOnerror);
const noteColumn = payload(TEMPLATES.svgOnload);
const groupValues = [payload(TEMPLATES.script), payload(TEMPLATES.imgOnerror)];
const noteValues = all();
const CSV = [
  ['id', 'ok', groupColumn, noteColumn].map(csvField).join(','),
  ...noteValues.map((note, i) =>
    [String(i + 1), i % 3 === 0 ? 'true' : 'false', groupValues[i % 2], note]
      .map(csvField)
      .join(','),
  ),
].join('\n');

const missingFile = `${payload(TEMPLATES.imgOnerror)}.csv`;
const notebookName = `${payload(TEMPLATES.imgOnerror)}.md`;
const title = payload(TEMPLATES.imgOnerror);
const prose = all();
const markdownLinks = [
  (n: number) => `[markdown link ${n}](javascript:window.__pwned.push(${n}))`,
  (n: number) => `[data link ${n}](data:text/html,<script>parent.__pwned.push(${n})</script>)`,
  (n: number) => `<javascript:window.__pwned.push(${n})>`,
  (n: number) => `![image ${n}](x" onerror="window.__pwned.push(${n}))`,
].map(payload);
const headerName = payload(COMPACT[0]);
const headerWords = payload(TEMPLATES.imgOnerror);
const inputLabel = payload(TEMPLATES.imgOnerror);
const inputOptions = [payload(TEMPLATES.script), payload(TEMPLATES.svgOnload)];
const valueColumns = [payload(TEMPLATES.imgOnerror), payload(TEMPLATES.attributeBreakout)];
const values = all();
const chartColumn = payload(TEMPLATES.imgOnerror);
const chartCategories = all();
const chartTitle = payload(TEMPLATES.imgOnerror);
const chartCaption = payload(TEMPLATES.svgOnload);
const missingTable = payload(TEMPLATES.imgOnerror);
const missingFrom = payload(COMPACT[1]);

const NOTEBOOK = [
  '---',
  `title: ${yaml(title)}`,
  'datasets:',
  '  hostile: hostile.csv',
  `  gone: ${yaml(missingFile)}`,
  '---',
  '',
  `# Heading ${prose[0]}`,
  '',
  ...prose.map((p) => `Paragraph: ${p}\n`),
  ...markdownLinks.map((p) => `Link: ${p}\n`),
  '',
  '```input pick',
  'type: select',
  `options: [${inputOptions.map(yaml).join(', ')}]`,
  `value: ${yaml(inputOptions[0])}`,
  `label: ${yaml(inputLabel)}`,
  '```',
  '',
  '```sql picked',
  'SELECT $pick AS picked',
  '```',
  '',
  '```sql vals',
  // The report leaves a query's rows out unless asked; the payloads must be in it.
  '-- show: [rows]',
  `SELECT ${values.map((v, i) => `${sqlText(v)} AS v${i}`).join(', ')}, ` +
    `1 AS ${sqlName(valueColumns[0])}, 2 AS ${sqlName(valueColumns[1])}`,
  '```',
  '',
  '```sql cats',
  `SELECT * FROM (VALUES ${chartCategories.map((c, i) => `(${sqlText(c)}, ${i + 1})`).join(', ')}) ` +
    `t(${sqlName(chartColumn)}, n)`,
  '```',
  '',
  '```chart',
  'from: cats',
  'mark: barY',
  `x: ${yaml(chartColumn)}`,
  'y: n',
  `title: ${yaml(chartTitle)}`,
  `caption: ${yaml(chartCaption)}`,
  '```',
  '',
  '```sql rows',
  '-- show: [rows]',
  'SELECT * FROM hostile ORDER BY id',
  '```',
  '',
  '```rate by_group',
  'from: hostile',
  'outcome: ok',
  `by: ${yaml(groupColumn)}`,
  '```',
  '',
  '```crosstab table',
  'from: hostile',
  `rows: ${yaml(groupColumn)}`,
  'cols: ok',
  '```',
  '',
  `\`\`\`sql ${headerName}`,
  'SELECT 1 AS one',
  '```',
  '',
  `\`\`\`sql two ${headerWords}`,
  'SELECT 2 AS two',
  '```',
  '',
  '```sql broken',
  `SELECT * FROM ${sqlName(missingTable)}`,
  '```',
  '',
  '```rate nowhere',
  `from: ${yaml(missingFrom)}`,
  'outcome: ok',
  'by: id',
  '```',
  '',
].join('\n');

type TrapWindow = { __pwned: number[] };

let served: AppAndBrowser;
let page: Page;
let requests: RequestLog;
let consoleErrors: string[];

beforeAll(async () => {
  served = await startAppAndBrowser();
  ({ page, requests, consoleErrors } = await newPage(served.browser, served.app.origin, {
    bypassCSP: true,
  }));
  // Set before the app's first script runs, so the trap is there for every payload.
  await page.addInitScript(() => {
    (window as unknown as TrapWindow).__pwned = [];
  });
  await openApp(page, `${served.app.url}?blank`);
  const before = await completedRuns(page);
  await page.locator('[data-testid="file-input"]').setInputFiles([
    { name: 'hostile.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) },
    { name: notebookName, mimeType: 'text/markdown', buffer: Buffer.from(NOTEBOOK) },
  ]);
  await waitForRun(page, before);
  await page.waitForSelector('[data-cell="cats"][data-status="ok"]');
}, 180_000);

afterAll(() => stopUiSession(served));

function pwned(on: Page = page): Promise<number[]> {
  return on.evaluate(() => [...(window as unknown as TrapWindow).__pwned]);
}

/** Elements a payload could have made under `root`: scripts, frames, handlers, script URLs. */
function payloadElements(on: Page, root: string) {
  return on.evaluate((selector) => {
    const top = document.querySelector(selector)!;
    const elements = [...top.querySelectorAll('*')];
    return {
      scripts: top.querySelectorAll('script').length,
      frames: top.querySelectorAll('iframe, object, embed').length,
      images: top.querySelectorAll('img[src="x"], img[src^="x"]').length,
      handlers: elements.flatMap((el) =>
        [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName} ${a.name}`),
      ),
      urls: elements.flatMap((el) =>
        ['href', 'src', 'xlink:href', 'action', 'formaction']
          .map((name) => el.getAttribute(name) ?? '')
          .filter((v) => /^\s*(javascript|data|vbscript):/i.test(v)),
      ),
    };
  }, root);
}

const NOTHING = { scripts: 0, frames: 0, images: 0, handlers: [], urls: [] };

/** Text of an element, as the reader sees it (SVG text included). */
function textOf(selector: string): Promise<string> {
  return page
    .locator(selector)
    .first()
    .evaluate((el) => el.textContent ?? '');
}

describe('a hostile notebook and dataset execute nothing', () => {
  it('the notebook ran: the payload cells did their work', async () => {
    const statuses = await page.evaluate(() =>
      Object.fromEntries(
        [...document.querySelectorAll('[data-cell]')].map((el) => [
          el.getAttribute('data-cell'),
          el.getAttribute('data-status'),
        ]),
      ),
    );
    for (const cell of ['pick', 'picked', 'vals', 'cats', 'rows', 'by_group', 'table']) {
      expect(statuses[cell], cell).toBe('ok');
    }
    expect(statuses.broken).toBe('error');
    expect(statuses.nowhere).toBe('error');
  });

  it('no payload ran, even after clicking every link the prose kept', async () => {
    // Links that could carry script: the sanitizer must have taken their href away.
    const links = page.locator('.prose a');
    for (let i = 0; i < (await links.count()); i++) {
      const href = ((await links.nth(i).getAttribute('href')) ?? '').trim().toLowerCase();
      expect(href.startsWith('javascript:') || href.startsWith('data:'), href).toBe(false);
      if (href === '' || href.startsWith('#')) await links.nth(i).click();
    }
    await page.waitForTimeout(1000);
    const executed = await pwned();
    console.log(
      `[xss] payloads tried: ${tried.size}; executed: ${executed.length}` +
        (executed.length ? ` (${executed.map((n) => tried.get(n)).join(' | ')})` : ''),
    );
    expect(executed).toEqual([]);
  });

  it('the page holds no element a payload made: no script, iframe, event handler or javascript: URL', async () => {
    expect(await payloadElements(page, '#app')).toEqual(NOTHING);
  });

  it('shows the payloads as text where they were data', async () => {
    // SQL values and column names, in the result table.
    const vals = await textOf('[data-cell="vals"]');
    for (const text of [...values, ...valueColumns]) expect(vals).toContain(text);
    // The CSV's headers and values.
    const rows = await textOf('[data-cell="rows"]');
    for (const text of [groupColumn, noteColumn, ...noteValues, ...groupValues]) {
      expect(rows).toContain(text);
    }
    // Categories of a rate cell and a crosstab.
    for (const cell of ['by_group', 'table']) {
      const text = await textOf(`[data-cell="${cell}"]`);
      for (const value of groupValues) expect(text, cell).toContain(value);
    }
    // The input's label and options.
    const input = await textOf('[data-cell="pick"]');
    for (const text of [inputLabel, ...inputOptions]) expect(input).toContain(text);
    // Chart title, caption, axis label and tick labels.
    expect(await page.locator('section.kind-chart svg g[aria-label="bar"] rect').count()).toBe(
      chartCategories.length,
    );
    const chart = await textOf('section.kind-chart');
    for (const text of [chartTitle, chartCaption, chartColumn]) expect(chart).toContain(text);
    expect(chart).toContain(chartCategories[0].slice(0, 12));
    // Messages that quote the payload: DuckDB's, the runner's, the parser's.
    expect(await textOf('[data-cell="broken"] .error-message')).toContain(missingTable);
    expect(await textOf('[data-cell="nowhere"] .error-message')).toContain(missingFrom);
    expect(await textOf('#app')).toContain(headerWords);
    // File names: the notebook's, and the missing dataset's.
    expect(await textOf('[data-testid="notebook-file"]')).toBe(notebookName);
    expect(await textOf('[data-testid="missing-files"]')).toContain(missingFile);
    expect(await page.title()).toContain(title);
  });

  it('made no request beyond the app (the image payloads fetched nothing)', () => {
    expect(requests.foreign()).toEqual([]);
    expect(requests.all.filter((url) => /\/x$/.test(url))).toEqual([]);
    expect(consoleErrors.filter((e) => /Uncaught/.test(e))).toEqual([]);
  });

  it('the HTML report made from it runs nothing and loads nothing either', async () => {
    const button = page.getByTestId('export-html');
    const report = await downloadOf(page, () => button.click());
    // Its own CSP would block inline script; bypassed, the escaping alone is tested.
    const reader = await served.browser.newContext({ bypassCSP: true });
    try {
      await reader.addInitScript(() => {
        (window as unknown as TrapWindow).__pwned = [];
      });
      const urls: string[] = [];
      reader.on('request', (request) => urls.push(request.url()));
      const opened = await reader.newPage();
      const address = 'http://report.invalid/';
      await opened.route('**/*', (route) =>
        route.request().url() === address
          ? route.fulfill({ body: report.text, contentType: 'text/html; charset=utf-8' })
          : route.abort(),
      );
      await opened.goto(address);
      for (const details of await opened.locator('details').all()) await details.click();
      await opened.waitForTimeout(1000);
      const executed = await pwned(opened);
      console.log(`[xss] the HTML report of that notebook: executed: ${executed.length}`);
      expect(executed).toEqual([]);
      expect(await payloadElements(opened, 'html')).toEqual(NOTHING);
      const text = await opened.locator('body').evaluate((el) => el.textContent ?? '');
      for (const value of [...values, ...noteValues, chartTitle]) expect(text).toContain(value);
      expect(urls).toEqual([address]);
    } finally {
      await reader.close();
    }
  });

  // Last: it makes the page run a payload on purpose.
  it('control: the trap does catch a payload that reaches the page as HTML', async () => {
    await page.evaluate((html) => {
      const div = document.createElement('div');
      div.innerHTML = html;
      document.body.append(div);
    }, TEMPLATES.imgOnerror(999));
    await expect.poll(pwned).toEqual([999]);
  });
});

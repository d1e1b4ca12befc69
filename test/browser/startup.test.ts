import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  newPage,
  pageResults,
  startAppAndBrowser,
  stopUiSession,
  type AppAndBrowser,
} from './ui-helpers.ts';

let started: AppAndBrowser;

beforeAll(async () => {
  started = await startAppAndBrowser();
});
afterAll(() => stopUiSession(started));

describe('starting the app when its files are incomplete', () => {
  it('says that DuckDB’s .wasm could not be fetched, instead of running for ever', async () => {
    const { page } = await newPage(started.browser, started.app.origin);
    // A host that published the build without its .wasm: every request for it gets a 404.
    await page
      .context()
      .route(/duckdb-eh[^/]*\.wasm(\?|$)/, (route) =>
        route.fulfill({ status: 404, body: 'not found' }),
      );
    await page.goto(started.app.url);
    await page.waitForSelector('#app[data-state="error"]', { timeout: 60_000 });
    const shown = await page.locator('#app').innerText();
    expect(shown).toMatch(
      /DuckDB could not start in this browser: its WebAssembly module duckdb-eh\S*\.wasm could not be fetched \(HTTP 404\)/,
    );
    expect(shown).toContain('publish the whole build');
    expect(await page.locator('footer').innerText()).toContain('DuckDB did not start.');
    // The notebook still opens to be read, its cells in error, and the page never claims to be
    // ready or repeats the message for every later step.
    await page.locator('[data-cell="us_episodes"][data-status="error"]').waitFor();
    expect(await page.locator('main').innerText()).toContain('Welcome to Statecraft Notebook');
    expect(await page.getAttribute('#app', 'data-state')).toBe('error');
    expect(await page.locator('header .state').innerText()).toBe('Needs attention');
    expect(await page.getByRole('alert').count()).toBe(1);
    await page.context().close();
  });
});

/** The welcome notebook's rate table in a page that has run it. */
async function rateRows(page: import('playwright-core').Page): Promise<unknown> {
  await page.waitForSelector('#app[data-state="ready"] [data-cell] svg.statecraft-chart', {
    timeout: 60_000,
  });
  return (await pageResults(page)).failure_by_embassy;
}

describe('starting in a browser without WebAssembly exceptions', () => {
  it("runs the welcome notebook on DuckDB-WASM's MVP module, as the build serves it", async () => {
    const eh = await newPage(started.browser, started.app.origin);
    await eh.page.goto(started.app.url);
    const expected = await rateRows(eh.page);
    expect(expected).toHaveLength(2);
    await eh.page.context().close();

    const { page, requests, consoleErrors } = await newPage(started.browser, started.app.origin);
    // The page's probe (boot.ts) is the one 27-byte module it validates: answered as a browser
    // without the exceptions proposal would, so the app picks the MVP module.
    await page.addInitScript(() => {
      const validate = WebAssembly.validate.bind(WebAssembly);
      WebAssembly.validate = (bytes) =>
        (bytes as ArrayBufferView).byteLength === 27 ? false : validate(bytes);
    });
    await page.goto(started.app.url);
    expect(await rateRows(page)).toEqual(expected);
    expect(requests.all.some((url) => /duckdb-mvp[^/]*\.wasm$/.test(url))).toBe(true);
    expect(requests.all.some((url) => /duckdb-eh[^/]*\.wasm$/.test(url))).toBe(false);
    // DuckDB's errors are C++ exceptions, which this module catches through its JavaScript
    // glue (with the globals the app defines for it, worker.ts): a statement DuckDB refuses
    // reports DuckDB's message, and the next one runs.
    const refused = await page.evaluate(() =>
      window.statecraft!.query('SELECT * FROM no_such_table').then(
        () => 'answered',
        (error: unknown) => String(error),
      ),
    );
    expect(refused).toMatch(/Table with name no_such_table does not exist/);
    expect(await page.evaluate(() => window.statecraft!.query('SELECT 41 + 1 AS n'))).toMatchObject(
      { rows: [{ n: 42 }] },
    );
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});

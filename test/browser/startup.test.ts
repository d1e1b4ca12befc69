import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPage, startAppAndBrowser, stopUiSession, type AppAndBrowser } from './ui-helpers.ts';

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

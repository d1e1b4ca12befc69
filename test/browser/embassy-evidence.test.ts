/**
 * The flagship notebook in the browser (issue 22): opened with the two real files, the page
 * gives the command line's results.json bit for bit, and switching the success coding and the
 * embassy measure re-runs every cell to the numbers the command line gives for those choices.
 * Needs ../shared/datasets (skips with a notice without it) and a built app.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from './harness.ts';
import {
  andRun,
  cellStatuses,
  cliResults,
  comparable,
  differences,
  newPage,
  pageResults,
  startAppAndBrowser,
  stopUiSession,
  type AppAndBrowser,
} from './ui-helpers.ts';

const SHARED = resolve('../shared/datasets');
const hasShared = existsSync(SHARED);
if (!hasShared) console.warn(`notice: ${SHARED} is absent; embassy-evidence.md is not opened`);
const NOTEBOOK = 'notebooks/embassy-evidence.md';
const FILES = ['TIESv4-1.xls', 'Diplomatic_Exchange_2006v1.csv'];

let started: AppAndBrowser | undefined;

beforeAll(async () => {
  if (hasShared) started = await startAppAndBrowser();
}, 180_000);

afterAll(async () => {
  await stopUiSession(started);
});

/** Every cell ran without an error (their statuses in the message when not). */
async function allOk(page: Page): Promise<void> {
  const statuses = await cellStatuses(page);
  const failed = Object.entries(statuses).filter(([, status]) => status !== 'ok');
  expect(failed, JSON.stringify(statuses)).toEqual([]);
}

/** The notebook with an input's default changed, as the command line must be given it. */
function withChoice(text: string, input: string, value: string): string {
  const cell = new RegExp(`(\`\`\`input ${input}\\n[\\s\\S]*?\\nvalue: )\\w+`);
  expect(text).toMatch(cell);
  return text.replace(cell, `$1${value}`);
}

describe.skipIf(!hasShared)('embassy-evidence.md in the browser', () => {
  it('gives the command line’s numbers, and follows the inputs', async () => {
    const { page } = await newPage(started!.browser, started!.app.origin);
    await openApp(page, `${started!.app.url}?notebook=embassy-evidence`);
    await andRun(page, () =>
      page.getByTestId('file-input').setInputFiles(FILES.map((f) => join(SHARED, f))),
    );
    await allOk(page);
    const text = readFileSync(NOTEBOOK, 'utf8');
    const cli = cliResults(text, 'embassy-evidence.md', SHARED);
    expect(cli.status, cli.output).toBe(0);
    expect(differences(comparable(await pageResults(page)), comparable(cli.results))).toEqual([]);

    // Switch the success coding and the measure, as a reader would.
    await andRun(page, () =>
      page.locator('[data-input="coding"] select').selectOption('compliance'),
    );
    await andRun(page, () => page.locator('[data-input="measure"] select').selectOption('strict'));
    await allOk(page);
    const switched = withChoice(withChoice(text, 'coding', 'compliance'), 'measure', 'strict');
    const cliSwitched = cliResults(switched, 'embassy-evidence.md', SHARED);
    const live = comparable(await pageResults(page));
    expect(differences(live, comparable(cliSwitched.results))).toEqual([]);
    // And the numbers did move: the models and the headline rates are those of the new choices.
    expect(live.failure_rates).not.toEqual(cli.results.failure_rates);
    expect(live.m_clustered).not.toEqual(cli.results.m_clustered);
    await page.context().close();
  }, 300_000);
});

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { StatecraftHooks } from '../../src/ui/debug-hooks.ts';
import {
  collectConsoleErrors,
  launchBrowser,
  openApp,
  recordRequests,
  repoRoot,
  startApp,
  type RequestLog,
  type RunningApp,
} from './harness.ts';

/** Helpers shared by the notebook UI tests (ui-*.test.ts). */

type PageWindow = { statecraft: StatecraftHooks };
export type Results = Record<string, unknown> & { _meta: Record<string, unknown> };

export const screenshotDir = join(repoRoot, 'test-results', 'screenshots');

export interface OpenedPage {
  page: Page;
  requests: RequestLog;
  consoleErrors: string[];
}

/** The built app served on a free port, and Chromium; open pages with openAppPage. */
export interface AppAndBrowser {
  app: RunningApp;
  browser: Browser;
}

export interface UiSession extends AppAndBrowser {
  opened: OpenedPage;
  page: Page;
  /** Milliseconds from opening the page to data-state=ready. */
  readyMs: number;
}

export interface PageOptions {
  colorScheme?: 'light' | 'dark';
  deviceScaleFactor?: number;
  /** Lets a test check the page's own escaping, with its Content-Security-Policy off. */
  bypassCSP?: boolean;
}

export async function startAppAndBrowser(): Promise<AppAndBrowser> {
  const app = await startApp();
  try {
    return { app, browser: await launchBrowser() };
  } catch (error) {
    await app.stop();
    throw error;
  }
}

/** A fresh page (see newPage) with the app opened at `query` (e.g. `?blank`) and ready. */
export async function openAppPage(
  { app, browser }: AppAndBrowser,
  query = '',
  options: PageOptions = {},
): Promise<OpenedPage & { readyMs: number }> {
  const opened = await newPage(browser, app.origin, options);
  const readyMs = await openApp(opened.page, `${app.url}${query}`);
  return { ...opened, readyMs };
}

/** Serves the built app, opens it in a fresh Chromium page and waits until it is ready. */
export async function startUiSession(query = '', options: PageOptions = {}): Promise<UiSession> {
  const started = await startAppAndBrowser();
  try {
    const { readyMs, ...opened } = await openAppPage(started, query, options);
    return { ...started, opened, page: opened.page, readyMs };
  } catch (error) {
    // Nobody else holds the browser yet: afterAll never sees a session that failed to start.
    await stopUiSession(started);
    throw error;
  }
}

/**
 * The app and Chromium started once for a test file (beforeAll) and stopped after it; the
 * returned getter hands them to the file's tests.
 */
export function useAppAndBrowser(): () => AppAndBrowser {
  let started: AppAndBrowser | undefined;
  beforeAll(async () => {
    started = await startAppAndBrowser();
  }, 180_000);
  afterAll(async () => {
    await stopUiSession(started);
  });
  return () => {
    if (!started) throw new Error('The app and the browser have not started');
    return started;
  };
}

export async function stopUiSession(session: Partial<AppAndBrowser> | undefined): Promise<void> {
  await session?.browser?.close();
  await session?.app?.stop();
}

/** A fresh context at laptop size, with its requests and console errors recorded. */
export async function newPage(
  browser: Browser,
  origin: string,
  { colorScheme = 'light', deviceScaleFactor = 1, bypassCSP = false }: PageOptions = {},
): Promise<OpenedPage> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    colorScheme,
    deviceScaleFactor,
    bypassCSP,
  });
  const requests = recordRequests(context, origin);
  const page = await context.newPage();
  return { page, requests, consoleErrors: collectConsoleErrors(page) };
}

export function pageResults(page: Page): Promise<Results> {
  return page.evaluate(() =>
    (window as unknown as PageWindow).statecraft.results(),
  ) as Promise<Results>;
}

/** data-status of every cell, by data-cell. */
export function cellStatuses(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('[data-cell]')].map((el) => [
        el.getAttribute('data-cell')!,
        el.getAttribute('data-status')!,
      ]),
    ),
  );
}

export function completedRuns(page: Page): Promise<number> {
  return page.evaluate(() => Number(document.getElementById('app')!.dataset.runs));
}

/** Waits until at least one run finished after `runsBefore` and nothing is running. */
export async function waitForRun(page: Page, runsBefore: number, timeout = 60_000): Promise<void> {
  await page.waitForFunction(
    (before) => {
      const app = document.getElementById('app')!;
      return Number(app.dataset.runs) > before && app.dataset.state !== 'running';
    },
    runsBefore,
    { timeout },
  );
}

/** Does something in the page and waits for the notebook run it causes. */
export async function andRun(
  page: Page,
  action: () => Promise<unknown>,
  timeout?: number,
): Promise<void> {
  const before = await completedRuns(page);
  await action();
  await waitForRun(page, before, timeout);
}

/**
 * Types `text` as a cell's whole body in its code editor (a plain view is clicked first, which
 * mounts the editor) and presses Ctrl+Enter to run it; does not wait for the run.
 */
export async function typeAndRun(page: Page, cell: string, text: string): Promise<void> {
  await page
    .locator(`[data-cell="${cell}"] .cm-content, [data-cell="${cell}"] .plain`)
    .first()
    .click();
  await page.locator(`[data-cell="${cell}"] .cm-content`).click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(text);
  await page.keyboard.press('Control+Enter');
}

/**
 * Picks files made here from text with the app's one file input, and waits for the run (up to
 * `timeout` ms: a large generated notebook takes minutes).
 */
export async function openFiles(
  page: Page,
  files: { name: string; text: string }[],
  timeout?: number,
): Promise<void> {
  await andRun(
    page,
    () =>
      page
        .locator('[data-testid="file-input"]')
        .setInputFiles(
          files.map((f) => ({ name: f.name, mimeType: 'text/plain', buffer: Buffer.from(f.text) })),
        ),
    timeout,
  );
}

/**
 * Runs the command line on a notebook (native DuckDB) and returns its results.json. A run
 * where a cell fails still writes results, so the exit status is returned, not thrown.
 */
export function cliResults(
  notebookText: string,
  fileName: string,
  dataDir: string,
): { results: Results; status: number | null; output: string; svgs: Record<string, string> } {
  const dir = mkdtempSync(join(tmpdir(), 'statecraft-ui-'));
  try {
    const notebook = join(dir, fileName);
    writeFileSync(notebook, notebookText);
    const out = join(dir, 'out');
    const run = spawnSync(
      process.execPath,
      ['bin/statecraft.js', 'run', notebook, '--data', dataDir, '--out', out],
      { cwd: repoRoot, encoding: 'utf8', timeout: 120_000 },
    );
    const output = `${run.stdout}\n${run.stderr}`;
    let results: Results;
    try {
      results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as Results;
    } catch {
      throw new Error(`The CLI wrote no results.json (exit ${run.status}):\n${output}`);
    }
    const svgs = Object.fromEntries(
      readdirSync(out)
        .filter((f) => f.endsWith('.svg'))
        .map((f) => [f, readFileSync(join(out, f), 'utf8')]),
    );
    return { results, status: run.status, output, svgs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The results without `_meta.notebook`, the one field that names where the notebook lives. */
export function comparable(results: Results): Results {
  const copy = structuredClone(results);
  delete copy._meta.notebook;
  return copy;
}

/**
 * Every place two results objects differ, as `path: a ≠ b` lines (empty when equal). A
 * readable list beats a thousand-line diff when one number differs in its last digit.
 * Every table must match exactly: the browser and the command line give the same bits.
 */
export function differences(a: Results, b: Results): string[] {
  return Object.keys({ ...a, ...b }).flatMap((table) =>
    valueDifferences(a[table], b[table], table),
  );
}

function valueDifferences(a: unknown, b: unknown, path: string): string[] {
  if (Object.is(a, b)) return [];
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    if (Array.isArray(a) !== Array.isArray(b)) return [`${path}: array ≠ object`];
    if (Array.isArray(a) && Array.isArray(b) && a.length !== b.length) {
      return [`${path}: ${a.length} rows ≠ ${b.length} rows`];
    }
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((k) =>
      valueDifferences(
        (a as Record<string, unknown>)[k],
        (b as Record<string, unknown>)[k],
        Array.isArray(a) ? `${path}[${k}]` : `${path}.${k}`,
      ),
    );
  }
  return [`${path}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`];
}

export async function screenshot(page: Page, name: string, fullPage = false): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage });
}

export function readRepoFile(path: string): string {
  return readFileSync(join(repoRoot, path), 'utf8');
}

/** Puts `body` between the fences of the cell whose header is "```<kind> <name>". */
export function replaceCellBody(text: string, header: string, body: string): string {
  const lines = text.split('\n');
  const open = lines.findIndex((l) => l.trim() === `\`\`\`${header}`);
  if (open < 0) throw new Error(`No cell ${header}`);
  const close = lines.findIndex((l, i) => i > open && l.trim() === '```');
  lines.splice(open + 1, close - open - 1, ...body.split('\n'));
  return lines.join('\n');
}

/** Clicks something that downloads a file and returns the file's name and text. */
export async function downloadOf(
  page: Page,
  click: () => Promise<void>,
): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

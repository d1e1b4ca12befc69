import type { Page } from 'playwright-core';
import { collectConsoleErrors } from '../test/browser/harness.ts';
import type { BenchWindow } from './pages/api.ts';
import type { BenchPage } from './vite.config.ts';
import type { BenchContext } from './figures/types.ts';

/** A figure (or one of its references) cannot be measured here; the message says why. */
export class Unavailable extends Error {
  override name = 'Unavailable';
}

/**
 * Runs `task` in a new browser context (its own cache, storage and renderer process), so no run
 * benefits from what an earlier run compiled or cached. Page errors are added to a failure.
 */
export async function inFreshContext<T>(
  ctx: BenchContext,
  task: (page: Page) => Promise<T>,
): Promise<T> {
  const browser = await ctx.browser();
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const errors = collectConsoleErrors(page);
    try {
      return await task(page);
    } catch (error) {
      if (errors.length && error instanceof Error && !(error instanceof Unavailable)) {
        error.message += ` (page errors: ${errors.slice(0, 3).join(' | ')})`;
      }
      throw error;
    }
  } finally {
    await context.close();
  }
}

export function requirePage(ctx: BenchContext, name: BenchPage): void {
  const missing = ctx.site.pagesMissing[name];
  if (missing) throw new Unavailable(missing);
}

export function requireApp(ctx: BenchContext): void {
  if (ctx.site.appMissing) throw new Unavailable(ctx.site.appMissing);
}

/** Opens bench.html (or session.html) and waits until its engine is up. */
export async function openBenchPage(
  ctx: BenchContext,
  page: Page,
  name: 'bench' | 'session',
  query = '',
): Promise<void> {
  requirePage(ctx, name);
  await page.goto(`${ctx.url}bench/${name}.html${query}`);
  if (name === 'session') {
    await page.waitForFunction(() => 'benchSession' in window);
    return;
  }
  await page.waitForFunction(() => 'bench' in window);
  await page.evaluate(() => (window as unknown as BenchWindow).bench.ready());
}

/** Milliseconds the page took for one bench.exec(sql). */
export function execInPage(page: Page, sql: string): Promise<number> {
  return page.evaluate(
    async (text) => (await (window as unknown as BenchWindow).bench.exec(text)).ms,
    sql,
  );
}

/**
 * What the file-load figures (csv-load, parquet-load) each do per run: native `loadFile` on the
 * file, and the project's `loadFile` in bench.html on the same file picked with the file input.
 */
import type { Page } from 'playwright-core';
import type { NativeEngine } from '../../src/engine/NativeEngine.ts';
import { ident } from '../../src/engine/sql.ts';
import { loadFile } from '../../src/ingest/index.ts';
import { openBenchPage } from '../browser.ts';
import { errorMessage, time } from '../measure.ts';
import type { BenchWindow } from '../pages/api.ts';
import type { BenchContext, Reference } from './types.ts';

/** Times native `loadFile` of `path` into `table` (then dropped); a failure marks `ref`. */
export async function timeNativeLoad(
  engine: NativeEngine,
  ref: Reference,
  table: string,
  fileName: string,
  path: string,
): Promise<void> {
  if (ref.unavailable) return;
  try {
    const source = { kind: 'path' as const, path };
    ref.runs.push(await time(() => loadFile(engine, { table, fileName, source })));
  } catch (error) {
    ref.unavailable = errorMessage(error);
  }
  await engine.exec(`DROP TABLE IF EXISTS ${ident(table)}`);
}

/** Picks `file` in bench.html and times its load into the table `sanctions`. */
export async function pickAndLoad(ctx: BenchContext, page: Page, file: string) {
  await openBenchPage(ctx, page, 'bench');
  await page.setInputFiles('[data-testid=file-input]', file);
  return page.evaluate(() => (window as unknown as BenchWindow).bench.loadPicked('sanctions'));
}

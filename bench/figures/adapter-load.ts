import { existsSync } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Engine } from '../../src/engine/Engine.ts';
import { ident } from '../../src/engine/sql.ts';
import { COW_LABELS } from '../../src/ingest/adapters/cow-names.ts';
import { loadFile } from '../../src/ingest/index.ts';
import { repoRoot } from '../../test/browser/harness.ts';
import { inFreshContext, requireApp, Unavailable } from '../browser.ts';
import { copyToCsvSql } from '../data.ts';
import { errorMessage, median, ratioOf, time } from '../measure.ts';
import { withNative } from '../native.ts';
import type { BenchContext, Figure, FigureResult, Reference } from './types.ts';
import { unavailableResult } from './types.ts';

const FILE_NAME = 'Diplomatic_Exchange_2006v1.csv';
const SHARED = join(repoRoot, '..', 'shared', 'datasets', FILE_NAME);
const TABLE = 'diplomatic_exchange_2006v1';
const OUTPUTS = [TABLE, `${TABLE}_labelled`, `${TABLE}_dictionary`];
const ROWS = 310_820;
const MAX_RATIO = 4;
const MAX_MS = 3000;
const TIMEOUT = 120_000;

/**
 * A file of Diplomatic Exchange's shape when the real one is absent: its header (so the
 * adapter recognises it by its columns), 310,820 directed dyad-years over 38 sample years,
 * codes 0–3 and 9, about the same 12 MB. Invented values, never the data set's.
 */
function generatedSql(): string {
  // State codes from the adapter's own list, so the names are looked up as in the real file.
  const codes = `[${COW_LABELS.map(([c]) => c).join(', ')}]`;
  const code = (salt: number) =>
    `${codes}[CAST(hash(i * 64 + ${salt}) % ${COW_LABELS.length} AS INTEGER) + 1]`;
  const level = (salt: number) =>
    `([0, 0, 1, 2, 3, 3, 9])[CAST(hash(i * 64 + ${salt}) % 7 AS INTEGER) + 1]`;
  return `SELECT ${code(1)} AS ccode1, ${code(2)} AS ccode2,
    1817 + 5 * CAST(hash(i * 64 + 5) % 38 AS INTEGER) AS year,
    ${level(6)} AS DR_at_1, ${level(7)} AS DR_at_2,
    CAST(hash(i * 64 + 8) % 2 AS INTEGER) AS DE, 2006.0999755859375::DOUBLE AS version
  FROM range(${ROWS}) t(i)`;
}

/** The same work on both sides: row counts of the three outputs and the labels' tallies. */
const CHECK_SQL = `SELECT
  (SELECT count(*) FROM ${ident(TABLE)}) AS raw_rows,
  (SELECT count(*) FROM ${ident(`${TABLE}_dictionary`)}) AS dictionary_rows,
  (SELECT list(x ORDER BY x) FROM (
     SELECT concat_ws('|', a, b, e, unnamed, n) AS x FROM (
       SELECT DR_at_1_label AS a, DR_at_2_label AS b, exchange AS e,
         ccode1_name IS NULL AS unnamed, count(*) AS n
       FROM ${ident(`${TABLE}_labelled`)} GROUP BY ALL))) AS label_tallies`;

/** Picks the file in the blank app; ms from the input's change event until all three tables are listed. */
async function appLoad(ctx: BenchContext, page: Page, file: string): Promise<number> {
  await page.goto(`${ctx.url}?blank`);
  await page.waitForSelector('#app[data-state="ready"]', { timeout: TIMEOUT });
  const input = await page.$('[data-testid=file-input]');
  if (!input) throw new Unavailable('the app has no [data-testid=file-input]');
  // Timed inside the page, so Playwright's round trips never count.
  const listed = page.evaluate(
    ([names, timeout]) =>
      new Promise<number>((resolve, reject) => {
        let started: number | undefined;
        const picker = document.querySelector('[data-testid=file-input]')!;
        picker.addEventListener('change', () => (started ??= performance.now()), {
          capture: true,
        });
        const timer = setTimeout(() => reject(new Error('the tables were not listed')), timeout);
        const observer = new MutationObserver(() => {
          const all = names.every((n) => document.querySelector(`li[data-table="${n}"]`));
          if (!all || started === undefined) return;
          observer.disconnect();
          clearTimeout(timer);
          resolve(performance.now() - started);
        });
        observer.observe(document, { subtree: true, childList: true, attributes: true });
      }),
    [OUTPUTS, TIMEOUT] as const,
  );
  await input.setInputFiles(file);
  return listed;
}

function browserCheck(page: Page): Promise<Record<string, unknown>> {
  return page.evaluate(async (sql) => {
    const hooks = (
      window as unknown as {
        statecraft: { query: (s: string) => Promise<{ rows: Record<string, unknown>[] }> };
      }
    ).statecraft;
    return (await hooks.query(sql)).rows[0];
  }, CHECK_SQL);
}

async function nativeCheck(engine: Engine): Promise<Record<string, unknown>> {
  return (await engine.query(CHECK_SQL)).rows[0];
}

/**
 * Diplomatic Exchange (or a generated file of its shape) picked in the app, its adapter
 * applied, until its raw table, labelled view and dictionary are listed in the data panel.
 * Reference: native loadFile() on the same file with the same adapter (what `statecraft`
 * runs for a dataset), in this process.
 */
export const adapterLoad: Figure = {
  id: 'adapter-load',
  title: 'Open Diplomatic Exchange (adapter applied) until its tables are listed',
  defaultRuns: 3,
  async run(ctx, runs): Promise<FigureResult> {
    const target = `≤ ${MAX_RATIO}× native loadFile and ≤ ${MAX_MS / 1000} s`;
    try {
      requireApp(ctx);
    } catch (error) {
      return unavailableResult(this, 'ms', target, errorMessage(error));
    }
    const real = existsSync(SHARED);
    let file = SHARED;
    if (!real) {
      const dir = join(ctx.tmp, 'adapter-load');
      await mkdir(dir, { recursive: true });
      file = join(dir, FILE_NAME);
      await withNative((engine) => engine.exec(copyToCsvSql(generatedSql(), file)));
      ctx.log(`  ${SHARED} is absent: a generated file of the same shape stands in`);
    }
    const native: Reference = { label: 'native loadFile()', unit: 'ms', median: null, runs: [] };
    const times: number[] = [];
    let problem: string | undefined;
    let nativeResult: Record<string, unknown> | undefined;
    let browserResult: Record<string, unknown> | undefined;
    // Native and browser take turns, so a busy spell on the machine hits both sides.
    for (let run = 0; run < runs; run++) {
      await withNative(async (engine) => {
        const source = { kind: 'path' as const, path: file };
        native.runs.push(
          await time(() => loadFile(engine, { table: TABLE, fileName: FILE_NAME, source })),
        );
        nativeResult ??= await nativeCheck(engine);
      });
      try {
        await inFreshContext(ctx, async (page) => {
          times.push(await appLoad(ctx, page, file));
          browserResult ??= await browserCheck(page);
        });
      } catch (error) {
        problem ??= errorMessage(error);
      }
      const show = (values: number[]) => values.at(-1)?.toFixed(0) ?? '—';
      ctx.log(`  run ${run + 1}: app ${show(times)} ms, native loadFile ${show(native.runs)} ms`);
    }
    native.median = median(native.runs);
    const value = median(times);
    const ratio = ratioOf(value, native.median);
    const same = JSON.stringify(browserResult) === JSON.stringify(nativeResult);
    if (browserResult && !same) problem ??= 'the page and native DuckDB built different tables';
    return {
      id: this.id,
      title: this.title,
      unit: 'ms',
      value,
      runs: times,
      references: [native],
      ratio,
      target,
      pass: value !== null && ratio !== null ? same && ratio <= MAX_RATIO && value <= MAX_MS : null,
      ...(problem ? { unavailable: problem } : {}),
      details: {
        file: real
          ? 'the real Diplomatic_Exchange_2006v1.csv (../shared)'
          : 'generated, same shape',
        bytes: (await stat(file)).size,
        sameTablesAsNative: same,
        rawRows: nativeResult?.raw_rows,
        measuredAs:
          'app (?blank, fresh browser context): the file input’s change event → raw table, labelled view and dictionary all listed in the data panel; native: loadFile() in the bench process',
      },
    };
  },
};

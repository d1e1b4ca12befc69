import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueryResult } from '../../src/engine/Engine.ts';
import { NativeEngine } from '../../src/engine/NativeEngine.ts';
import { ident } from '../../src/engine/sql.ts';
import { loadFile, tableNameFromFile } from '../../src/ingest/index.ts';
import type { StatecraftHooks } from '../../src/ui/debug-hooks.ts';
import { launchBrowser, openApp, startApp, type RunningApp } from './harness.ts';

/**
 * The real datasets dropped into the built app load into DuckDB-WASM as exactly the tables
 * native DuckDB builds from the same files on the command line: names, types and values.
 */

const SHARED = resolve('../shared/datasets');
const FILES = [
  'TIESv4-1.xls',
  'DCID_2.0_Release_update_February_2023.xlsx',
  'COW-country-codes.csv',
  'Diplomatic_Exchange_2006v1.csv',
  'GSDB_V3.csv',
  'cfr_cyber_operations_incidents_2005-2022.csv',
];
const present = existsSync(SHARED);
if (!present) console.warn(`notice: ${SHARED} is absent; browser ingest parity tests skipped`);

let app: RunningApp;
let browser: Browser;
let page: Page;
let native: NativeEngine;
const tables: string[] = [];

function inBrowser(sql: string): Promise<QueryResult> {
  return page.evaluate(
    (text) => (window as unknown as { statecraft: StatecraftHooks }).statecraft.query(text),
    sql,
  );
}

/** Column names and types, row count, and an order-free fingerprint of every column's values. */
function fingerprintSql(columns: { name: string }[], table: string): string {
  const sums = columns.map((c, i) => `sum(hash(${ident(c.name)}))::DOUBLE AS h${i}`);
  return `SELECT count(*) AS n, ${sums.join(', ')} FROM ${ident(table)}`;
}

describe.skipIf(!present)('real datasets in the browser', () => {
  beforeAll(async () => {
    native = await NativeEngine.create();
    for (const file of FILES) {
      const result = await loadFile(native, {
        table: tableNameFromFile(file),
        fileName: file,
        source: { kind: 'path', path: join(SHARED, file) },
      });
      tables.push(...result.tables.map((t) => t.name));
    }
    app = await startApp();
    browser = await launchBrowser();
    page = await (await browser.newContext()).newPage();
    await openApp(page, `${app.url}?blank`);
    await page.setInputFiles(
      '[data-testid="file-input"]',
      FILES.map((f) => join(SHARED, f)),
    );
    // Poll from Node: the page is ready once every table exists and the app is idle again.
    const deadline = Date.now() + 240_000;
    for (;;) {
      const state = await page.getAttribute('#app', 'data-state');
      const { rows } = await inBrowser(
        "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'main'",
      );
      if (state === 'ready' && Number(rows[0].n) >= tables.length) break;
      if (state === 'error' || Date.now() > deadline) {
        throw new Error(`files did not load: state ${state}, ${rows[0].n} tables`);
      }
      await new Promise((done) => setTimeout(done, 500));
    }
  }, 300_000);

  afterAll(async () => {
    await native?.close();
    await browser?.close();
    await app?.stop();
  });

  it("loads Diplomatic Exchange's 310,820 rows", async () => {
    const { rows } = await inBrowser('SELECT count(*) AS n FROM diplomatic_exchange_2006v1');
    expect(rows[0].n).toBe(310_820);
  });

  it('builds every table with the same names, types and values as native DuckDB', async () => {
    expect(tables.length).toBeGreaterThanOrEqual(FILES.length);
    for (const table of tables) {
      const describeSql = `DESCRIBE ${ident(table)}`;
      const nativeColumns = (await native.query(describeSql)).rows;
      const browserColumns = (await inBrowser(describeSql)).rows;
      expect(browserColumns, `columns of ${table}`).toEqual(nativeColumns);
      const columns = nativeColumns.map((r) => ({ name: String(r.column_name) }));
      const sql = fingerprintSql(columns, table);
      const browserRows = await inBrowser(sql).catch((error: unknown) => {
        throw new Error(`${table}: ${String(error)}`);
      });
      expect(browserRows.rows, `values of ${table}`).toEqual((await native.query(sql)).rows);
    }
  });
});

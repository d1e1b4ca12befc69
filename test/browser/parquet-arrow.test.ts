import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueryResult } from '../../src/engine/Engine.ts';
import { NativeEngine } from '../../src/engine/NativeEngine.ts';
import { ident, literal } from '../../src/engine/sql.ts';
import { loadFile, tableNameFromFile } from '../../src/ingest/index.ts';
import type { StatecraftHooks } from '../../src/ui/debug-hooks.ts';
import { COLUMNS, fixtureSelect } from '../ingest/parquet-fixture.ts';
import { markAdjustedToUtc } from '../ingest/parquet-helpers.ts';
import { startUiSession, stopUiSession, type UiSession } from './ui-helpers.ts';

/**
 * The browser's fast Parquet path (parquet-wasm in a worker, DuckDB-WASM's Arrow insert) builds
 * exactly the table native read_parquet builds, and files it cannot build exactly still load
 * through the JavaScript reader. Which reader ran is read from the page's performance mark.
 */

interface ParquetFile {
  name: string;
  select: string;
  options?: string;
  /** The reader the page must use for it. */
  reader: 'arrow' | 'javascript';
  utcNanos?: boolean;
}

const FILES: ParquetFile[] = [
  {
    // The parquet-load bench's kinds of columns, over several row groups.
    name: 'bench-kinds.parquet',
    select: `SELECT i AS id, 'country_' || (i % 1000) AS country,
        ['Europe', 'Asia', NULL][i % 3 + 1] AS region, (1946 + i % 60)::INTEGER AS year,
        DATE '1946-01-01' + (i % 21900)::INTEGER AS start_date,
        CASE WHEN i % 13 = 0 THEN NULL ELSE (hash(i) % 1000)::DOUBLE / 7 END AS score,
        i % 3 = 0 AS sanctioned FROM range(250000) t(i)`,
    options: 'COMPRESSION zstd, ROW_GROUP_SIZE 100000',
    reader: 'arrow',
  },
  {
    name: 'flat-types.parquet',
    select: fixtureSelect(COLUMNS.filter((c) => c.type !== 'UUID' && c.type !== 'INTERVAL')),
    options: 'COMPRESSION snappy',
    reader: 'arrow',
  },
  {
    name: 'utc-nanos.parquet',
    select: `SELECT CAST(v AS TIMESTAMP_NS) AS t FROM (VALUES ('2020-01-01 00:00:00.123456789'),
        ('1969-12-31 23:59:59.999999999'), (NULL), ('1900-06-01 12:00:00.000000001')) v(v)`,
    reader: 'arrow',
    utcNanos: true,
  },
  // UUID and INTERVAL are built from bytes arrow-rs hands over otherwise: the JavaScript reader.
  { name: 'all-types.parquet', select: fixtureSelect(COLUMNS), reader: 'javascript' },
];

let session: UiSession;
let native: NativeEngine;
let dir: string;

function queryIn(page: Page, sql: string): Promise<QueryResult> {
  return page.evaluate(
    (text) => (window as unknown as { statecraft: StatecraftHooks }).statecraft.query(text),
    sql,
  );
}

/** Picks one file and waits for its table; returns the reader the page's mark names. */
async function loadInPage(page: Page, path: string, table: string): Promise<string> {
  await page.evaluate(() => performance.clearMarks());
  await page.setInputFiles('[data-testid="file-input"]', path);
  const count = `SELECT count(*) AS n FROM information_schema.tables WHERE table_name = ${literal(table)}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    const state = await page.getAttribute('#app', 'data-state');
    const { rows } = await queryIn(page, count);
    if (state === 'ready' && Number(rows[0].n) === 1) break;
    if (state === 'error' || Date.now() > deadline) throw new Error(`${path}: state ${state}`);
    await new Promise((done) => setTimeout(done, 100));
  }
  const [reader, misfits] = await page.evaluate(() =>
    ['statecraft:parquet-reader', 'statecraft:parquet-misfits'].map((name) =>
      performance
        .getEntriesByName(name)
        .map((m) => String((m as PerformanceMark).detail))
        .join(','),
    ),
  );
  return misfits ? `${reader} (${misfits})` : reader;
}

/** Every value as text in file order; time-zone types (printed in the session's zone) hashed. */
function valuesSql(columns: { column_name: unknown; column_type: unknown }[], table: string) {
  const select = columns.map((c) => {
    const name = ident(String(c.column_name));
    return String(c.column_type).includes('WITH TIME ZONE')
      ? `CAST(hash(${name}) AS VARCHAR) AS ${name}`
      : `CAST(${name} AS VARCHAR) AS ${name}`;
  });
  return `SELECT ${select.join(', ')} FROM ${ident(table)}`;
}

const readers = new Map<string, string>();

beforeAll(async () => {
  native = await NativeEngine.create();
  dir = mkdtempSync(join(tmpdir(), 'parquet-arrow-'));
  for (const file of FILES) {
    const path = join(dir, file.name);
    const options = ['FORMAT parquet', file.options].filter(Boolean).join(', ');
    await native.exec(`COPY (${file.select}) TO ${literal(path)} (${options})`);
    if (file.utcNanos) markAdjustedToUtc(path, 'NANOS');
    const table = tableNameFromFile(file.name);
    await loadFile(native, { table, fileName: file.name, source: { kind: 'path', path } });
  }
  session = await startUiSession('?blank');
  for (const file of FILES) {
    const table = tableNameFromFile(file.name);
    readers.set(file.name, await loadInPage(session.page, join(dir, file.name), table));
  }
}, 300_000);

afterAll(async () => {
  await native?.close();
  await stopUiSession(session);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('Parquet through Arrow in the browser', () => {
  it.each(FILES.map((f) => [f.name, f] as const))(
    '%s: the expected reader builds read_parquet’s exact table',
    async (name, file) => {
      expect(readers.get(name)).toBe(file.reader);
      const table = tableNameFromFile(name);
      const describeSql = `DESCRIBE ${ident(table)}`;
      const nativeColumns = (await native.query(describeSql)).rows;
      expect((await queryIn(session.page, describeSql)).rows).toEqual(nativeColumns);
      const sql = valuesSql(
        nativeColumns as { column_name: unknown; column_type: unknown }[],
        table,
      );
      const browserRows = (await queryIn(session.page, sql)).rows;
      expect(browserRows.length).toBeGreaterThan(0);
      expect(browserRows).toEqual((await native.query(sql)).rows);
    },
  );
});

describe('Cancel during a Parquet load through Arrow', () => {
  it('stops the load, keeps no table, and the next file loads', async () => {
    const page = session.page;
    const path = join(dir, 'cancelled.parquet');
    await native.exec(
      `COPY (${FILES[0].select.replace('range(250000)', 'range(3000000)')}) TO ${literal(path)}
       (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 100000)`,
    );
    await page.setInputFiles('[data-testid="file-input"]', path);
    const progress = page.locator('[data-testid="load-progress"]');
    await progress.waitFor({ timeout: 30_000 });
    // Well into the row groups: the worker decodes while DuckDB inserts.
    await new Promise((done) => setTimeout(done, 400));
    await page.locator('[data-testid="cancel-load"]').click();
    await progress.waitFor({ state: 'detached', timeout: 30_000 });
    await page.waitForSelector('#app[data-state="ready"]');
    expect(await page.locator('.notice').innerText()).toContain('cancelled');
    const { rows } = await queryIn(
      page,
      "SELECT count(*) AS n FROM information_schema.tables WHERE table_name LIKE 'cancelled%'",
    );
    expect(rows[0].n).toBe(0);
    const again = join(dir, 'again.parquet');
    await native.exec(`COPY (${FILES[0].select}) TO ${literal(again)} (FORMAT parquet)`);
    expect(await loadInPage(page, again, 'again')).toBe('arrow');
  });
});

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueryResult } from '../../src/engine/Engine.ts';
import { NativeEngine } from '../../src/engine/NativeEngine.ts';
import { ident, literal } from '../../src/engine/sql.ts';
import { loadFile, tableNameFromFile } from '../../src/ingest/index.ts';
import type { StatecraftHooks } from '../../src/ui/debug-hooks.ts';
import { COLUMNS, fixtureSelect } from '../ingest/parquet-fixture.ts';
import { startUiSession, stopUiSession, type UiSession } from './ui-helpers.ts';

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

let session: UiSession;
let native: NativeEngine;
const tables: string[] = [];

function queryIn(page: Page, sql: string): Promise<QueryResult> {
  return page.evaluate(
    (text) => (window as unknown as { statecraft: StatecraftHooks }).statecraft.query(text),
    sql,
  );
}

const inBrowser = (sql: string) => queryIn(session.page, sql);

/**
 * Picks `paths` with the page's file input, then polls from Node: the page is ready once
 * `countSql` counts `tableCount` tables and the app is idle again.
 */
async function loadInPage(
  page: Page,
  paths: string[],
  countSql: string,
  tableCount: number,
): Promise<void> {
  await page.setInputFiles('[data-testid="file-input"]', paths);
  const deadline = Date.now() + 240_000;
  for (;;) {
    const state = await page.getAttribute('#app', 'data-state');
    const { rows } = await queryIn(page, countSql);
    if (state === 'ready' && Number(rows[0].n) >= tableCount) return;
    if (state === 'error' || Date.now() > deadline) {
      throw new Error(`files did not load: state ${state}, ${rows[0].n} tables`);
    }
    await new Promise((done) => setTimeout(done, 250));
  }
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
    session = await startUiSession('?blank');
    await loadInPage(
      session.page,
      FILES.map((f) => join(SHARED, f)),
      "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'main'",
      tables.length,
    );
  }, 300_000);

  afterAll(async () => {
    await native?.close();
    await stopUiSession(session);
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

/**
 * DuckDB-WASM has no parquet extension: the browser decodes Parquet with hyparquet. Files
 * written here by native DuckDB (every supported type; a multi-row-group file) must become
 * the tables native read_parquet builds on the command line.
 */
describe('Parquet in the browser', () => {
  let dir: string;
  let parquetSession: UiSession;
  let engine: NativeEngine;
  const parquetFiles = ['parquet-types.parquet', 'parquet-rows.parquet'];
  const parquetTables = parquetFiles.map((f) => tableNameFromFile(f));
  // JSON rides along: the same parser runs in both engines, so the tables must be identical.
  const jsonFiles = ['cases-array.json', 'cases-lines.ndjson'];
  const jsonTables = jsonFiles.map((f) => tableNameFromFile(f));
  const allFiles = [...parquetFiles, ...jsonFiles];
  const allTables = [...parquetTables, ...jsonTables];

  const browserQuery = (sql: string) => queryIn(parquetSession.page, sql);

  beforeAll(async () => {
    engine = await NativeEngine.create();
    dir = mkdtempSync(join(tmpdir(), 'parquet-parity-'));
    const [typesPath, rowsPath] = parquetFiles.map((f) => join(dir, f));
    await engine.exec(
      `COPY (${fixtureSelect(COLUMNS)}) TO ${literal(typesPath)} (FORMAT parquet, COMPRESSION snappy)`,
    );
    await engine.exec(
      `COPY (SELECT i AS caseid, hash(i) AS code, (hash(i) % 1000)::DOUBLE / 7 AS score,
              md5(i::VARCHAR) AS label, DATE '1990-01-01' + (i % 9000)::INTEGER AS start_date,
              CASE WHEN i % 5 = 0 THEN NULL ELSE (i % 2 = 0) END AS success
            FROM range(200000) t(i))
       TO ${literal(rowsPath)} (FORMAT parquet, COMPRESSION zstd)`,
    );
    const cases = `SELECT i AS caseid, 'sender ' || (i % 7) AS sender, i % 3 = 0 AS imposed,
        (i % 100) / 8 AS cost, CASE WHEN i % 4 = 0 THEN NULL ELSE DATE '2000-01-01' + i::INTEGER END
        AS started, [i, i + 1] AS codes FROM range(5000) t(i)`;
    await engine.exec(
      `COPY (${cases}) TO ${literal(join(dir, jsonFiles[0]))} (FORMAT json, ARRAY true)`,
    );
    await engine.exec(`COPY (${cases}) TO ${literal(join(dir, jsonFiles[1]))} (FORMAT json)`);
    for (const [i, file] of allFiles.entries()) {
      await loadFile(engine, {
        table: allTables[i],
        fileName: file,
        source: { kind: 'path', path: join(dir, file) },
      });
    }
    parquetSession = await startUiSession('?blank');
    const started = performance.now();
    await loadInPage(
      parquetSession.page,
      allFiles.map((f) => join(dir, f)),
      `SELECT count(*) AS n FROM information_schema.tables WHERE table_name IN (${allTables.map((t) => literal(t)).join(', ')})`,
      allTables.length,
    );
    const loadSeconds = (performance.now() - started) / 1000;
    console.log(`browser Parquet load (both files, 200,028 rows): ${loadSeconds.toFixed(1)} s`);
  }, 300_000);

  afterAll(async () => {
    await engine?.close();
    await stopUiSession(parquetSession);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('builds the same columns, types and values as read_parquet on the command line', async () => {
    for (const table of parquetTables) {
      const describeSql = `DESCRIBE ${ident(table)}`;
      const nativeColumns = (await engine.query(describeSql)).rows;
      expect((await browserQuery(describeSql)).rows, `columns of ${table}`).toEqual(nativeColumns);
      const columns = nativeColumns.map((r) => ({ name: String(r.column_name) }));
      const sql = fingerprintSql(columns, table);
      expect((await browserQuery(sql)).rows, `values of ${table}`).toEqual(
        (await engine.query(sql)).rows,
      );
    }
  });

  it('builds the same JSON and NDJSON tables as the command line', async () => {
    for (const table of jsonTables) {
      const describeSql = `DESCRIBE ${ident(table)}`;
      const nativeColumns = (await engine.query(describeSql)).rows;
      // JSON has no date type: ISO dates stay text; a list is kept as its JSON text.
      expect(nativeColumns.map((c) => c.column_type)).toEqual([
        'BIGINT',
        'VARCHAR',
        'BOOLEAN',
        'DOUBLE',
        'VARCHAR',
        'VARCHAR',
      ]);
      expect((await browserQuery(describeSql)).rows, `columns of ${table}`).toEqual(nativeColumns);
      const sql = `SELECT * FROM ${ident(table)} ORDER BY caseid`;
      const browserRows = (await browserQuery(sql)).rows;
      expect(browserRows).toHaveLength(5000);
      expect(browserRows, `values of ${table}`).toEqual((await engine.query(sql)).rows);
    }
  });

  it('keeps every value of every type exactly, row by row', async () => {
    const table = parquetTables[0];
    const columns = (await engine.query(`DESCRIBE ${ident(table)}`)).rows;
    expect(columns.map((c) => c.column_type)).toContain('DECIMAL(38,10)');
    // Time-zone types print in the session's zone, so they are compared as instants.
    const select = columns
      .map((c) => {
        const name = ident(String(c.column_name));
        return String(c.column_type).includes('WITH TIME ZONE')
          ? `CAST(hash(${name}) AS VARCHAR) AS ${name}`
          : `CAST(${name} AS VARCHAR) AS ${name}`;
      })
      .join(', ');
    const sql = `SELECT ${select} FROM ${ident(table)}`;
    const browserRows = (await browserQuery(sql)).rows;
    expect(browserRows).toHaveLength(COLUMNS[0].values.length);
    expect(browserRows).toEqual((await engine.query(sql)).rows);
  });
});

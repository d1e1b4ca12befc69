import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueryResult } from '../../src/engine/Engine.ts';
import { NativeEngine } from '../../src/engine/NativeEngine.ts';
import { ident } from '../../src/engine/sql.ts';
import { loadFile, tableNameFromFile } from '../../src/ingest/index.ts';
import type { StatecraftHooks } from '../../src/ui/debug-hooks.ts';
import { STATA_CSV, stataWithExtendedMissing } from '../ingest/missing-files.ts';
import { startUiSession, stopUiSession, type UiSession } from './ui-helpers.ts';

/**
 * Missing values read at load (R's bare NA, a Stata export's `.`, Stata's `.a`/`.b`) come out
 * the same in DuckDB-WASM as on the command line: same types, same NULLs, same values.
 */
const FILES = ['r-na.csv', 'stata-dots.csv', 'survey.dta'];

describe('missing values in the browser and on the command line', () => {
  let dir: string;
  let session: UiSession;
  let native: NativeEngine;
  const inBrowser = (sql: string): Promise<QueryResult> =>
    session.page.evaluate(
      (text) => (window as unknown as { statecraft: StatecraftHooks }).statecraft.query(text),
      sql,
    );

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'missing-parity-'));
    copyFileSync(resolve('test/fixtures/ingest/r-na.csv'), join(dir, 'r-na.csv'));
    writeFileSync(join(dir, 'stata-dots.csv'), STATA_CSV);
    writeFileSync(join(dir, 'survey.dta'), stataWithExtendedMissing());
    native = await NativeEngine.create();
    for (const file of FILES) {
      await loadFile(native, {
        table: tableNameFromFile(file),
        fileName: file,
        source: { kind: 'path', path: join(dir, file) },
      });
    }
    session = await startUiSession('?blank');
    await session.page.setInputFiles(
      '[data-testid="file-input"]',
      FILES.map((f) => join(dir, f)),
    );
    const names = FILES.map((f) => `'${tableNameFromFile(f)}'`).join(', ');
    for (;;) {
      const state = await session.page.getAttribute('#app', 'data-state');
      const { rows } = await inBrowser(
        `SELECT count(*) AS n FROM information_schema.tables WHERE table_name IN (${names})`,
      );
      if (state === 'ready' && Number(rows[0].n) === FILES.length) break;
      if (state === 'error') throw new Error('the files did not load in the page');
      await new Promise((done) => setTimeout(done, 250));
    }
  }, 300_000);

  afterAll(async () => {
    await native?.close();
    await stopUiSession(session);
    rmSync(dir, { recursive: true, force: true });
  });

  it('builds the same types and values, NULLs in the same places', async () => {
    for (const file of FILES) {
      const table = ident(tableNameFromFile(file));
      const describeSql = `DESCRIBE ${table}`;
      expect((await inBrowser(describeSql)).rows, file).toEqual(
        (await native.query(describeSql)).rows,
      );
      const all = `SELECT * FROM ${table} ORDER BY ALL`;
      expect((await inBrowser(all)).rows, file).toEqual((await native.query(all)).rows);
    }
    const counts = `SELECT count(*) - count(x1) AS x1, count(*) - count(grp) AS grp, count(*) FILTER (WHERE iso = 'NA') AS namibia FROM r_na`;
    expect((await inBrowser(counts)).rows).toEqual([{ x1: 50, grp: 30, namibia: 200 }]);
    const survey = 'SELECT count(trust) AS trust, count(income) AS income FROM survey';
    expect((await inBrowser(survey)).rows).toEqual([{ trust: 1, income: 3 }]);
  });

  it("the column profile says which of a Stata column's missing values were .a and .b", async () => {
    const page = session.page;
    const entry = page.locator('.data-panel [data-table="survey"]');
    await entry.locator('summary').click();
    await entry.locator('[data-column="trust"] button.column').click();
    const codes = page.locator('[data-profile="trust"] [data-stat="extended-missing"]');
    await codes.waitFor();
    expect(await codes.textContent()).toBe('of which .a 2, .b 1');
  });
});

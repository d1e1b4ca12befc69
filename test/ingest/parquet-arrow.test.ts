import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readParquet } from 'parquet-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NativeEngine } from '../../src/engine/NativeEngine.ts';
import { ident } from '../../src/engine/sql.ts';
import { createEngine } from './helpers.ts';
import { COLUMNS, fixtureSelect } from './parquet-fixture.ts';
import { columnsOf, readNatively, rowsAsText, writeParquet } from './parquet-helpers.ts';

/**
 * Engine.insertArrowIPC on the native engine, fed what the browser's fast Parquet path feeds
 * DuckDB-WASM: parquet-wasm's Arrow IPC streams of files native DuckDB wrote. Casting to
 * read_parquet's types as INSERT does must give read_parquet's table exactly.
 */

let engine: NativeEngine;
let dir: string;
beforeAll(async () => {
  engine = await createEngine();
  dir = mkdtempSync(join(tmpdir(), 'ingest-parquet-arrow-'));
});
afterAll(async () => {
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The file's row groups through Arrow into an empty table of read_parquet's columns. */
async function throughArrow(path: string, rowGroups: number): Promise<void> {
  const bytes = new Uint8Array(readFileSync(path));
  await engine.exec('CREATE OR REPLACE TABLE arrow AS SELECT * FROM native LIMIT 0');
  for (let group = 0; group < rowGroups; group++) {
    const ipc = readParquet(bytes, { rowGroups: [group] }).intoIPCStream();
    await engine.insertArrowIPC('arrow', ipc, { create: false });
  }
}

describe('Arrow IPC into the native engine', () => {
  it("builds read_parquet's table from the bench's kinds of columns, over row groups", async () => {
    const path = join(dir, 'rows.parquet');
    await writeParquet(
      engine,
      `SELECT i AS id, 'country_' || (i % 1000) AS country, ['Europe', 'Asia', NULL][i % 3 + 1] AS region,
              (1946 + i % 60)::INTEGER AS year, DATE '1946-01-01' + (i % 21900)::INTEGER AS start_date,
              CASE WHEN i % 13 = 0 THEN NULL ELSE (hash(i) % 1000)::DOUBLE / 7 END AS score,
              i % 3 = 0 AS sanctioned
       FROM range(250000) t(i)`,
      path,
      'FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 100000',
    );
    await readNatively(engine, path, 'native');
    await throughArrow(path, 3);
    expect(await columnsOf(engine, 'arrow')).toEqual(await columnsOf(engine, 'native'));
    const sums = `SELECT count(*) AS n, sum(hash(COLUMNS(*)))::DOUBLE FROM ${ident('TABLE')}`;
    expect((await engine.query(sums.replace('"TABLE"', 'arrow'))).rows).toEqual(
      (await engine.query(sums.replace('"TABLE"', 'native'))).rows,
    );
  });

  it('keeps every value of the flat types the fast path takes', async () => {
    // UUID and INTERVAL never take the fast path (arrow-load.ts), so they are left out here.
    const columns = COLUMNS.filter((c) => c.type !== 'UUID' && c.type !== 'INTERVAL');
    const path = join(dir, 'types.parquet');
    await writeParquet(engine, fixtureSelect(columns), path);
    await readNatively(engine, path, 'native');
    await throughArrow(path, 1);
    expect(await columnsOf(engine, 'arrow')).toEqual(await columnsOf(engine, 'native'));
    expect(await rowsAsText(engine, 'arrow')).toEqual(await rowsAsText(engine, 'native'));
  });

  it('creates a table with the types DuckDB gives Arrow types, and refuses what it cannot type', async () => {
    const path = join(dir, 'ms.parquet');
    await writeParquet(
      engine,
      `SELECT TIMESTAMP_MS '2001-09-09 01:46:40.123' AS t, 1::UTINYINT AS u`,
      path,
    );
    const bytes = new Uint8Array(readFileSync(path));
    await engine.insertArrowIPC('created', readParquet(bytes).intoIPCStream(), { create: true });
    expect(await columnsOf(engine, 'created')).toEqual([
      { name: 't', type: 'TIMESTAMP_MS' },
      { name: 'u', type: 'UTINYINT' },
    ]);
    await expect(
      engine.insertArrowIPC('bad', new Uint8Array([1, 2, 3, 4]), { create: true }),
    ).rejects.toThrow();
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NativeEngine } from '../../src/engine/NativeEngine.ts';
import { createEngine, rows } from './helpers.ts';
import { COLUMNS, EXPECTED_TYPES, fixtureSelect } from './parquet-fixture.ts';
import {
  columnsOf,
  markAdjustedToUtc,
  readInJs,
  readNatively,
  rowsAsText,
  writeParquet,
} from './parquet-helpers.ts';

/**
 * The browser's Parquet path (hyparquet → DuckDB) builds the table native DuckDB's
 * read_parquet builds from the same file: names, types and every value, compared as DuckDB
 * prints them. The files are written by native DuckDB itself, into a temporary folder.
 */

let engine: NativeEngine;
let dir: string;
beforeAll(async () => {
  engine = await createEngine();
  dir = mkdtempSync(join(tmpdir(), 'ingest-parquet-types-'));
});
afterAll(async () => {
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
});

async function expectSameTables(path: string): Promise<void> {
  await readNatively(engine, path, 'native');
  await readInJs(engine, path, 'js');
  expect(await columnsOf(engine, 'js')).toEqual(await columnsOf(engine, 'native'));
  expect(await rowsAsText(engine, 'js')).toEqual(await rowsAsText(engine, 'native'));
}

describe('Parquet decoded in JavaScript', () => {
  it('gives every common type the type and values of native read_parquet', async () => {
    const path = join(dir, 'types.parquet');
    await writeParquet(engine, fixtureSelect(COLUMNS), path);
    await expectSameTables(path);
    const columns = await columnsOf(engine, 'js');
    expect(columns.map((c) => c.type)).toEqual(EXPECTED_TYPES);
    expect(columns.map((c) => c.name)).toEqual(COLUMNS.map((c) => c.name));
    // Values a rounding step would have changed.
    const [first, , third, fourth] = await rowsAsText(engine, 'js');
    expect(fourth.big).toBe('9007199254740993');
    expect(first.dec4).toBe('-1234567890123456789012345678.0123456789');
    expect(first.ts_ns).toBe('2020-01-01 00:00:00.123456789');
    expect(first.ts).toBe('1969-12-31 23:59:59.999999');
    expect(fourth.ubig).toBe('9223372036854775808');
    expect(Object.values(third).every((v) => v === null)).toBe(true);
    expect(
      await rows(
        engine,
        "SELECT count(*) AS n FROM js WHERE real::VARCHAR = '-0.0' OR isnan(real)",
      ),
    ).toEqual([{ n: 2 }]);
  });

  it.each(['uncompressed', 'snappy', 'gzip', 'zstd', 'brotli', 'lz4_raw'])(
    'reads %s-compressed files',
    async (codec) => {
      const path = join(dir, `types-${codec}.parquet`);
      await writeParquet(
        engine,
        fixtureSelect(COLUMNS),
        path,
        `FORMAT parquet, COMPRESSION ${codec}`,
      );
      const { rows: compression } = await engine.query(
        `SELECT DISTINCT compression FROM parquet_metadata('${path}')`,
      );
      expect(compression).toEqual([{ compression: codec.toUpperCase() }]);
      await expectSameTables(path);
    },
  );

  it('reads dictionary-encoded and plain pages alike', async () => {
    const path = join(dir, 'dictionary.parquet');
    // Few distinct values: DuckDB writes dictionary pages; many: plain pages.
    await writeParquet(
      engine,
      `SELECT i, ['Atlantis', 'Borduria', NULL][i % 3 + 1] AS sender, 'case ' || i AS label,
              (i % 7)::DOUBLE / 4 AS score FROM range(5000) t(i)`,
      path,
    );
    const { rows: encodings } = await engine.query(
      `SELECT path_in_schema, encodings FROM parquet_metadata('${path}') ORDER BY 1`,
    );
    expect(encodings.find((r) => r.path_in_schema === 'sender')?.encodings).toMatch(/DICTIONARY/);
    await expectSameTables(path);
  });

  it('treats timestamps marked as UTC as TIMESTAMP WITH TIME ZONE, in every unit', async () => {
    for (const [unit, type] of [
      ['MILLIS', 'TIMESTAMP_MS'],
      ['NANOS', 'TIMESTAMP_NS'],
    ] as const) {
      const path = join(dir, `utc-${unit}.parquet`);
      await writeParquet(
        engine,
        `SELECT CAST(v AS ${type}) AS t FROM (VALUES ('2020-01-01 00:00:00.123456789'),
           ('1969-12-31 23:59:59.999999999'), (NULL), ('1900-06-01 12:00:00.000000001')) v(v)`,
        path,
      );
      markAdjustedToUtc(path, unit);
      await expectSameTables(path);
      expect((await columnsOf(engine, 'js'))[0].type).toBe('TIMESTAMP WITH TIME ZONE');
    }
  });

  it('reads times marked as UTC as TIME WITH TIME ZONE', async () => {
    const path = join(dir, 'time-utc.parquet');
    await writeParquet(
      engine,
      `SELECT CAST(v AS TIME) AS t FROM (VALUES ('12:00:00.25'), (NULL), ('23:59:59.999999')) v(v)`,
      path,
    );
    markAdjustedToUtc(path, 'MICROS');
    await expectSameTables(path);
    expect((await columnsOf(engine, 'js'))[0].type).toBe('TIME WITH TIME ZONE');
  });

  it('loads JSON columns as text and says that the command line types them JSON', async () => {
    const path = join(dir, 'json.parquet');
    await writeParquet(
      engine,
      `SELECT CAST(v AS JSON) AS doc FROM (VALUES ('{"a": [1, 2]}'), (NULL), ('"x"')) v(v)`,
      path,
    );
    await readNatively(engine, path, 'native');
    const result = await readInJs(engine, path, 'js');
    expect((await columnsOf(engine, 'native'))[0].type).toBe('JSON');
    expect(await columnsOf(engine, 'js')).toEqual([{ name: 'doc', type: 'VARCHAR' }]);
    expect(await rowsAsText(engine, 'js')).toEqual(await rowsAsText(engine, 'native'));
    expect(result.warnings).toEqual([
      'Column "doc" holds JSON text (DuckDB with its json extension, as on the command line, gives it the JSON type); it was loaded as VARCHAR.',
    ]);
  });
});

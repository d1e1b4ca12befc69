import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine, FileSource } from '../../src/engine/Engine.ts';
import type { NativeEngine } from '../../src/engine/NativeEngine.ts';
import { loadFile } from '../../src/ingest/index.ts';
import { loadParquetInJs } from '../../src/ingest/parquet/load-parquet.ts';
import { createEngine, rows } from './helpers.ts';
import {
  columnsOf,
  readInJs,
  readNatively,
  renameInFooter,
  rowsAsText,
  writeParquet,
} from './parquet-helpers.ts';

/**
 * How the JavaScript Parquet path reads a file: row group by row group through byte-range
 * reads, with progress, cancellation, the project's column names and clear refusals.
 */

let engine: NativeEngine;
let dir: string;
let big: string;
const BIG_ROWS = 300_000;

beforeAll(async () => {
  engine = await createEngine();
  dir = mkdtempSync(join(tmpdir(), 'ingest-parquet-load-'));
  big = join(dir, 'big.parquet');
  // Hash-derived values barely compress, so the file is several MB in three row groups.
  await writeParquet(
    engine,
    `SELECT i AS caseid, hash(i) AS code, (hash(i) % 100000)::DOUBLE / 7 AS score,
            md5(i::VARCHAR) AS label, CASE WHEN i % 11 = 0 THEN NULL ELSE i % 3 = 0 END AS flag
     FROM range(${BIG_ROWS}) t(i)`,
    big,
    'FORMAT parquet, COMPRESSION zstd',
  );
});
afterAll(async () => {
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The real engine, with its file reads counted (every other member passes straight through). */
function counting(inner: Engine): { engine: Engine; slices: number[]; whole: () => number } {
  const slices: number[] = [];
  let whole = 0;
  const engine = new Proxy(inner, {
    get(target, property) {
      if (property === 'readFile') {
        return (source: FileSource) => {
          whole++;
          return target.readFile(source);
        };
      }
      if (property === 'readSlice') {
        return (source: FileSource, start: number, end: number) => {
          slices.push(end - start);
          return target.readSlice(source, start, end);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { engine, slices, whole: () => whole };
}

async function tableExists(name: string): Promise<boolean> {
  const found = await rows(
    engine,
    `SELECT count(*) AS n FROM information_schema.tables WHERE table_name = '${name}'`,
  );
  return found[0].n === 1;
}

describe('Parquet decoded in JavaScript, row group by row group', () => {
  it('loads a multi-row-group file in byte ranges, never whole, with progress', async () => {
    const size = statSync(big).size;
    const groups = await rows(
      engine,
      `SELECT count(DISTINCT row_group_id) AS n FROM parquet_metadata('${big}')`,
    );
    expect(groups[0].n).toBe(3);
    const counted = counting(engine);
    const progress: [number, number][] = [];
    const result = await loadParquetInJs(
      counted.engine,
      'js',
      { kind: 'path', path: big },
      {
        fileName: 'big.parquet',
        maxRowGroupBytes: 1024 * 1024 * 1024,
        onProgress: (done, total) => progress.push([done, total]),
      },
    );
    expect(result).toEqual({ rows: BIG_ROWS, warnings: [] });
    expect(counted.whole()).toBe(0);
    expect(Math.max(...counted.slices)).toBeLessThan(size / 2);
    // 122,880-row groups go in as 50,000-row batches: 3 + 3 + 2.
    expect(progress.map(([done]) => done)).toEqual([
      50_000, 100_000, 122_880, 172_880, 222_880, 245_760, 295_760, 300_000,
    ]);
    expect(progress.every(([, total]) => total === BIG_ROWS)).toBe(true);

    await readNatively(engine, big, 'native');
    expect(await columnsOf(engine, 'js')).toEqual(await columnsOf(engine, 'native'));
    const differing = await rows(
      engine,
      `SELECT count(*) AS n FROM native n POSITIONAL JOIN js j
       WHERE n.caseid IS DISTINCT FROM j.caseid OR n.code IS DISTINCT FROM j.code
          OR n.score IS DISTINCT FROM j.score OR n.label IS DISTINCT FROM j.label
          OR n.flag IS DISTINCT FROM j.flag`,
    );
    expect(differing).toEqual([{ n: 0 }]);
    expect(await rows(engine, 'SELECT count(*) AS n, count(flag) AS flags FROM js')).toEqual([
      { n: BIG_ROWS, flags: BIG_ROWS - Math.ceil(BIG_ROWS / 11) },
    ]);
  });

  it('names columns by the same rules as every other reader', async () => {
    const path = join(dir, 'names.parquet');
    await writeParquet(engine, `SELECT 1 AS " state ", 'a' AS "x x", 4 AS "Concession "`, path);
    await readInJs(engine, path, 'js');
    const viaDuckDb = await loadFile(engine, {
      table: 'via_duckdb',
      fileName: 'names.parquet',
      source: { kind: 'path', path },
    });
    const names = (await columnsOf(engine, 'js')).map((c) => c.name);
    expect(names).toEqual(['state', 'x x', 'Concession']);
    expect(viaDuckDb.tables[0].columns.map((c) => c.name)).toEqual(names);
    expect(await rowsAsText(engine, 'js')).toEqual(await rowsAsText(engine, 'via_duckdb'));
  });

  it('renames names repeated without case as DuckDB does', async () => {
    const path = join(dir, 'repeated.parquet');
    await writeParquet(
      engine,
      'SELECT 1 AS aa, 2 AS AZ, 3 AS "aa_1", 4 AS aQ, 5 AS "AY_1", 6 AS aP, 7 AS " AP"',
      path,
    );
    renameInFooter(path, 'AZ', 'AA');
    renameInFooter(path, 'aQ', 'Aa');
    renameInFooter(path, 'AY_1', 'AA_1');
    renameInFooter(path, 'aP', 'aA');
    await readInJs(engine, path, 'js');
    const viaDuckDb = await loadFile(engine, {
      table: 'via_duckdb',
      fileName: 'repeated.parquet',
      source: { kind: 'path', path },
    });
    const names = (await columnsOf(engine, 'js')).map((c) => c.name);
    expect(names).toEqual(['aa', 'AA_1', 'aa_1_1', 'Aa_2', 'AA_1_2', 'aA_3', 'AP']);
    expect(viaDuckDb.tables[0].columns.map((c) => c.name)).toEqual(names);
    expect(await rowsAsText(engine, 'js')).toEqual(await rowsAsText(engine, 'via_duckdb'));
  });

  it('refuses two columns named exactly alike, which it cannot tell apart', async () => {
    const path = join(dir, 'same-name.parquet');
    await writeParquet(engine, 'SELECT 1 AS code, 2 AS codf', path);
    renameInFooter(path, 'codf', 'code');
    await expect(readInJs(engine, path, 'same')).rejects.toThrow(
      'test.parquet has two columns named "code", which the browser\'s Parquet reader cannot tell apart.',
    );
  });

  it('builds an empty table with the right types from a file without rows', async () => {
    const path = join(dir, 'empty.parquet');
    await writeParquet(
      engine,
      `SELECT 1::SMALLINT AS a, 'x' AS b, 2.5::DECIMAL(5,2) AS c WHERE false`,
      path,
    );
    const result = await readInJs(engine, path, 'js');
    expect(result.rows).toBe(0);
    await readNatively(engine, path, 'native');
    expect(await columnsOf(engine, 'js')).toEqual([
      { name: 'a', type: 'SMALLINT' },
      { name: 'b', type: 'VARCHAR' },
      { name: 'c', type: 'DECIMAL(5,2)' },
    ]);
    expect(await columnsOf(engine, 'native')).toEqual(await columnsOf(engine, 'js'));
  });

  it('refuses nested columns by name and points to the command line', async () => {
    const path = join(dir, 'nested.parquet');
    await writeParquet(
      engine,
      `SELECT 1 AS caseid, [2, 365] AS senders, {'code': 2} AS target, MAP {'a': 1} AS extra`,
      path,
    );
    const attempt = readInJs(engine, path, 'nested_js');
    await expect(attempt).rejects.toThrow(
      'test.parquet: Columns "senders" (lists), "target" (structs), "extra" (maps) cannot be read by the browser\'s Parquet reader',
    );
    await expect(attempt).rejects.toThrow(/command line \(statecraft run\)/);
    expect(await tableExists('nested_js')).toBe(false);
  });

  it('refuses row groups larger than the memory limit before decoding', async () => {
    await expect(
      readInJs(engine, big, 'limited', { maxRowGroupBytes: 1024 * 1024 }),
    ).rejects.toThrow(/row groups\) of up to [\d.]+ MB.*the limit here is 1 MB.*command line/);
    expect(await tableExists('limited')).toBe(false);
  });

  it('stops when cancelled and leaves no table behind', async () => {
    const controller = new AbortController();
    const attempt = readInJs(engine, big, 'cancelled', {
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    await expect(attempt).rejects.toMatchObject({ name: 'AbortError' });
    expect(await tableExists('cancelled')).toBe(false);
  });

  it('says a truncated file is damaged', async () => {
    const bytes = readFileSync(big);
    const cut = bytes.subarray(0, Math.floor(bytes.length / 2));
    await expect(
      loadParquetInJs(
        engine,
        'cut',
        { kind: 'bytes', bytes: cut },
        {
          fileName: 'cut.parquet',
          maxRowGroupBytes: 1024 * 1024 * 1024,
        },
      ),
    ).rejects.toThrow(/^cut\.parquet could not be read as Parquet: .*damaged or truncated/);
  });
});

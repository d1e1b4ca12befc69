import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NativeEngine } from '../../src/engine/NativeEngine.ts';
import { detectFormat } from '../../src/ingest/format.ts';
import { loadFile } from '../../src/ingest/index.ts';
import { readJsonRecords } from '../../src/ingest/json.ts';
import { literal } from '../../src/engine/sql.ts';
import { bytes, createEngine, rows } from './helpers.ts';

let engine: NativeEngine;
let dir: string;
beforeAll(async () => {
  engine = await createEngine();
  dir = mkdtempSync(join(tmpdir(), 'ingest-formats-'));
});
afterAll(async () => {
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('Parquet, JSON, NDJSON and Arrow', () => {
  it('reads Parquet with DuckDB and applies the column naming rules', async () => {
    const path = join(dir, 'cases.parquet');
    await engine.exec(
      `COPY (SELECT * FROM (VALUES (1, 'Atlantis', 0.5), (2, 'Borduria', NULL)) t("id", " state ", "x x")) TO ${literal(path)} (FORMAT parquet)`,
    );
    // Named .dat: the PAR1 magic bytes decide.
    const result = await loadFile(engine, {
      table: 'pq',
      fileName: 'cases.dat',
      source: bytes(readFileSync(path)),
    });
    expect(result.format).toBe('parquet');
    expect(result.tables[0].columns.map((c) => c.name)).toEqual(['id', 'state', 'x x']);
    expect(await rows(engine, 'SELECT state, "x x" FROM pq ORDER BY id')).toEqual([
      { state: 'Atlantis', 'x x': 0.5 },
      { state: 'Borduria', 'x x': null },
    ]);
  });

  it('reads a JSON array and NDJSON with the same parser the browser uses', async () => {
    const records = [
      { caseid: 1, sender: 'Atlantis', imposed: true },
      { caseid: 2, sender: 'Borduria', imposed: false },
    ];
    const json = await loadFile(engine, {
      table: 'js',
      fileName: 'cases.json',
      source: bytes(JSON.stringify(records)),
    });
    const ndjson = await loadFile(engine, {
      table: 'nd',
      fileName: 'cases.ndjson',
      source: bytes(`${records.map((r) => JSON.stringify(r)).join('\n')}\n`),
    });
    for (const [result, table] of [
      [json, 'js'],
      [ndjson, 'nd'],
    ] as const) {
      expect(result.warnings).toEqual([]);
      expect(result.tables[0].columns).toEqual([
        { name: 'caseid', type: 'BIGINT' },
        { name: 'sender', type: 'VARCHAR' },
        { name: 'imposed', type: 'BOOLEAN' },
      ]);
      expect(await rows(engine, `SELECT sender FROM ${table} WHERE imposed`)).toEqual([
        { sender: 'Atlantis' },
      ]);
    }
  });

  it('parses JSON in JavaScript the way DuckDB-WASM without extensions needs it', () => {
    const { columns, rows: n } = readJsonRecords(
      '{"cases": [{"id": 1, "tags": ["a"], "w": 0.5}, {"id": 2, "w": 1, "extra": "x"}]}',
      false,
    );
    expect(n).toBe(2);
    expect(columns).toEqual([
      { name: 'id', type: 'BIGINT', values: ['1', '2'] },
      { name: 'tags', type: 'VARCHAR', values: ['["a"]', null] },
      { name: 'w', type: 'DOUBLE', values: ['0.5', '1'] },
      { name: 'extra', type: 'VARCHAR', values: [null, 'x'] },
    ]);
    expect(() => readJsonRecords('{"a": 1}\n{"a": ', true)).toThrow('Line 2 is not valid JSON');
  });

  it('reads Arrow IPC files and streams with apache-arrow, keeping int64 exact', async () => {
    const table = tableFromArrays({
      id: BigInt64Array.from([1n, 9007199254740993n]),
      name: ['Atlantis', null],
      share: Float64Array.from([0.1, 2.5]),
    });
    for (const format of ['file', 'stream'] as const) {
      const name = `arrow_${format}`;
      const result = await loadFile(engine, {
        table: name,
        fileName: `cases.${format === 'file' ? 'arrow' : 'arrows'}`,
        source: bytes(tableToIPC(table, format)),
      });
      expect(result.format).toBe('arrow');
      expect(result.tables[0].columns).toEqual([
        { name: 'id', type: 'BIGINT' },
        { name: 'name', type: 'VARCHAR' },
        { name: 'share', type: 'DOUBLE' },
      ]);
      expect(
        await rows(
          engine,
          `SELECT CAST(id AS VARCHAR) AS id, name, share FROM ${name} ORDER BY id`,
        ),
      ).toEqual([
        { id: '1', name: 'Atlantis', share: 0.1 },
        { id: '9007199254740993', name: null, share: 2.5 },
      ]);
    }
  });

  it('detects formats from magic bytes before the extension', () => {
    const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);
    expect(detectFormat('a.xls', Uint8Array.from([0x50, 0x4b, 0x03, 0x04]))).toBe('excel');
    expect(detectFormat('a.csv', ascii('PAR1....'))).toBe('parquet');
    expect(detectFormat('a.bin', ascii('<stata_dta><header>'))).toBe('stata');
    expect(detectFormat('a.txt', ascii('a,b\n1,2'))).toBe('csv');
    expect(detectFormat('export', ascii('  [{"a": 1}]'))).toBe('json');
    expect(detectFormat('a.jsonl', ascii('{"a": 1}'))).toBe('ndjson');
    expect(detectFormat('export', ascii('\ufeff\r\n{"a": 1}'))).toBe('json');
    expect(detectFormat('a.dat', ascii('ARROW1\0\0'))).toBe('arrow');
    expect(
      detectFormat('a.csv', Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])),
    ).toBe('excel');
  });
});

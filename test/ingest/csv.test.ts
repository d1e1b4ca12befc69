import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NativeEngine } from '../../src/engine/NativeEngine.ts';
import { loadFile } from '../../src/ingest/index.ts';
import { bytes, createEngine, fixture, fixtures, rows, utf16 } from './helpers.ts';

let engine: NativeEngine;
beforeAll(async () => {
  engine = await createEngine();
});
afterAll(async () => {
  await engine.close();
});

describe('delimited text', () => {
  it('reads CR-only line endings (the COW country-code file)', async () => {
    const result = await loadFile(engine, {
      table: 'states',
      fileName: 'states-cr.csv',
      source: fixture('states-cr.csv'),
    });
    expect(result.tables[0]).toMatchObject({ name: 'states', rows: 5, role: 'raw' });
    expect(result.tables[0].columns).toEqual([
      { name: 'StateAbb', type: 'VARCHAR' },
      { name: 'CCode', type: 'BIGINT' },
      { name: 'StateNme', type: 'VARCHAR' },
    ]);
    expect(await rows(engine, 'SELECT StateNme FROM states WHERE CCode = 1004')).toEqual([
      { StateNme: 'Elbonia' },
    ]);
  });

  it('hashes the file in chunks to the same sha256 as the whole file', async () => {
    const path = `${fixtures}/states-cr.csv`;
    const expected = createHash('sha256').update(readFileSync(path)).digest('hex');
    const result = await loadFile(engine, {
      table: 'states_hash',
      fileName: 'states-cr.csv',
      source: fixture('states-cr.csv'),
    });
    expect(result.sha256).toBe(expected);
  });

  it('reads CRLF, a UTF-8 BOM and tabs, and cleans trailing-space, blank and duplicate headers', async () => {
    const result = await loadFile(engine, {
      table: 'headers',
      fileName: 'headers.tsv',
      source: fixture('headers.tsv'),
    });
    expect(result.tables[0].columns.map((c) => c.name)).toEqual([
      'id',
      'Concession',
      'column3',
      'x',
      'X_2',
      'note',
    ]);
    expect(
      await rows(engine, 'SELECT "Concession", column3, "X_2", note FROM headers ORDER BY id'),
    ).toEqual([
      { Concession: 0, column3: 7, X_2: 'b', note: 'first' },
      { Concession: 1, column3: 8, X_2: 'd', note: 'second' },
    ]);

    const bom = await loadFile(engine, {
      table: 'bom',
      fileName: 'bom.csv',
      source: bytes([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('name,n\r\nÉire,1\r\n')]),
    });
    expect(bom.tables[0].columns.map((c) => c.name)).toEqual(['name', 'n']);
    expect(await rows(engine, 'SELECT name FROM bom')).toEqual([{ name: 'Éire' }]);
  });

  it('detects Windows-1252 from invalid UTF-8 and transcodes é, ô, ë and curly quotes', async () => {
    const result = await loadFile(engine, {
      table: 'cp1252',
      fileName: 'windows-1252.csv',
      source: fixture('windows-1252.csv'),
    });
    expect(result.format).toBe('csv (windows-1252)');
    expect(result.warnings.some((w) => w.includes('not valid UTF-8'))).toBe(true);
    expect(await rows(engine, 'SELECT country, leader, note FROM cp1252')).toEqual([
      { country: 'France', leader: 'Clémenceau', note: 'l’accord' },
      { country: 'Côte d’Ivoire', leader: 'Houphouët-Boigny', note: '“quoted”' },
    ]);
  });

  it('reads UTF-16 with a BOM in either byte order', async () => {
    const text = 'pays,capitale\nCôte d’Ivoire,Yamoussoukro\n日本,東京\n';
    for (const order of ['le', 'be'] as const) {
      const table = `utf16${order}`;
      const result = await loadFile(engine, {
        table,
        fileName: `${table}.csv`,
        source: bytes(utf16(text, order)),
      });
      expect(result.format).toBe(`csv (utf-16${order})`);
      expect(await rows(engine, `SELECT pays, capitale FROM ${table}`)).toEqual([
        { pays: 'Côte d’Ivoire', capitale: 'Yamoussoukro' },
        { pays: '日本', capitale: '東京' },
      ]);
    }
  });

  it('lets the user override the encoding', async () => {
    // Valid UTF-8 ("Ã©") that the user knows is really Windows-1252 mojibake of é: read as
    // Windows-1252, the two bytes become two characters.
    const source = bytes(new TextEncoder().encode('word\nCaf\u00e9\n'));
    await loadFile(engine, { table: 'as_utf8', fileName: 'w.csv', source });
    await loadFile(engine, { table: 'as_1252', fileName: 'w.csv', source, encoding: 'latin-1' });
    expect(await rows(engine, 'SELECT word FROM as_utf8')).toEqual([{ word: 'Café' }]);
    expect(await rows(engine, 'SELECT word FROM as_1252')).toEqual([{ word: 'CafÃ©' }]);
    await expect(
      loadFile(engine, { table: 'bad', fileName: 'w.csv', source, encoding: 'ebcdic' }),
    ).rejects.toThrow(/Unknown encoding "ebcdic"/);
  });

  it('keeps ragged rows and says which lines were short or long', async () => {
    const result = await loadFile(engine, {
      table: 'ragged',
      fileName: 'ragged.csv',
      source: fixture('ragged.csv'),
    });
    expect(result.tables[0].rows).toBe(5);
    expect(result.tables[0].columns.map((c) => c.name)).toEqual(['id', 'name', 'score', 'column4']);
    expect(await rows(engine, 'SELECT id, name, score, column4 FROM ragged ORDER BY id')).toEqual([
      { id: 1, name: 'alpha', score: 10, column4: null },
      { id: 2, name: 'beta\nwith a line break', score: 20, column4: null },
      { id: 3, name: 'gamma', score: null, column4: null },
      { id: 4, name: 'delta', score: 40, column4: 'extra' },
      { id: 5, name: 'epsilon', score: 50, column4: null },
    ]);
    expect(result.warnings).toContain(
      // DuckDB counts records: the quoted line break in row 2 does not start a new one.
      '1 row(s) had fewer fields than the header and were padded with NULL (record 4; the header is record 1).',
    );
    expect(result.warnings).toContain(
      '1 row(s) had more fields than the header; the extra fields are kept in column4 (record 5; the header is record 1).',
    );
  });

  it('types columns by the whole file when a late value breaks the sampled type', async () => {
    const lines = ['code,label'];
    for (let i = 0; i < 30_000; i++) lines.push(`${i},row ${i}`);
    lines.push('A7,late text code');
    const result = await loadFile(engine, {
      table: 'late',
      fileName: 'late.csv',
      source: bytes(`${lines.join('\n')}\n`),
    });
    expect(result.tables[0].rows).toBe(30_001);
    expect(result.tables[0].columns[0]).toEqual({ name: 'code', type: 'VARCHAR' });
    expect(await rows(engine, "SELECT label FROM late WHERE code = 'A7'")).toEqual([
      { label: 'late text code' },
    ]);
  });

  it('refuses an empty file with a clear message', async () => {
    await expect(
      loadFile(engine, { table: 'empty', fileName: 'empty.csv', source: bytes('') }),
    ).rejects.toThrow('empty.csv is empty');
  });
});

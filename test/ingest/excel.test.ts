import * as XLSX from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NativeEngine } from '../../src/engine/NativeEngine.ts';
import { loadFile } from '../../src/ingest/index.ts';
import { serialToEpochDays } from '../../src/ingest/excel.ts';
import { bytes, createEngine, rows } from './helpers.ts';

let engine: NativeEngine;
beforeAll(async () => {
  engine = await createEngine();
});
afterAll(async () => {
  await engine.close();
});

type CellSpec = XLSX.CellObject | null;

/** A workbook written by SheetJS itself, as Excel users send them: dates, mixed columns, gaps. */
function workbook(bookType: 'xlsx' | 'biff8'): Uint8Array {
  const date = (v: number): XLSX.CellObject => ({ t: 'n', v, z: 'm/d/yy' });
  const stamp = (v: number): XLSX.CellObject => ({ t: 'n', v, z: 'yyyy-mm-dd hh:mm' });
  const n = (v: number): XLSX.CellObject => ({ t: 'n', v });
  const s = (v: string): XLSX.CellObject => ({ t: 's', v });
  const b = (v: boolean): XLSX.CellObject => ({ t: 'b', v });
  const grid: CellSpec[][] = [
    [
      s('caseid'),
      s('start '),
      null,
      s('outcome'),
      s('codes'),
      s('ratio'),
      s('flag'),
      s('seen at'),
      s('note'),
      s('Note'),
    ],
    [n(1), date(39479), n(7), n(8), s('2 7'), n(0.25), b(true), stamp(39479.5), s('first'), s('a')],
    [n(2), date(40603), n(8), null, n(4), n(1), b(false), stamp(40603.25), null, s('b')],
    [null, null, null, null, null, null, null, null, null, null],
    [n(3), date(61), n(9), n(10), s('1  3'), n(-1.5), null, stamp(61), s('  '), s('c')],
  ];
  const ws: XLSX.WorkSheet = {};
  grid.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (cell) ws[XLSX.utils.encode_cell({ r, c })] = cell;
    }),
  );
  ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: grid.length - 1, c: 9 } });
  const notes = XLSX.utils.aoa_to_sheet([
    ['topic', 'text'],
    ['source', 'invented rows for a test'],
  ]);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, 'Episodes');
  XLSX.utils.book_append_sheet(wb, notes, 'Notes (2)');
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([]), 'Blank');
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType }) as ArrayBuffer);
}

describe('Excel workbooks', () => {
  for (const [bookType, fileName] of [
    ['xlsx', 'episodes.xlsx'],
    ['biff8', 'episodes.xls'],
  ] as const) {
    it(`loads every sheet of a ${fileName} with typed columns`, async () => {
      const table = `wb_${bookType}`;
      const result = await loadFile(engine, { table, fileName, source: bytes(workbook(bookType)) });
      expect(result.format).toBe('excel');
      expect(result.tables.map((t) => [t.name, t.sheet, t.rows, t.role])).toEqual([
        [table, 'Episodes', 3, 'raw'],
        [`${table}_notes_2`, 'Notes (2)', 1, 'raw'],
      ]);
      expect(result.tables[0].columns).toEqual([
        { name: 'caseid', type: 'BIGINT' },
        { name: 'start', type: 'DATE' },
        { name: 'column3', type: 'BIGINT' },
        { name: 'outcome', type: 'BIGINT' },
        { name: 'codes', type: 'VARCHAR' },
        { name: 'ratio', type: 'DOUBLE' },
        { name: 'flag', type: 'BOOLEAN' },
        { name: 'seen at', type: 'TIMESTAMP' },
        { name: 'note', type: 'VARCHAR' },
        { name: 'Note_2', type: 'VARCHAR' },
      ]);
      expect(
        await rows(
          engine,
          `SELECT caseid, CAST(start AS VARCHAR) AS start, outcome, codes, ratio, flag, CAST("seen at" AS VARCHAR) AS seen, note FROM ${table} ORDER BY caseid`,
        ),
      ).toEqual([
        {
          caseid: 1,
          start: '2008-02-01',
          outcome: 8,
          codes: '2 7',
          ratio: 0.25,
          flag: true,
          seen: '2008-02-01 12:00:00',
          note: 'first',
        },
        {
          caseid: 2,
          start: '2011-03-01',
          outcome: null,
          codes: '4',
          ratio: 1,
          flag: false,
          seen: '2011-03-01 06:00:00',
          note: null,
        },
        {
          caseid: 3,
          start: '1900-03-01',
          outcome: 10,
          codes: '1  3',
          ratio: -1.5,
          flag: null,
          seen: '1900-03-01 00:00:00',
          note: null,
        },
      ]);
      expect(result.warnings).toContain('Sheet "Episodes": 1 empty row(s) skipped.');
      expect(result.warnings).toContain('Sheet "Blank" is empty and was not loaded.');
    });
  }

  it('picks the main sheet by name or 1-based index and names the others after their sheets', async () => {
    const source = bytes(workbook('xlsx'));
    const byIndex = await loadFile(engine, { table: 'pick', fileName: 'p.xlsx', source, sheet: 2 });
    expect(byIndex.tables.map((t) => [t.name, t.sheet])).toEqual([
      ['pick', 'Notes (2)'],
      ['pick_episodes', 'Episodes'],
    ]);
    const byName = await loadFile(engine, {
      table: 'pick2',
      fileName: 'p.xlsx',
      source,
      sheet: 'notes (2)',
    });
    expect(byName.tables[0]).toMatchObject({ name: 'pick2', sheet: 'Notes (2)', rows: 1 });
    await expect(
      loadFile(engine, { table: 'pick3', fileName: 'p.xlsx', source, sheet: 'Cases' }),
    ).rejects.toThrow(
      'p.xlsx has no sheet "Cases" (sheets are 1: "Episodes", 2: "Notes (2)", 3: "Blank")',
    );
  });

  it('converts serials with the 1900 leap-year bug and the 1904 system', () => {
    const iso = (days: number): string => new Date(days * 86_400_000).toISOString().slice(0, 10);
    expect(iso(serialToEpochDays(1, false))).toBe('1900-01-01');
    expect(iso(serialToEpochDays(59, false))).toBe('1900-02-28');
    expect(iso(serialToEpochDays(61, false))).toBe('1900-03-01');
    expect(iso(serialToEpochDays(45292, false))).toBe('2024-01-01');
    expect(iso(serialToEpochDays(0, true))).toBe('1904-01-01');
  });
});

/**
 * Hostile and awkward Excel files through the browser's Session: damaged and encrypted
 * workbooks and zip bombs end in a message saying what happened and what to do; formulas,
 * merged headers, empty and hidden sheets and date serials load with the documented result.
 */
import * as XLSX from '@e965/xlsx';
import { afterEach, describe, expect, it } from 'vitest';
import {
  damagedXlsx,
  passwordProtectedXlsx,
  randomBytes,
  truncatedXlsx,
  workbook,
  zipArchive,
  zipBomb,
} from '../../scripts/generate-bad-fixtures.ts';
import {
  bytesFile,
  close,
  dataset,
  datasetError,
  expectIntact,
  openSession,
  type BadDataset,
  type Harness,
} from '../fixtures/bad/session-harness.ts';

let h: Harness | undefined;
afterEach(async () => {
  await close(h);
  h = undefined;
});

async function withBad(
  bytes: Uint8Array,
  fileName: string,
  entry: Omit<BadDataset, 'file'> = {},
  cells = '',
): Promise<Harness> {
  h = await openSession([bytesFile(bytes, fileName)], { file: fileName, ...entry }, cells);
  return h;
}

async function badRows(sql: string): Promise<unknown[]> {
  return (await h!.engine.query(sql)).rows;
}

describe('broken, encrypted and malicious workbooks are refused with a clear message', () => {
  it('a truncated .xlsx (interrupted download): damaged, download it again', async () => {
    await withBad(truncatedXlsx(), 'cut.xlsx');
    const message = datasetError(h!);
    expect(message).toMatch(/cut\.xlsx is damaged: the end of its ZIP archive .* is missing/);
    expect(message).toMatch(/download or copy it again/);
    await expectIntact(h!);
  });

  it('corrupt data inside an .xlsx: refused at once instead of hanging the parser', async () => {
    const started = performance.now();
    await withBad(damagedXlsx(), 'corrupt.xlsx');
    expect(performance.now() - started).toBeLessThan(10_000);
    const message = datasetError(h!);
    expect(message).toMatch(
      /corrupt\.xlsx is damaged: its part xl\/worksheets\/sheet1\.xml does not unpack/,
    );
    expect(message).toMatch(/save a new copy/);
    await expectIntact(h!);
  });

  it('a password-protected workbook: says so and to save an unprotected copy', async () => {
    await withBad(passwordProtectedXlsx(), 'secret.xlsx');
    const message = datasetError(h!);
    expect(message).toMatch(/secret\.xlsx is password-protected/);
    expect(message).toMatch(/save an unprotected copy/);
    await expectIntact(h!);
  });

  it('a zip bomb (1 MB that unpacks to 1 GB): refused from its directory before inflating', async () => {
    const bomb = await zipBomb(1024);
    expect(bomb.length).toBeLessThan(1.2 * 1024 * 1024);
    const started = performance.now();
    await withBad(bomb, 'bomb.xlsx');
    const seconds = (performance.now() - started) / 1000;
    const message = datasetError(h!);
    expect(message).toMatch(
      /bomb\.xlsx was refused before unpacking: its part xl\/worksheets\/sheet1\.xml would grow from 1 MB to 1 GB \(1,010 times; real workbooks stay under 200\)/,
    );
    expect(message).toMatch(/zip bomb.*save the sheet as CSV/);
    // Inflating 1 GB and parsing it would take far longer than opening the whole session.
    expect(seconds).toBeLessThan(5);
    await expectIntact(h!);
  });

  it('a zip bomb that lies about its size: stopped at the size it declares', async () => {
    await withBad(await zipBomb(64, 100_000), 'liar.xlsx');
    const message = datasetError(h!);
    expect(message).toMatch(
      /liar\.xlsx was refused while unpacking: its part xl\/worksheets\/sheet1\.xml grows beyond the 97.7 KB the archive declares/,
    );
    await expectIntact(h!);
  });

  it('a ZIP archive renamed .xlsx: says to unpack it', async () => {
    const zip = zipArchive([{ name: 'episodes.csv', data: new TextEncoder().encode('a\n1\n') }]);
    await withBad(zip, 'episodes.xlsx');
    const message = datasetError(h!);
    expect(message).toMatch(
      /episodes\.xlsx is a ZIP archive, not an Excel or OpenDocument workbook \(it holds episodes\.csv\)/,
    );
    expect(message).toMatch(/Unpack it/);
    await expectIntact(h!);
  });

  it('random bytes renamed .xlsx: not a spreadsheet (SheetJS would have read them as text)', async () => {
    await withBad(randomBytes(5000), 'noise.xlsx');
    expect(datasetError(h!)).toMatch(/noise\.xlsx is not a spreadsheet: it holds binary data/);
    await expectIntact(h!);
  });

  it('tab-separated text saved as .xls (as old web sites do): read as text, with a warning', async () => {
    const text = new TextEncoder().encode('country\tyear\nFRA\t1990\nDEU\t1991\n');
    await withBad(text, 'export.xls');
    const state = dataset(h!);
    expect(state.status).toBe('ok');
    expect(state.warnings).toContain(
      'export.xls is plain text, not an Excel workbook; it was read as delimited text.',
    );
    expect(await badRows('SELECT country, year FROM bad ORDER BY year')).toEqual([
      { country: 'FRA', year: 1990 },
      { country: 'DEU', year: 1991 },
    ]);
    await expectIntact(h!);
  });
});

describe('awkward but valid workbooks load as documented', () => {
  it('formulas: cached results are used; uncalculated ones are NULL with advice', async () => {
    const ws = XLSX.utils.aoa_to_sheet([
      ['caseid', 'threat', 'imposition', 'stage'],
      [1, 1, 0, null],
      [2, 1, 1, null],
      [3, 0, 1, null],
    ]);
    ws.D2 = { t: 'n', v: 1, f: 'B2+C2' };
    ws.D3 = { t: 'n', v: 2, f: 'B3+C3' };
    ws.D4 = { t: 'n', f: 'B4+C4' }; // written by a program that never calculates
    await withBad(workbook([{ name: 'Cases', sheet: ws }]), 'formulas.xlsx');
    const state = dataset(h!);
    expect(state.status).toBe('ok');
    expect(await badRows('SELECT caseid, stage FROM bad ORDER BY caseid')).toEqual([
      { caseid: 1, stage: 1 },
      { caseid: 2, stage: 2 },
      { caseid: 3, stage: null },
    ]);
    expect(state.warnings.join('\n')).toMatch(
      /Sheet "Cases": 1 formula cell\(s\) have no saved result and are NULL .* save it, and load it again/,
    );
    await expectIntact(h!);
  });

  it('merged header cells: the spanned columns get position names, and a warning says which', async () => {
    const ws = XLSX.utils.aoa_to_sheet([
      ['caseid', 'Costs', null, 'year'],
      [1, 'low', 'high', 1990],
      [2, 'high', 'low', 1991],
    ]);
    ws['!merges'] = [{ s: { r: 0, c: 1 }, e: { r: 0, c: 2 } }];
    await withBad(workbook([{ name: 'Costs', sheet: ws }]), 'merged.xlsx');
    const state = dataset(h!);
    expect(state.status).toBe('ok');
    const columns = await badRows('DESCRIBE bad');
    expect(columns.map((c) => (c as { column_name: string }).column_name)).toEqual([
      'caseid',
      'Costs',
      'column3',
      'year',
    ]);
    expect(state.warnings.join('\n')).toMatch(
      /Sheet "Costs": header cells B1:C1 are merged; the column\(s\) after the first are named by position \(column3\)/,
    );
    await expectIntact(h!);
  });

  it('an empty first sheet: names the sheets that have data and the `sheet:` key', async () => {
    const bytes = workbook([
      { name: 'Cover', rows: [] },
      { name: 'Data', rows: [['a'], [1]] },
      { name: 'Notes', rows: [['text'], ['invented']] },
    ]);
    await withBad(bytes, 'cover.xlsx');
    const message = datasetError(h!);
    expect(message).toMatch(/In cover\.xlsx, the first sheet, "Cover", is empty/);
    expect(message).toMatch(
      /`sheet:` in the dataset entry \(sheets with data: 2: "Data", 3: "Notes"\)/,
    );
    await expectIntact(h!);
  });

  it('picking a sheet with data next to an empty one: loads, and the empty one is a warning', async () => {
    const bytes = workbook([
      { name: 'Cover', rows: [] },
      { name: 'Data', rows: [['a'], [1]] },
    ]);
    await withBad(bytes, 'cover.xlsx', { sheet: 'Data' });
    const state = dataset(h!);
    expect(state.status).toBe('ok');
    expect(state.warnings).toContain('Sheet "Cover" is empty and was not loaded.');
    expect(await badRows('SELECT a FROM bad')).toEqual([{ a: 1 }]);
    await expectIntact(h!);
  });

  it('a workbook whose sheets are all empty: says there is no data', async () => {
    await withBad(
      workbook([
        { name: 'A', rows: [] },
        { name: 'B', rows: [] },
      ]),
      'blank.xlsx',
    );
    expect(datasetError(h!)).toMatch(/blank\.xlsx has no data: every sheet in it is empty/);
    await expectIntact(h!);
  });

  it('hidden sheets: the main table is the first visible sheet; hidden ones load with a warning', async () => {
    const bytes = workbook([
      {
        name: 'lookup',
        rows: [
          ['code', 'label'],
          [1, 'low'],
        ],
        hidden: true,
      },
      { name: 'Episodes', rows: [['caseid'], [1], [2]] },
    ]);
    await withBad(bytes, 'hidden.xlsx');
    const state = dataset(h!);
    expect(state.status).toBe('ok');
    expect(state.tables).toEqual(['bad', 'bad_lookup']);
    expect(state.rows).toBe(2);
    expect(state.warnings).toContain(
      'Sheet "lookup" is hidden in the workbook; it was loaded as bad_lookup.',
    );
    await expectIntact(h!);
  });

  it('dates: date-formatted serials become DATEs; bare serials stay numbers, converted in SQL', async () => {
    const ws = XLSX.utils.aoa_to_sheet([
      ['caseid', 'start', 'start_serial'],
      [1, null, 43831],
      [2, null, 36526],
    ]);
    ws.B2 = { t: 'n', v: 43831, z: 'yyyy-mm-dd' };
    ws.B3 = { t: 'n', v: 36526, z: 'd/m/yyyy' };
    // The conversion docs/reliability.md gives for serials without a date format.
    const cell =
      "```sql converted\nSELECT caseid, start, DATE '1899-12-30' + CAST(start_serial AS INTEGER) AS from_serial FROM bad ORDER BY caseid\n```\n";
    await withBad(workbook([{ name: 'Dates', sheet: ws }]), 'dates.xlsx', {}, cell);
    expect(dataset(h!).status).toBe('ok');
    const types = await badRows('DESCRIBE bad');
    expect(types.map((t) => (t as { column_type: string }).column_type)).toEqual([
      'BIGINT',
      'DATE',
      'BIGINT',
    ]);
    expect((await h!.session.results()).converted).toEqual([
      { caseid: 1, start: '2020-01-01', from_serial: '2020-01-01' },
      { caseid: 2, start: '2000-01-01', from_serial: '2000-01-01' },
    ]);
    await expectIntact(h!);
  });
});

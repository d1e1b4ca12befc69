/**
 * Hostile delimited-text files, loaded through the browser's Session as a notebook dataset.
 * Each case checks the message (what was wrong, what to do) and that the rest of the
 * session — the good dataset, its cell, a sentinel table, a new query — is untouched.
 */
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  pngBytes,
  randomBytes,
  utf16Bytes,
  wideCsv,
  windows1252Csv,
  zipArchive,
} from '../../scripts/generate-bad-fixtures.ts';
import {
  bytesFile,
  close,
  dataset,
  datasetError,
  expectIntact,
  expectReadable,
  fixtureFile,
  openSession,
  type Harness,
} from '../fixtures/bad/session-harness.ts';

let h: Harness | undefined;
afterEach(async () => {
  await close(h);
  h = undefined;
});

/** Opens the notebook with `file` as dataset `bad`. */
async function withBad(file: File, encoding?: string): Promise<Harness> {
  h = await openSession([file], { file: file.name, ...(encoding ? { encoding } : {}) });
  return h;
}

async function badRows(sql = 'SELECT * FROM bad ORDER BY ALL'): Promise<unknown[]> {
  return (await h!.engine.query(sql)).rows;
}

describe('bad CSV files end in a clear message or a clear warning, and the session survives', () => {
  it('zero bytes: says the file is empty and to check the download', async () => {
    await withBad(fixtureFile('empty.csv'));
    const message = datasetError(h!);
    expect(message).toMatch(/empty\.csv is empty \(0 bytes\)/);
    expect(message).toMatch(/saved or downloaded completely/);
    await expectIntact(h!);
  });

  it('only blank lines: says there is no data', async () => {
    await withBad(fixtureFile('blank-lines.csv'));
    expect(datasetError(h!)).toMatch(/blank-lines\.csv has no data: it holds only blank lines/);
    await expectIntact(h!);
  });

  it('a PNG image renamed .csv: names what it is instead of a page of sniffer output', async () => {
    await withBad(bytesFile(pngBytes(), 'export.csv'));
    const message = datasetError(h!);
    expect(message).toMatch(/export\.csv is not a text table: it holds a PNG image/);
    expect(message).toMatch(/Load the data file itself/);
    await expectIntact(h!);
  });

  it('random bytes renamed .csv: refused as binary, with the UTF-16 escape hatch', async () => {
    await withBad(bytesFile(randomBytes(20_000), 'noise.csv'));
    const message = datasetError(h!);
    expect(message).toMatch(/noise\.csv is not a text table: it holds binary data/);
    expect(message).toMatch(/encoding: utf-16le/);
    await expectIntact(h!);
  });

  it('a ZIP archive of CSVs renamed .csv: says to unpack it', async () => {
    const csv = new TextEncoder().encode('a,b\n1,2\n');
    const zip = zipArchive([
      { name: 'part1.csv', data: csv },
      { name: 'part2.csv', data: csv },
    ]);
    await withBad(bytesFile(zip, 'download.csv'));
    const message = datasetError(h!);
    expect(message).toMatch(/download\.csv is a ZIP archive.*part1\.csv, part2\.csv/);
    expect(message).toMatch(/Unpack it/);
    await expectIntact(h!);
  });

  it('ragged rows: loads every row and names the short and long records', async () => {
    await withBad(fixtureFile('ragged.csv'));
    const state = dataset(h!);
    expect(state.status).toBe('ok');
    expect(state.warnings.join('\n')).toMatch(
      /1 row\(s\) had fewer fields .* padded with NULL \(record 3/,
    );
    expect(state.warnings.join('\n')).toMatch(/extra fields are kept in column5 \(record 4/);
    expect(await badRows('SELECT id, year, column5 FROM bad ORDER BY id')).toEqual([
      { id: 1, year: 1990, column5: null },
      { id: 2, year: null, column5: null },
      { id: 3, year: 1992, column5: 'extra note' },
      { id: 4, year: 1993, column5: null },
    ]);
    await expectIntact(h!);
  });

  it('unbalanced quotes: loads every row and names the record with the stray quote', async () => {
    await withBad(fixtureFile('unbalanced-quotes.csv'));
    const state = dataset(h!);
    expect(state.status).toBe('ok');
    const warnings = state.warnings.join('\n');
    expect(warnings).toMatch(/1 row\(s\) have an unmatched double quote \(record 3;/);
    expect(warnings).toMatch(/Fix the quote in those rows/);
    expect(state.rows).toBe(4);
    await expectIntact(h!);
  });

  it('mixed delimiters: says which delimiters the lines use and what to do', async () => {
    await withBad(fixtureFile('mixed-delimiters.csv'));
    const state = dataset(h!);
    expect(state.status).toBe('ok');
    expect(state.rows).toBe(5);
    const warnings = state.warnings.join('\n');
    expect(warnings).toMatch(
      /The file mixes delimiters: of its first 5 lines, 2 use ";" and 3 use only ","/,
    );
    expect(warnings).toMatch(/Save the file with one delimiter/);
    await expectIntact(h!);
  });

  it('only a header: an empty table with the columns, and a warning', async () => {
    await withBad(fixtureFile('header-only.csv'));
    const state = dataset(h!);
    expect(state.status).toBe('ok');
    expect(state.rows).toBe(0);
    expect(state.warnings).toContain(
      'The file has a header row but no data rows; the table is empty.',
    );
    const columns = await h!.engine.query('DESCRIBE bad');
    expect(columns.rows.map((r) => r.column_name)).toEqual([
      'caseid',
      'startyear',
      'sender',
      'target',
    ]);
    await expectIntact(h!);
  });

  it('a UTF-8 BOM: not part of the first column name', async () => {
    await withBad(fixtureFile('utf8-bom.csv'));
    expect(dataset(h!).status).toBe('ok');
    expect(await badRows('SELECT id, state FROM bad ORDER BY id')).toEqual([
      { id: 1, state: 'Genève' },
      { id: 2, state: 'Zürich' },
    ]);
    await expectIntact(h!);
  });

  for (const order of ['le', 'be'] as const) {
    it(`UTF-16${order.toUpperCase()} with a BOM: decoded, names and accents intact`, async () => {
      const bytes = utf16Bytes('id,state\n1,Genève\n2,Côte d’Ivoire\n', order);
      await withBad(bytesFile(bytes, `utf16${order}.csv`));
      expect(dataset(h!).status).toBe('ok');
      expect(await badRows('SELECT id, state FROM bad ORDER BY id')).toEqual([
        { id: 1, state: 'Genève' },
        { id: 2, state: 'Côte d’Ivoire' },
      ]);
      await expectIntact(h!);
    });
  }

  it('Windows-1252 text: é and ’ decoded, with a warning naming the encoding', async () => {
    await withBad(bytesFile(windows1252Csv(), 'cp1252.csv'));
    const state = dataset(h!);
    expect(state.status).toBe('ok');
    expect(state.warnings.join('\n')).toMatch(
      /read as Windows-1252.*Set `encoding` if that is wrong/,
    );
    expect(await badRows('SELECT name, note FROM bad ORDER BY id')).toEqual([
      { name: 'Université de Genève', note: 'l’accord' },
      { name: 'Côte d’Ivoire', note: '“sanctions”' },
    ]);
    await expectIntact(h!);
  });

  it('CR-only line endings: rows split correctly', async () => {
    await withBad(fixtureFile('cr-only.csv'));
    expect(dataset(h!).status).toBe('ok');
    expect(await badRows('SELECT ccode, abb FROM bad ORDER BY ccode')).toEqual([
      { ccode: 2, abb: 'USA' },
      { ccode: 20, abb: 'CAN' },
    ]);
    await expectIntact(h!);
  });

  it('NUL bytes: removed from the values, with a warning', async () => {
    const text = 'id,name\n1,Ang\0ola\n2,Benin\0\0\n';
    await withBad(bytesFile(new TextEncoder().encode(text), 'nul.csv'));
    const state = dataset(h!);
    expect(state.status).toBe('ok');
    expect(state.warnings.join('\n')).toMatch(/3 NUL byte\(s\) were removed/);
    expect(await badRows('SELECT id, name FROM bad ORDER BY id')).toEqual([
      { id: 1, name: 'Angola' },
      { id: 2, name: 'Benin' },
    ]);
    await expectIntact(h!);
  });

  it(
    'a 10,000-column header loads in seconds and its columns are queryable',
    { timeout: 240_000 },
    async () => {
      const started = performance.now();
      await withBad(bytesFile(wideCsv(10_000), 'wide.csv'));
      const seconds = (performance.now() - started) / 1000;
      console.log(`10,000-column CSV: session open with the load in ${seconds.toFixed(1)} s`);
      const state = dataset(h!);
      expect(state.status).toBe('ok');
      expect(state.rows).toBe(1);
      expect(await badRows('SELECT v1, v5000, v10000 FROM bad')).toEqual([
        { v1: 0, v5000: 9, v10000: 9 },
      ]);
      expect(seconds).toBeLessThan(60);
      await expectIntact(h!);
    },
  );

  it(
    'one 10,000-field row in a 3-column file: kept, and the warning stays short',
    { timeout: 240_000 },
    async () => {
      const long = Array.from({ length: 10_000 }, (_, i) => i).join(',');
      await withBad(bytesFile(`a,b,c\n1,2,3\n${long}\n4,5,6\n`, 'one-long-row.csv'));
      const state = dataset(h!);
      expect(state.status).toBe('ok');
      const warning = state.warnings.find((w) => w.includes('more fields than the header')) ?? '';
      expect(warning).toMatch(
        /kept in column4, column5, column6, … column10000 \(9,997 columns\) \(record 3;/,
      );
      expectReadable(warning);
      await expectIntact(h!);
    },
  );

  it('a bad file dropped on its own (not named by the notebook) is refused the same way', async () => {
    h = await openSession([]);
    await expect(h.session.addFiles([bytesFile(pngBytes(), 'chart.csv')])).rejects.toThrow(
      /chart\.csv is not a text table: it holds a PNG image/,
    );
    await expectIntact(h);
  });

  // A refused loose file must not leave the page showing "running".
  it('a refused loose file leaves the session state "ready", not "running"', async () => {
    h = await openSession([]);
    await h.session.addFiles([bytesFile(pngBytes(), 'chart.csv')]).catch(() => {});
    expect(h.session.state).toBe('ready');
  });
});

/**
 * A file of 1 MB or more that starts like UTF-8 is read by DuckDB while the page hashes it and
 * checks its text (read-text.ts); when the check fails further down than the head, that
 * reading is dropped and the file takes the transcoding path, as a small file would.
 */
describe('a large file is read while it is scanned, and its text is still checked', () => {
  const ROWS = 60_000;
  /** id,name rows (over 1 MB), `last` as the name of the last row, in UTF-8 unless given. */
  function largeCsv(last: Uint8Array): Uint8Array {
    const body = Array.from({ length: ROWS - 1 }, (_, i) => `${i + 1},country number ${i + 1}\n`);
    const start = new TextEncoder().encode(`id,name\n${body.join('')}${ROWS},`);
    const out = new Uint8Array(start.length + last.length + 1);
    out.set(start);
    out.set(last, start.length);
    out[out.length - 1] = 0x0a;
    expect(out.length).toBeGreaterThan(1_000_000);
    return out;
  }
  const lastName = async () =>
    (await badRows(`SELECT name FROM bad WHERE id = ${ROWS}`)).map(
      (r) => (r as { name: string }).name,
    );

  it('valid UTF-8: every row, and the hash of the whole file', async () => {
    const bytes = largeCsv(new TextEncoder().encode('Côte d’Ivoire'));
    await withBad(bytesFile(bytes, 'large.csv'));
    const state = dataset(h!);
    expect(state.status).toBe('ok');
    expect(state.warnings).toEqual([]);
    expect(state.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(await badRows('SELECT count(*) AS n, sum(id) AS s FROM bad')).toEqual([
      { n: ROWS, s: (ROWS * (ROWS + 1)) / 2 },
    ]);
    expect(await lastName()).toEqual(['Côte d’Ivoire']);
    await expectIntact(h!);
  });

  it('a Windows-1252 byte in the last row: read as Windows-1252, with the warning', async () => {
    // "Genève" in Windows-1252: è is the single byte 0xE8, invalid as UTF-8.
    const bytes = largeCsv(Uint8Array.from([...new TextEncoder().encode('Gen'), 0xe8, 0x76, 0x65]));
    await withBad(bytesFile(bytes, 'large-cp1252.csv'));
    const state = dataset(h!);
    expect(state.status).toBe('ok');
    expect(state.warnings.join('\n')).toMatch(/read as Windows-1252/);
    expect(await lastName()).toEqual(['Genève']);
    expect(await badRows('SELECT count(*) AS n FROM bad')).toEqual([{ n: ROWS }]);
    await expectIntact(h!);
  });

  it('NUL bytes in the last row: removed, with the warning', async () => {
    const bytes = largeCsv(Uint8Array.from([0x42, 0x65, 0x6e, 0x00, 0x69, 0x6e, 0x00]));
    await withBad(bytesFile(bytes, 'large-nul.csv'));
    const state = dataset(h!);
    expect(state.status).toBe('ok');
    expect(state.warnings.join('\n')).toMatch(/2 NUL byte\(s\) were removed/);
    expect(await lastName()).toEqual(['Benin']);
    await expectIntact(h!);
  });
});

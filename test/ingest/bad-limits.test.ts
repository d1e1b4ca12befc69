/**
 * Files too big for the parsers that hold them in memory: refused before reading, with the
 * size, the limit and where to go instead. Small files and small limit overrides stand in for
 * big files; the default limits are checked against docs/reliability.md.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadFile, type LoadOptions } from '../../src/ingest/index.ts';
import {
  BROWSER_LIMITS,
  NATIVE_LIMITS,
  formatBytes,
  limitsFor,
  tooBigError,
} from '../../src/ingest/limits.ts';
import { windows1252Csv, workbook } from '../../scripts/generate-bad-fixtures.ts';
import { writeDta } from './dta-writer.ts';
import {
  close,
  expectIntact,
  expectReadable,
  openSession,
  type Harness,
} from '../fixtures/bad/session-harness.ts';

let h: Harness | undefined;
afterEach(async () => {
  await close(h);
  h = undefined;
});

const KIB = 1024;

/** Loads `bytes` into the open session's engine with the given limits; returns the error. */
async function refusal(
  fileName: string,
  bytes: Uint8Array,
  limits: LoadOptions['limits'],
): Promise<string> {
  h ??= await openSession([]);
  const error = await loadFile(h.engine, {
    table: 'big',
    fileName,
    source: { kind: 'bytes', bytes },
    limits,
  }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  const message = (error as Error).message;
  expectReadable(message);
  const { rows } = await h.engine.query(
    "SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'big'",
  );
  expect(rows, 'a refused file leaves no table behind').toEqual([{ n: 0 }]);
  return message;
}

describe('files too big for in-memory parsing are refused up front', () => {
  it('Excel over the limit: size, limit, and "save as CSV"', async () => {
    const bytes = workbook([
      { name: 'S', rows: [['a'], ...Array.from({ length: 500 }, (_, i) => [i])] },
    ]);
    const message = await refusal('big.xlsx', bytes, { maxInMemoryBytes: 4 * KIB });
    expect(message).toMatch(
      new RegExp(
        `big\\.xlsx is ${formatBytes(bytes.length)}, and the Excel reader holds the whole file in memory; the limit here is 4 KB`,
      ),
    );
    expect(message).toMatch(
      /Save the data as CSV, which DuckDB reads without loading the whole file/,
    );
    await expectIntact(h!);
  });

  it('a workbook that unpacks beyond the limit: refused before unpacking', async () => {
    const bytes = workbook([{ name: 'S', rows: [['a'], [1]] }]);
    const message = await refusal('wide.xlsx', bytes, { maxUnzippedBytes: 2 * KIB });
    expect(message).toMatch(
      /wide\.xlsx would unpack to [\d.]+ KB, and workbooks are unpacked in memory; the limit here is 2 KB/,
    );
    await expectIntact(h!);
  });

  it('Stata over the limit', async () => {
    const bytes = writeDta({
      release: 118,
      byteOrder: 'LSF',
      label: 'invented',
      variables: [
        {
          name: 'caseid',
          type: 'long',
          format: '%9.0g',
          values: Array.from({ length: 300 }, (_, i) => i),
        },
      ],
    });
    const message = await refusal('cases.dta', bytes, { maxInMemoryBytes: KIB });
    expect(message).toMatch(
      /cases\.dta is [\d.]+ KB, and the Stata reader holds the whole file in memory; the limit here is 1 KB/,
    );
    await expectIntact(h!);
  });

  it('Windows-1252 text over the limit (re-encoding to UTF-8 happens in memory)', async () => {
    const message = await refusal('latin.csv', windows1252Csv(), { maxInMemoryBytes: 16 });
    expect(message).toMatch(
      /latin\.csv is 73 bytes, and converting its windows-1252 text to UTF-8 holds the whole file in memory; the limit here is 16 bytes/,
    );
    await expectIntact(h!);
  });

  it('UTF-8 CSV has no such limit: DuckDB streams it', async () => {
    h = await openSession([]);
    const result = await loadFile(h.engine, {
      table: 'streamed',
      fileName: 'streamed.csv',
      source: { kind: 'bytes', bytes: new TextEncoder().encode('a,b\n1,2\n3,4\n') },
      limits: { maxInMemoryBytes: 1, maxUnzippedBytes: 1 },
    });
    expect(result.tables[0].rows).toBe(2);
    await expectIntact(h);
  });

  it('in the browser the advice is the command line, which has higher limits', () => {
    const browser = tooBigError(
      'duckdb-wasm',
      'big.xlsx is 300 MB',
      BROWSER_LIMITS.maxInMemoryBytes,
    );
    expect(browser.message).toBe(
      'big.xlsx is 300 MB; the limit here is 100 MB. Run the notebook on the command line (statecraft run), which allows up to 1 GB, or save the data as CSV, which DuckDB reads without loading the whole file.',
    );
    expect(limitsFor('duckdb-wasm')).toEqual(BROWSER_LIMITS);
    expect(limitsFor('duckdb-native', { maxZipRatio: 10 })).toEqual({
      ...NATIVE_LIMITS,
      maxZipRatio: 10,
    });
  });

  it('the default limits are the ones docs/reliability.md states', () => {
    const docs = readFileSync(resolve(import.meta.dirname, '../../docs/reliability.md'), 'utf8');
    const row = (label: string): string =>
      docs.split('\n').find((l) => l.startsWith(`| ${label}`)) ?? '';
    expect(row('File read whole')).toContain(
      `| ${formatBytes(BROWSER_LIMITS.maxInMemoryBytes)} | ${formatBytes(NATIVE_LIMITS.maxInMemoryBytes)} |`,
    );
    expect(row('Workbook unpacked')).toContain(
      `| ${formatBytes(BROWSER_LIMITS.maxUnzippedBytes)} | ${formatBytes(NATIVE_LIMITS.maxUnzippedBytes)} |`,
    );
    expect(row('Compression ratio')).toContain(
      `| ${BROWSER_LIMITS.maxZipRatio} | ${NATIVE_LIMITS.maxZipRatio} |`,
    );
  });
});

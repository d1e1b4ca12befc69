/**
 * Issue 14, findings 4 and 11: files whose headers lie about their size are refused from the
 * header, before anything is allocated or looped over, with a message that names the file,
 * says what is wrong and what to do. Before the fix the Stata file without variables looped
 * 2^50 times (a frozen tab), and the others ended in "Invalid array length", "Truncated
 * Stata file" or an out-of-memory crash, with no file name.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NativeEngine } from '../../src/engine/NativeEngine.ts';
import { loadFile } from '../../src/ingest/index.ts';
import { zipArchive } from '../../scripts/generate-bad-fixtures.ts';
import {
  arrowClaimingRows,
  stataClaimingLabels,
  stataClaimingRows,
  stataClaimingVariables,
  stataWithoutVariables,
} from './hostile-headers.ts';
import { bytes, createEngine, datasetsDir, hasDatasets } from './helpers.ts';

let engine: NativeEngine;
beforeAll(async () => {
  engine = await createEngine();
});
afterAll(async () => {
  await engine.close();
});

function load(data: Uint8Array, fileName: string, table = 'hostile'): Promise<unknown> {
  return loadFile(engine, { table, fileName, source: bytes(data) });
}

describe('Stata headers are checked against the file size (finding 4)', () => {
  it('0 variables and 2^50 observations: refused at once, nothing to load', async () => {
    const file = stataWithoutVariables(2n ** 50n);
    expect(file.length).toBeLessThan(2000);
    await expect(load(file, 'survey.dta')).rejects.toThrow(
      /^survey\.dta has no variables: its header claims 0 variables and 1,125,899,906,842,624 observations, so there is nothing to load\. .*re-export it from Stata/,
    );
  });

  for (const [power, shown] of [
    [31n, '2,147,483,648'],
    [40n, '1,099,511,627,776'],
  ] as const) {
    it(`2^${power} rows in a file of a few hundred bytes: says the header lies, not "Invalid array length"`, async () => {
      const file = stataClaimingRows(2n ** power);
      await expect(load(file, 'survey.dta')).rejects.toThrow(
        new RegExp(
          `^survey\\.dta is damaged or not a Stata file: the header claims ${shown} rows of 1 byte each \\(.*\\), but the file has ${file.length.toLocaleString('en-US')} bytes\\. .*re-export it from Stata`,
        ),
      );
    });
  }

  it('2^32 − 1 variables (format 119): refused before reading their descriptions', async () => {
    await expect(load(stataClaimingVariables(), 'wide.dta')).rejects.toThrow(
      /^wide\.dta is damaged or not a Stata file: the header claims 4,294,967,295 variables, whose descriptions alone take .* bytes, but the file has .* bytes/,
    );
  });

  it('a value-label set claiming 2^31 − 1 labels: refused before allocating them', async () => {
    await expect(load(stataClaimingLabels(), 'labels.dta')).rejects.toThrow(
      /^labels\.dta is damaged or not a Stata file: its value-label set ccode_lbl claims 2,147,483,647 labels/,
    );
  });

  it('a file cut short: names the file and says it is cut short, not "Truncated Stata file"', async () => {
    const file = stataClaimingRows(3n);
    await expect(load(file.subarray(0, file.length - 400), 'cut.dta')).rejects.toThrow(
      /^cut\.dta is damaged or not a Stata file: it is cut short .*Download or copy it again/,
    );
  });

  it('the real rows still load when the header tells the truth', async () => {
    await load(stataClaimingRows(3n), 'honest.dta', 'honest');
    const { rows } = await engine.query('SELECT count(*)::INT AS n FROM honest');
    expect(rows).toEqual([{ n: 3 }]);
  });
});

describe('Arrow IPC lengths are checked against the buffers (finding 4)', () => {
  for (const [power, shown] of [
    [31n, '2,147,483,648'],
    [40n, '1,099,511,627,776'],
  ] as const) {
    for (const format of ['file', 'stream'] as const) {
      it(`an Arrow ${format} claiming 2^${power} rows: refused with the file name, no crash`, async () => {
        await expect(load(arrowClaimingRows(2n ** power, format), 'cases.arrow')).rejects.toThrow(
          new RegExp(
            `^cases\\.arrow is damaged or not an Arrow IPC file: it claims (${shown} rows, more|more values) than .* bytes can hold\\. Download or copy it again`,
          ),
        );
      });
    }
  }

  it('a row count the file could hold but its buffers do not: names the column', async () => {
    await expect(load(arrowClaimingRows(20_000n), 'cases.arrow')).rejects.toThrow(
      /^cases\.arrow is damaged or not an Arrow IPC file: its column id claims 20,000 values but its data buffer is too short for them/,
    );
  });

  it('bytes that are not Arrow at all: the message names the file', async () => {
    const noise = new Uint8Array(4096).map((_, i) => (i * 37) % 251);
    noise.set(new TextEncoder().encode('ARROW1'));
    await expect(load(noise, 'noise.arrow')).rejects.toThrow(
      /^noise\.arrow is damaged or not an Arrow IPC file: /,
    );
  });
});

describe('the zip check counts the whole archive (finding 11)', () => {
  it('240 parts each under 1 MiB that together inflate more than 200:1 are refused before unpacking', async () => {
    const part = new TextEncoder().encode(' '.repeat(1_000_000));
    const types = new TextEncoder().encode(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    );
    const archive = zipArchive([
      { name: '[Content_Types].xml', data: types },
      ...Array.from({ length: 240 }, (_, i) => ({
        name: `xl/worksheets/sheet${i + 1}.xml`,
        data: part,
      })),
    ]);
    expect(archive.length).toBeLessThan(1024 * 1024);
    await expect(load(archive, 'split.xlsx')).rejects.toThrow(
      /^split\.xlsx was refused before unpacking: its 241 parts would grow from .* to 229 MB in all \([\d,]+ times; real workbooks stay under 200\)\..*save the sheet as CSV/,
    );
  });

  it('the real DCID workbook (ratio about 6.5) still loads', async (context) => {
    const file = resolve(datasetsDir, 'DCID_2.0_Release_update_February_2023.xlsx');
    if (!hasDatasets || !existsSync(file)) {
      console.log(`skipped: ${file} is absent (the shared datasets folder is not here)`);
      context.skip();
    }
    await load(new Uint8Array(readFileSync(file)), 'DCID.xlsx', 'dcid');
    const { rows } = await engine.query('SELECT count(*)::INT AS n FROM dcid');
    expect(Number((rows[0] as { n: number }).n)).toBeGreaterThan(100);
  });

  it('the real TIES .xls (not zipped) still loads', async (context) => {
    const file = resolve(datasetsDir, 'TIESv4.xls');
    if (!hasDatasets || !existsSync(file)) {
      console.log(`skipped: ${file} is absent (the shared datasets folder is not here)`);
      context.skip();
    }
    await load(new Uint8Array(readFileSync(file)), 'TIESv4.xls', 'ties');
    const { rows } = await engine.query('SELECT count(*)::INT AS n FROM ties');
    expect(Number((rows[0] as { n: number }).n)).toBeGreaterThan(100);
  });
});

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { damagedXlsx, zipBomb } from '../../scripts/generate-bad-fixtures.ts';
import { arrowClaimingRows, stataWithoutVariables } from '../ingest/hostile-headers.ts';
import { andRun, openFiles, startUiSession, stopUiSession, type UiSession } from './ui-helpers.ts';

/**
 * Issue 14, finding 4, in the built app: a 1 kB Stata file whose header claims 0 variables and
 * 2^50 observations used to loop on the page's thread for good (a frozen tab; Cancel could
 * not run). Dropped into the page now, it fails its dataset with a message naming the file,
 * and the tab goes on working. Needs `npx vite build` (or STATECRAFT_DIST).
 */

let session: UiSession;
let page: Page;

beforeAll(async () => {
  session = await startUiSession('?blank');
  page = session.page;
});

afterAll(() => stopUiSession(session));

function notebook(dataset: string, file: string): string {
  return [
    '---',
    'title: A hostile file',
    'datasets:',
    `  ${dataset}: ${file}`,
    '---',
    '',
    '```sql alive',
    'SELECT 1 + 1 AS two',
    '```',
    '',
  ].join('\n');
}

/** Picks a notebook and a binary data file together, as a user does, and waits for the run. */
async function openWithData(text: string, name: string, data: Uint8Array): Promise<void> {
  await andRun(page, () =>
    page.locator('[data-testid="file-input"]').setInputFiles([
      { name, mimeType: 'application/octet-stream', buffer: Buffer.from(data) },
      { name: 'hostile.md', mimeType: 'text/markdown', buffer: Buffer.from(text) },
    ]),
  );
}

async function datasetMessage(name: string): Promise<string> {
  const item = page.locator(`[data-dataset="${name}"]`);
  expect(await item.getAttribute('data-dataset-status')).toBe('error');
  return item.locator('.error-message').innerText();
}

/**
 * The page still answers: a new notebook with a good file loads it (the page's thread and
 * DuckDB both work) and the page evaluates script.
 */
async function expectAlive(): Promise<void> {
  const text = ['---', 'datasets:', '  good: good.csv', '---', '', '# After', ''].join('\n');
  await openFiles(page, [
    { name: 'good.csv', text: 'country,year\nFreedonia,1990\nSylvania,1991\n' },
    { name: 'after.md', text },
  ]);
  const good = page.locator('[data-dataset="good"]');
  expect(await good.getAttribute('data-dataset-status')).toBe('ok');
  expect(await good.innerText()).toContain('2 rows');
  expect(await page.evaluate(() => 6 * 7)).toBe(42);
}

describe('files whose headers lie leave the tab alive (issue 14, finding 4)', () => {
  it('a Stata file claiming 0 variables and 2^50 observations: refused with its name, tab alive', async () => {
    await openWithData(
      notebook('survey', 'survey.dta'),
      'survey.dta',
      stataWithoutVariables(2n ** 50n),
    );
    expect(await datasetMessage('survey')).toMatch(
      /survey\.dta has no variables: its header claims 0 variables and 1,125,899,906,842,624 observations, so there is nothing to load\..*re-export it from Stata/,
    );
    await expectAlive();
  });

  it('an Arrow file claiming 2^31 rows: refused with its name instead of exhausting memory', async () => {
    await openWithData(
      notebook('cases', 'cases.arrow'),
      'cases.arrow',
      arrowClaimingRows(2n ** 31n),
    );
    expect(await datasetMessage('cases')).toMatch(
      /cases\.arrow is damaged or not an Arrow IPC file: it claims 2,147,483,648 rows, more than [\d,]+ bytes can hold\./,
    );
    await expectAlive();
  });
});

/**
 * A workbook's parts are inflated and checked in the parse worker (issue 20: on the page's
 * thread, inflating a large sheet blocked it for a quarter of a second). The worker's refusal
 * still reaches the dataset as the loader's own message.
 */
describe('workbooks the parse worker refuses while unpacking', () => {
  it('a zip bomb that lies about its size: stopped at the size it declares', async () => {
    await openWithData(notebook('liar', 'liar.xlsx'), 'liar.xlsx', await zipBomb(64, 100_000));
    expect(await datasetMessage('liar')).toMatch(
      /^liar\.xlsx was refused while unpacking: its part xl\/worksheets\/sheet1\.xml grows beyond the 97\.7 KB the archive declares .*"zip bomb"/,
    );
    await expectAlive();
  });

  it('corrupt data inside an .xlsx: damaged, with the part named', async () => {
    await openWithData(notebook('corrupt', 'corrupt.xlsx'), 'corrupt.xlsx', damagedXlsx());
    expect(await datasetMessage('corrupt')).toMatch(
      /^corrupt\.xlsx is damaged: its part xl\/worksheets\/sheet1\.xml does not unpack .*save a new copy/,
    );
    await expectAlive();
  });
});

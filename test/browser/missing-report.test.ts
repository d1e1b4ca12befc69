/**
 * Issue 17 in the built app: a file with missing values in every model column
 * (test/fixtures/stats/missing-spread.R, written by R's write.csv) opened with a notebook.
 * The page says under each statistics table how many rows were left out and which columns
 * cost them, the HTML report says the same, and results.json carries each cell's
 * `<name>_missing` table — equal to R's colSums(is.na(...)) and to the command line's.
 * Needs a built app (STATECRAFT_DIST or dist/).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './harness.ts';
import {
  cliResults,
  comparable,
  differences,
  downloadOf,
  openFiles,
  pageResults,
  readRepoFile,
  startUiSession,
  stopUiSession,
  type UiSession,
} from './ui-helpers.ts';

interface Counts {
  missing: { column: string; missing: number }[];
}
const reference = JSON.parse(readRepoFile('test/fixtures/stats/missing-spread.json')) as {
  rows: number;
  logit: Counts & { formula: string; n: number };
  rate: Counts;
  crosstab: Counts;
};

const NOTEBOOK = `---
title: Missing values spread over the model
datasets:
  spread:
    file: missing-spread.csv
---

\`\`\`logit model
from: spread
formula: ${reference.logit.formula}
\`\`\`

\`\`\`rate rates
from: spread
outcome: y
by: region
\`\`\`

\`\`\`crosstab table
from: spread
rows: region
cols: flag
\`\`\`
`;

/** "62 rows left out: x1 23, region 16, x2 11, flag 9, y 7" from R's counts, largest first. */
function sentence({ missing }: Counts): string {
  const total = missing.at(-1)!.missing;
  const parts = missing
    .slice(0, -1)
    .filter((m) => m.missing > 0)
    .sort((a, b) => b.missing - a.missing)
    .map((m) => `${m.column} ${m.missing}`);
  return `${total} rows left out: ${parts.join(', ')}`;
}

let session: UiSession;
let page: Page;

beforeAll(async () => {
  session = await startUiSession('?blank');
  page = session.page;
  await openFiles(page, [
    { name: 'missing-spread.md', text: NOTEBOOK },
    {
      name: 'missing-spread.csv',
      text: readRepoFile('test/fixtures/stats/missing-spread.csv'),
    },
  ]);
});
afterAll(async () => stopUiSession(session));

describe('missing values reported where they matter, in the page', () => {
  it('says under each statistics table which columns cost the rows left out', async () => {
    const note = (cell: string) => page.locator(`[data-cell="${cell}"] [data-missing]`).innerText();
    expect(await note('model')).toBe(sentence(reference.logit));
    expect(await note('rates')).toBe(sentence(reference.rate));
    expect(await note('table')).toBe(sentence(reference.crosstab));
    expect(await note('model')).toBe('62 rows left out: x1 23, region 16, x2 11, flag 9, y 7');
  });

  it('puts R’s counts in results.json, as the command line does', async () => {
    const results = await pageResults(page);
    expect(results.model_missing).toEqual(reference.logit.missing);
    expect(results.rates_missing).toEqual(reference.rate.missing);
    expect(results.table_missing).toEqual(reference.crosstab.missing);
    expect(results.model_fit).toMatchObject([
      { n: reference.logit.n, n_dropped: reference.rows - reference.logit.n },
    ]);
    const cli = cliResults(NOTEBOOK, 'missing-spread.md', `${repoRoot}/test/fixtures/stats`);
    expect(cli.status).toBe(0);
    expect(differences(comparable(results), comparable(cli.results))).toEqual([]);
  });

  it('says the same in the HTML report', async () => {
    const report = await downloadOf(page, () => page.getByTestId('export-html').click());
    for (const counts of [reference.logit, reference.rate, reference.crosstab]) {
      expect(report.text).toContain(`<p class="note">${sentence(counts)}</p>`);
    }
  });
});

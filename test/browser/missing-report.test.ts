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

describe('the explorer on that file', () => {
  it('says its rates and its logit use different samples, and one click makes them one', async () => {
    await page.getByTestId('open-explorer').click();
    await page.waitForSelector('[data-testid="explorer"][open]');
    await page.getByTestId('explorer-table').selectOption('spread');
    await page.getByTestId('explorer-outcome').selectOption('y');
    await page.getByTestId('explorer-engagement').selectOption('flag');
    await page.locator('[data-control="x1"]').check();
    const ready = async (text: string) => {
      await page.waitForFunction(
        (t) => document.querySelector('[data-testid="explorer-cells"]')?.textContent?.includes(t),
        text,
      );
      await page.waitForSelector('[data-testid="explorer"][data-preview="ready"]', {
        timeout: 60_000,
      });
    };
    await ready('formula: y ~ flag + x1');
    const samples = page.getByTestId('explorer-samples');
    const said = (await samples.innerText()).replace(/\s+/g, ' ');
    // Rows with y and flag (R: 400 - 7 - 9 + rows missing both), and the logit's without x1 too.
    const [rates, crosstab, model] = [...said.matchAll(/(\d+) rows?|crosstab (\d+)|logit (\d+)/g)]
      .map((m) => Number(m[1] ?? m[2] ?? m[3]))
      .slice(0, 3);
    expect(rates).toBe(crosstab);
    expect(model).toBeLessThan(rates);
    expect(await page.locator('[data-testid="explorer-model"] [data-missing]').innerText()).toMatch(
      /^\d+ rows left out: x1 \d+, flag 9, y 7$/,
    );

    await samples.getByRole('button', { name: 'Use the model’s sample for every result' }).click();
    await ready(
      'WHERE "y" IS NOT NULL\n  AND "flag" IS NOT NULL\n  AND ("x1" IS NOT NULL AND NOT isnan("x1"))',
    );
    expect(await samples.innerText()).toMatch(/Every result uses the model’s sample/);
    const rows = await page.locator('[data-testid="explorer"] .rows').first().innerText();
    expect(rows).toBe(`${model} rows after the filters.`);
    expect(await page.locator('[data-testid="explorer"] [data-missing]').count()).toBe(0);
  });
});

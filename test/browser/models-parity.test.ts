import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './harness.ts';
import {
  andRun,
  cliResults,
  differences,
  downloadOf,
  openFiles,
  pageResults,
  type Results,
  startUiSession,
  stopUiSession,
  type UiSession,
} from './ui-helpers.ts';

/**
 * The model options of issue 18 in the page against the command line: clustered errors with
 * fractional weights and a weighted probit over 200,000 generated rows (four slices) (so the page sums half
 * the IRLS slices on the statistics worker, which must take the weights and the link), and
 * Firth's logit on a small separated sample (its sums and the sandwich run on the main thread).
 * Every number the page reports must be the command line's, bit for bit.
 */
const NOTEBOOK = `---
title: Robust, weighted, probit and Firth models
---

\`\`\`sql sample
SELECT CAST(hash(i * 7 + 1) % 2 AS INTEGER) AS y,
  (hash(i * 7 + 2) % 1000000) / 1e5 - 5 AS x1,
  1990 + CAST(hash(i * 7 + 3) % 31 AS INTEGER) AS year,
  ['Africa', 'Americas', 'Asia', 'Europe'][1 + CAST(hash(i * 7 + 4) % 4 AS INTEGER)] AS region,
  0.5 + (hash(i * 7 + 5) % 30) / 10.0 AS w,
  'c' || CAST(hash(i * 7 + 6) % 50 AS VARCHAR) AS country
FROM range(200000) AS t(i)
\`\`\`

\`\`\`logit clustered
from: sample
formula: y ~ x1 + year + region
weights: w
se: cluster
cluster: country
\`\`\`

\`\`\`probit weighted
from: sample
formula: y ~ x1 + year + region
weights: w
se: HC1
predict: region
\`\`\`

\`\`\`sql separated
SELECT CASE WHEN i % 5 = 0 THEN 1 ELSE CAST(hash(i) % 2 AS INTEGER) END AS y,
  i % 5 = 0 AS flag, (hash(i + 1000) % 1000) / 250.0 - 2 AS x
FROM range(120) AS t(i)
\`\`\`

\`\`\`logit flagged
from: separated
formula: y ~ x + flag
\`\`\`

\`\`\`logit firth
from: separated
formula: y ~ x + flag
method: firth
\`\`\`
`;

const MODEL_TABLES = [
  ...['clustered', 'weighted', 'flagged', 'firth'].flatMap((m) => [m, `${m}_fit`, `${m}_missing`]),
  'weighted_predicted',
];

function modelTables(results: Results): Results {
  return Object.fromEntries(
    MODEL_TABLES.map((name) => [name, results[name]]),
  ) as unknown as Results;
}

let session: UiSession;
let page: Page;

beforeAll(async () => {
  session = await startUiSession();
  page = session.page;
});
afterAll(async () => stopUiSession(session));

describe('robust, weighted, probit and Firth models in the page and on the command line', () => {
  it('give the same results.json, with the slice worker summing weighted probit slices', async () => {
    await openFiles(page, [{ name: 'models.md', text: NOTEBOOK }], 500_000);
    const inPage = modelTables(await pageResults(page));
    const cli = cliResults(NOTEBOOK, 'models.md', repoRoot);
    expect(cli.status, cli.output).toBe(0);
    const fit = (name: string) => (inPage[`${name}_fit`] as Record<string, unknown>[])[0];
    expect(fit('clustered')).toMatchObject({ n: 200000, se_type: 'cluster', clusters: 50 });
    expect(fit('weighted')).toMatchObject({ n: 200000, se_type: 'HC1', converged: true });
    expect(fit('firth')).toMatchObject({ method: 'firth', converged: true, warning: null });
    expect(String(fit('flagged').warning)).toContain('`method: firth`');
    expect(Object.keys((inPage.weighted as Record<string, unknown>[])[0])).not.toContain(
      'odds_ratio',
    );
    expect(differences(inPage, modelTables(cli.results))).toEqual([]);
    expect(session.opened.requests.all.some((url) => /kernel-worker-[\w-]+\.js$/.test(url))).toBe(
      true,
    );
    // The page says what kind of standard errors the table holds.
    await expect
      .poll(() => page.locator('[data-cell="clustered"] .note').first().innerText())
      .toContain('clustered by country (50 clusters)');
  }, 600_000);

  it('offers standard errors, cluster, weights and method in the logit form', async () => {
    const cell = page.locator('[data-cell="firth"]');
    await cell.getByTestId('cell-form-toggle').getByRole('button', { name: 'Form' }).click();
    const form = cell.getByTestId('cell-form');
    expect(await form.getByLabel('Method').inputValue()).toBe('firth');
    for (const label of ['Standard errors', 'Cluster column', 'Weights column']) {
      await expect.poll(() => form.getByLabel(label).count()).toBe(1);
    }
    await andRun(page, () => form.getByLabel('Method').selectOption('ml'));
    const saved = (await downloadOf(page, () => page.getByTestId('save-notebook').click())).text;
    expect(saved).toBe(NOTEBOOK.replace('method: firth', 'method: ml'));
    const fit = ((await pageResults(page)).firth_fit as Record<string, unknown>[])[0];
    expect(fit.method).toBe('ml');

    const probit = page.locator('[data-cell="weighted"]');
    await probit.getByTestId('cell-form-toggle').getByRole('button', { name: 'Form' }).click();
    const probitForm = probit.getByTestId('cell-form');
    expect(await probitForm.getByLabel('Standard errors').inputValue()).toBe('HC1');
    expect(await probitForm.getByLabel('Weights column').inputValue()).toBe('w');
    expect(await probitForm.getByLabel('Method').count()).toBe(0);
  }, 300_000);
});

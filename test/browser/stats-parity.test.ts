import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './harness.ts';
import {
  cliResults,
  differences,
  openFiles,
  type Results,
  startUiSession,
  stopUiSession,
  type UiSession,
} from './ui-helpers.ts';

/**
 * A logit big enough that the page sums half its rows on the statistics worker (four or more
 * slices of 65,536 rows), against the command line, which sums every slice on one thread.
 */
const BIG = `---
title: A logit over 300,000 generated rows
---

\`\`\`sql sample
SELECT CAST(hash(i * 7 + 1) % 2 AS INTEGER) AS y,
  (hash(i * 7 + 2) % 1000000) / 1e5 - 5 AS x1,
  (hash(i * 7 + 3) % 1000) / 37.0 AS x2,
  ['Africa', 'Americas', 'Asia', 'Europe'][1 + CAST(hash(i * 7 + 4) % 4 AS INTEGER)] AS region
FROM range(300000) AS t(i)
\`\`\`

\`\`\`logit model
from: sample
formula: y ~ x1 + x2 + region
predict: region
\`\`\`
`;

const MODEL_TABLES = ['model', 'model_fit', 'model_predicted'];

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

describe('statistics in the page and on the command line', () => {
  it('fits a 300,000-row logit with a worker thread to the same bits as the CLI', async () => {
    await openFiles(page, [{ name: 'big-logit.md', text: BIG }], 120_000);
    const inPage = (await page.evaluate(async (names) => {
      const all = (await window.statecraft!.results()) as Record<string, unknown>;
      return Object.fromEntries(names.map((n) => [n, all[n]]));
    }, MODEL_TABLES)) as unknown as Results;
    const cli = cliResults(BIG, 'big-logit.md', repoRoot);
    expect(cli.status).toBe(0);
    const fit = (inPage.model_fit as { n: number; converged: boolean }[])[0];
    expect(fit).toMatchObject({ n: 300000, converged: true });
    expect((inPage.model as { term: string }[]).map((r) => r.term)).toEqual([
      '(Intercept)',
      'x1',
      'x2',
      'regionAmericas',
      'regionAsia',
      'regionEurope',
    ]);
    expect(differences(inPage, modelTables(cli.results))).toEqual([]);
    // The half of the rows summed off the main thread really was: its worker script loaded.
    expect(session.opened.requests.all.some((url) => /kernel-worker-[\w-]+\.js$/.test(url))).toBe(
      true,
    );
  });
});

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './harness.ts';
import {
  cellStatuses,
  cliResults,
  comparable,
  differences,
  openFiles,
  pageResults,
  startUiSession,
  stopUiSession,
  type UiSession,
} from './ui-helpers.ts';

/**
 * Ordered logits over 80,000 generated rows (two slices of the fit's loops, so the page yields
 * between them): a numeric outcome with codes 0 2 3 10 and predictions by a text predictor, a
 * text outcome in a `levels:` order with prior weights. The page's results.json must be the
 * command line's, bit for bit.
 */
const NOTEBOOK = `---
title: Ordered logits over 80,000 generated rows
---

\`\`\`sql sample
SELECT x1, x2, region, w,
  CASE WHEN latent < -1 THEN 0 WHEN latent < 0.3 THEN 2 WHEN latent < 1.5 THEN 3 ELSE 10 END AS sev,
  CASE WHEN latent + noise < -0.5 THEN 'disagree' WHEN latent + noise < 1 THEN 'neutral'
    ELSE 'agree' END AS opinion
FROM (
  SELECT x1, x2, region, w,
    0.8 * x1 - 0.3 * (x2 - 2005) + CASE region WHEN 'Asia' THEN 0.5 WHEN 'Europe' THEN -0.4 ELSE 0 END
      + ln(u / (1 - u)) AS latent,
    ln(v / (1 - v)) AS noise
  FROM (
    SELECT (hash(i * 7 + 1) % 1000000) / 4e5 - 1.25 AS x1,
      (hash(i * 7 + 2) % 1000) / 100.0 + 2000 AS x2,
      ['Africa', 'Americas', 'Asia', 'Europe'][1 + CAST(hash(i * 7 + 3) % 4 AS INTEGER)] AS region,
      0.5 + (hash(i * 7 + 4) % 1000) / 500.0 AS w,
      ((hash(i * 7 + 5) % 1000000) + 0.5) / 1e6 AS u,
      ((hash(i * 7 + 6) % 1000000) + 0.5) / 1e6 AS v
    FROM range(80000) AS t(i)
  )
)
\`\`\`

\`\`\`ologit severity
from: sample
formula: sev ~ x1 + x2 + region
predict: region
\`\`\`

\`\`\`ologit opinions
from: sample
formula: opinion ~ x1 + region
levels: [disagree, neutral, agree]
weights: w
predict: region
\`\`\`
`;

let session: UiSession;
let page: Page;

beforeAll(async () => {
  session = await startUiSession();
  page = session.page;
});
afterAll(async () => stopUiSession(session));

describe('ordered logits in the page and on the command line', () => {
  it('give the same results.json, bit for bit', async () => {
    await openFiles(page, [{ name: 'ologit.md', text: NOTEBOOK }], 120_000);
    expect(await cellStatuses(page)).toMatchObject({ severity: 'ok', opinions: 'ok' });
    const inPage = await pageResults(page);
    const cli = cliResults(NOTEBOOK, 'ologit.md', repoRoot);
    expect(cli.status, cli.output).toBe(0);
    const fit = (inPage.severity_fit as { n: number; converged: boolean }[])[0];
    expect(fit).toMatchObject({ n: 80000, converged: true });
    expect((inPage.opinions as { term: string }[]).map((r) => r.term)).toEqual([
      'x1',
      'regionAmericas',
      'regionAsia',
      'regionEurope',
      'disagree|neutral',
      'neutral|agree',
    ]);
    // 4 regions × 4 categories, and 4 × 3.
    expect((inPage.severity_predicted as unknown[]).length).toBe(16);
    expect((inPage.opinions_predicted as unknown[]).length).toBe(12);
    expect(differences(comparable(inPage), comparable(cli.results))).toEqual([]);
  });

  it('shows the cut-points and the predicted categories on the page', async () => {
    const cell = page.locator('[data-cell="opinions"]');
    await expect.poll(() => cell.locator('table.ologit').count()).toBe(1);
    const text = await cell.innerText();
    expect(text).toContain('Ordered logistic regression');
    expect(text).toContain('disagree|neutral');
    expect(text).toContain('Average predicted probability of each category by');
  });
});

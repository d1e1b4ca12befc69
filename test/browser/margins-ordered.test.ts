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
 * The margins cell on an ordered logit (per category) and on a probit with HC1 errors, over
 * 70,000 generated rows (two slices of the averaging loops, so the page yields between them):
 * the page's results.json must be the command line's, bit for bit, and the page shows the
 * category column and says the curve's intervals are not clamped. Needs a built app.
 */
const NOTEBOOK = `---
title: Marginal effects over 70,000 generated rows
---

\`\`\`sql sample
SELECT x, z, flag, region,
  CASE WHEN latent < -0.5 THEN 1 WHEN latent < 0.8 THEN 2 WHEN latent < 2 THEN 3 ELSE 4 END AS rank,
  latent + noise > 0.6 AS won
FROM (
  SELECT x, z, flag, region,
    0.5 * x - 0.06 * x * x + 0.6 * z - 0.3 * x * z + CASE WHEN flag THEN 0.7 ELSE 0 END
      + CASE region WHEN 'beta' THEN -0.5 WHEN 'gamma' THEN 0.4 ELSE 0 END
      + ln(u / (1 - u)) AS latent,
    ln(v / (1 - v)) AS noise
  FROM (
    SELECT (hash(i * 7 + 1) % 1000000) / 2.5e5 - 2 AS x,
      (hash(i * 7 + 2) % 2001) / 1000.0 - 1 AS z,
      hash(i * 7 + 3) % 5 < 2 AS flag,
      ['alpha', 'beta', 'gamma'][1 + CAST(hash(i * 7 + 4) % 3 AS INTEGER)] AS region,
      ((hash(i * 7 + 5) % 1000000) + 0.5) / 1e6 AS u,
      ((hash(i * 7 + 6) % 1000000) + 0.5) / 1e6 AS v
    FROM range(70000) AS t(i)
  )
)
\`\`\`

\`\`\`ologit ranked
from: sample
formula: rank ~ x * z + I(x^2) + flag + region
\`\`\`

\`\`\`margins ranked_effects
model: ranked
at: {z: [-1, 0, 1]}
\`\`\`

\`\`\`probit won_model
from: sample
formula: won ~ x * z + I(x^2) + flag + region
se: HC1
\`\`\`

\`\`\`margins won_effects
model: won_model
variables: [x, flag, region]
at: {region: [alpha, beta, gamma]}
\`\`\`
`;

let session: UiSession;
let page: Page;

beforeAll(async () => {
  session = await startUiSession();
  page = session.page;
});
afterAll(async () => stopUiSession(session));

describe('the margins cell on an ordered logit and a probit, in the page', () => {
  it('gives the command line’s results.json, bit for bit', async () => {
    await openFiles(page, [{ name: 'margins.md', text: NOTEBOOK }], 180_000);
    expect(await cellStatuses(page)).toMatchObject({
      ranked: 'ok',
      ranked_effects: 'ok',
      won_model: 'ok',
      won_effects: 'ok',
    });
    const inPage = await pageResults(page);
    const cli = cliResults(NOTEBOOK, 'margins.md', repoRoot);
    expect(cli.status, cli.output).toBe(0);
    // Every predictor (x, z, flag, region: 1 + 1 + 1 + 2 contrasts) × 4 categories.
    const ranked = inPage.ranked_effects as { term: string; category: number }[];
    expect(ranked).toHaveLength(5 * 4);
    expect(ranked.slice(0, 4).map((r) => [r.term, r.category])).toEqual([
      ['x', 1],
      ['x', 2],
      ['x', 3],
      ['x', 4],
    ]);
    expect((inPage.ranked_effects_curve as unknown[]).length).toBe(3 * 4);
    expect((inPage.won_effects as unknown[]).length).toBe(4);
    expect(differences(comparable(inPage), comparable(cli.results))).toEqual([]);
  });

  it('shows each category’s effects and says the curve is not clamped', async () => {
    const cell = page.locator('[data-cell="ranked_effects"]');
    await expect.poll(() => cell.locator('table.margins').count()).toBe(1);
    const head = await cell.locator('table.margins thead').innerText();
    expect(head.split(/\s*\t\s*|\n/).slice(0, 3)).toEqual(['Term', 'Category', 'Contrast']);
    const text = await cell.innerText();
    expect(text).toContain('Average marginal effects on the probability of each category');
    expect(text).toContain('gamma - alpha');
    expect(text).toContain('not clamped to [0, 1]');
  });
});

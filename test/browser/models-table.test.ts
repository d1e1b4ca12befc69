/**
 * The models cell in the built app (issue 19): notebooks/paper-tables.md shows its regression
 * table as papers print it, and the cell's LaTeX and Markdown buttons download exactly the
 * files `statecraft run` writes beside results.json. Needs a built app (STATECRAFT_DIST or
 * dist/).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './harness.ts';
import { downloadOf, startUiSession, stopUiSession, type UiSession } from './ui-helpers.ts';

let session: UiSession;
let page: Page;
let cli: Record<string, string>;

beforeAll(async () => {
  const out = mkdtempSync(join(tmpdir(), 'sc-models-'));
  try {
    const run = spawnSync(
      process.execPath,
      ['bin/statecraft.js', 'run', 'notebooks/paper-tables.md', '--data', 'data', '--out', out],
      { cwd: repoRoot, encoding: 'utf8', timeout: 120_000 },
    );
    expect(run.status, run.stdout + run.stderr).toBe(0);
    cli = {
      tex: readFileSync(join(out, 'paper_table.tex'), 'utf8'),
      md: readFileSync(join(out, 'paper_table.md'), 'utf8'),
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  session = await startUiSession('?notebook=paper-tables');
  page = session.page;
}, 240_000);
afterAll(() => stopUiSession(session));

const cell = () => page.locator('[data-cell="paper_table"]');

describe('the models cell on the page', () => {
  it('renders terms as rows and models as columns, standard errors under estimates', async () => {
    const table = cell().getByTestId('regression-table');
    await table.waitFor({ timeout: 120_000 });
    const headings = await table.locator('thead th').allInnerTexts();
    expect(headings.map((h) => h.trim())).toEqual(['', 'Model 1', 'Model 2', 'Model 3']);
    const rows = await table
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.children].map((c) => (c as HTMLElement).innerText.trim())),
      );
    const costs = rows.findIndex((r) => r[0] === 'target_costs');
    expect(rows[costs]).toEqual(['target_costs', '1.060***', '0.961***', '0.961***']);
    expect(rows[costs + 1]).toEqual(['', '(0.143)', '(0.147)', '(0.133)']);
    expect(rows.find((r) => r[0] === 'N')).toEqual(['N', '1240', '1240', '1240']);
    expect(rows.find((r) => r[0] === 'Standard errors')).toEqual([
      'Standard errors',
      'model',
      'model',
      'clustered (88)',
    ]);
    expect(rows.find((r) => r[0] === 'LR df')).toEqual(['LR df', '', '5', '0']);
  });

  it('downloads the LaTeX and Markdown the command line writes', async () => {
    const tex = await downloadOf(page, () => cell().getByTestId('models-latex').click());
    expect(tex.name).toBe('paper_table.tex');
    expect(tex.text).toBe(cli.tex);
    const md = await downloadOf(page, () => cell().getByTestId('models-markdown').click());
    expect(md.name).toBe('paper_table.md');
    expect(md.text).toBe(cli.md);
  });

  it('downloads the table as CSV, cells as shown', async () => {
    const csv = await downloadOf(page, () => cell().getByTestId('models-csv').click());
    expect(csv.name).toBe('paper_table.csv');
    const lines = csv.text.split('\r\n');
    expect(lines[0]).toBe(',Model 1,Model 2,Model 3');
    expect(lines).toContain('target_costs,1.060***,0.961***,0.961***');
  });

  it('copies an HTML table for Word and Google Docs', async () => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await cell().getByTestId('models-word').click();
    await expect.poll(() => cell().getByRole('status').innerText()).toContain('Copied');
    const html = await page.evaluate(async () => {
      const [item] = await navigator.clipboard.read();
      return (await item.getType('text/html')).text();
    });
    expect(html).toContain('<table style="border-collapse:collapse;');
    expect(html).toContain('clustered (88)');
  });

  it('puts the same table in the HTML report', async () => {
    const report = await downloadOf(page, () => page.getByTestId('export-html').click());
    expect(report.text).toContain('<table style="border-collapse:collapse;');
    expect(report.text).toContain('>Model 3</td>');
    expect(report.text).toContain('0.961<sup>***</sup>');
  });
});

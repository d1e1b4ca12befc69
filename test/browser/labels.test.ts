import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labelledDta, labelledNotebook } from '../charts/labelled-dta.ts';
import { andRun, cliResults, startUiSession, stopUiSession, type UiSession } from './ui-helpers.ts';

/**
 * Variable labels as the names people read, in the built app: a chart over a Stata file titles
 * its axis with the variable label, and a result table heads the column with it, the column
 * name in the header's title. Needs a build (STATECRAFT_DIST or dist/).
 */

let ui: UiSession;
let page: Page;

beforeAll(async () => {
  ui = await startUiSession('?blank');
  page = ui.page;
}, 180_000);

afterAll(async () => {
  await stopUiSession(ui);
});

describe('variable labels', () => {
  it('a chart from a Stata file shows the variable label as its axis title, and the table header too', async () => {
    const chart = ['from: by_eu', 'mark: barY', 'x: EU', 'y: cost'];
    await andRun(page, () =>
      page.locator('[data-testid="file-input"]').setInputFiles([
        {
          name: 'sanctions.dta',
          mimeType: 'application/octet-stream',
          buffer: Buffer.from(labelledDta()),
        },
        { name: 'labels.md', mimeType: 'text/plain', buffer: Buffer.from(labelledNotebook(chart)) },
      ]),
    );

    const svg = page.locator('[data-cell="costs"] svg.statecraft-chart');
    await svg.waitFor();
    const axisTitles = await svg
      .locator('[aria-label="x-axis label"] text, [aria-label="y-axis label"] text')
      .allTextContents();
    expect(axisTitles.join(' | ')).toContain('EU SANCTION');
    expect(axisTitles.join(' | ')).toContain('Cost to target (bn USD)');
    // The codes read as their value labels.
    expect(await svg.locator('[aria-label="x-axis tick label"] text').allTextContents()).toEqual([
      'No',
      'Yes',
    ]);

    // The command line draws the same titles: the labels travel in the chart's spec.
    const data = mkdtempSync(join(tmpdir(), 'statecraft-labels-'));
    try {
      writeFileSync(join(data, 'sanctions.dta'), labelledDta());
      const { svgs, status, output } = cliResults(labelledNotebook(chart), 'labels.md', data);
      expect(status, output).toBe(0);
      const cliTitles = [
        ...svgs['costs.svg'].matchAll(
          /aria-label="[xy]-axis label"[^>]*>(?:<[^>]*>)*?<text[^>]*>([^<]*)</g,
        ),
      ].map((m) => m[1]);
      expect(cliTitles).toEqual(axisTitles);
    } finally {
      rmSync(data, { recursive: true, force: true });
    }

    // The labels arrive with the table list the page reads once the run has ended.
    const header = page
      .locator('[data-cell="by_eu"] button.sort[data-sort-column="EU"]')
      .filter({ hasText: 'EU SANCTION' });
    await header.waitFor();
    expect((await header.locator('.name').textContent())?.trim()).toBe('EU SANCTION');
    expect(await header.getAttribute('title')).toContain('column EU');
    // A column no dataset documents keeps its name.
    const n = page.locator('[data-cell="by_eu"] button.sort[data-sort-column="n"] .name');
    expect((await n.textContent())?.trim()).toBe('n');
  });

  it('the data panel lists the label beside the name and counts a 0/1 double per value', async () => {
    const entry = page.locator('.data-panel [data-table="sanctions"]');
    await entry.locator('summary').click();
    const column = entry.locator('[data-column="EU"]');
    expect(await column.locator('[data-label]').textContent()).toBe('EU SANCTION');
    expect(await column.locator('code').textContent()).toBe('EU');
    await column.locator('button.column').click();
    const shown = page.locator('[data-profile="EU"]');
    const rows = shown.locator('table.top[data-categorical="true"] tr[data-top-value]');
    await rows.first().waitFor();
    const counts = await rows.evaluateAll((trs) =>
      trs.map((tr) => [tr.getAttribute('data-top-value'), tr.getAttribute('data-count')]),
    );
    expect(counts).toEqual([
      ['0', '3'],
      ['1', '3'],
    ]);
    // The value labels name the codes.
    expect(await rows.first().locator('.text').textContent()).toContain('No');
    expect(await shown.locator('.histogram').count()).toBe(0);
  });

  it('the explorer lists a column by its label, the name beside it', async () => {
    await page.getByTestId('open-explorer').click();
    await page.waitForSelector('[data-testid="explorer"][open]');
    await page.getByTestId('explorer-table').selectOption('sanctions');
    const option = page.locator('[data-testid="explorer-outcome"] option[value="EU"]');
    expect(await option.textContent()).toBe('EU SANCTION — EU (double)');
  });
});

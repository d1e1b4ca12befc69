import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './harness.ts';
import {
  cliResults,
  comparable,
  differences,
  downloadOf,
  pageResults,
  readRepoFile,
  replaceCellBody,
  screenshot,
  startUiSession,
  stopUiSession,
  type UiSession,
  andRun,
} from './ui-helpers.ts';

/**
 * Editing a rate cell with its form instead of its YAML: the dropdowns list the live columns,
 * a change runs the cell as Ctrl+Enter would, the numbers match the command line's for the
 * rewritten notebook, and Undo takes the change back. Needs `npx vite build`.
 */

const WELCOME = readRepoFile('notebooks/welcome.md');
const RATE = 'failure_by_embassy';

let session: UiSession;
let page: Page;

beforeAll(async () => {
  session = await startUiSession();
  page = session.page;
});

afterAll(() => stopUiSession(session));

async function savedNotebook(): Promise<string> {
  return (await downloadOf(page, () => page.getByTestId('save-notebook').click())).text;
}

/** The welcome notebook with the rate cell grouped `by` instead. */
function welcomeWithRateBy(by: string): string {
  return replaceCellBody(WELCOME, `rate ${RATE}`, `from: us_episodes\noutcome: failed\nby: ${by}`);
}

async function rateRows(): Promise<Record<string, unknown>[]> {
  return (await pageResults(page))[RATE] as Record<string, unknown>[];
}

describe('a rate cell edited with its form', () => {
  it('lists the columns of the from table and re-runs with a new grouping', async () => {
    const cell = page.locator(`[data-cell="${RATE}"]`);
    const toggle = cell.getByTestId('cell-form-toggle');
    const formButton = toggle.getByRole('button', { name: 'Form' });
    const yamlButton = toggle.getByRole('button', { name: 'YAML' });
    expect(await yamlButton.getAttribute('aria-pressed')).toBe('true');
    expect(await formButton.getAttribute('aria-pressed')).toBe('false');
    // SQL cells have no form.
    expect(
      await page.locator('[data-cell="us_episodes"] [data-testid="cell-form-toggle"]').count(),
    ).toBe(0);

    await formButton.click();
    expect(await formButton.getAttribute('aria-pressed')).toBe('true');
    const form = cell.getByTestId('cell-form');
    // The form's code may still be loading (it loads apart from the page): it then appears.
    await form.waitFor({ state: 'visible' });
    expect(await cell.locator('.cm-content, .plain').count()).toBe(0);

    const columns = await page.evaluate(async () => {
      const hooks = window.statecraft!;
      const result = await hooks.query(
        `SELECT column_name FROM information_schema.columns
         WHERE table_name = 'us_episodes' ORDER BY ordinal_position`,
      );
      return result.rows.map((r) => String(r.column_name));
    });
    expect(columns).toContain('target_region');
    const by = form.locator('[data-field="by"] input[type="checkbox"]');
    expect(await by.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).toEqual(
      columns,
    );
    const checkedBy = () =>
      by.evaluateAll((els) =>
        els
          .filter((e) => (e as HTMLInputElement).checked)
          .map((e) => (e as HTMLInputElement).value),
      );
    expect(await checkedBy()).toEqual(['embassy_closed']);
    const outcome = form.getByLabel('Outcome (true/false or 0/1)');
    expect(await outcome.inputValue()).toBe('failed');
    expect(await outcome.locator('option').allInnerTexts()).toEqual(columns);
    expect(await form.getByLabel('Table').inputValue()).toBe('us_episodes');

    const before = await rateRows();
    expect(before).toHaveLength(2);

    // Group by region as well, then by region alone: two edits, each one run.
    const byColumn = (name: string) => form.getByRole('checkbox', { name, exact: true });
    await andRun(page, () => byColumn('target_region').check());
    const both = await savedNotebook();
    expect(both).toBe(welcomeWithRateBy('[embassy_closed, target_region]'));
    await andRun(page, () => byColumn('embassy_closed').uncheck());
    const edited = await savedNotebook();
    expect(edited).toBe(welcomeWithRateBy('target_region'));
    expect(await page.locator(`[data-cell="${RATE}"]`).getAttribute('data-status')).toBe('ok');

    const after = await rateRows();
    expect(Object.keys(after[0])).toContain('target_region');
    expect(Object.keys(after[0])).not.toContain('embassy_closed');
    expect(after.length).toBeGreaterThan(2);
    expect(after.reduce((sum, r) => sum + Number(r.n), 0)).toBe(
      before.reduce((sum, r) => sum + Number(r.n), 0),
    );
    const cli = cliResults(edited, 'welcome.md', join(repoRoot, 'data'));
    expect(differences(comparable(await pageResults(page)), comparable(cli.results))).toEqual([]);
    await cell.scrollIntoViewIfNeeded();
    await screenshot(page, 'rate-cell-form');

    // Undo goes back one edit at a time, through the same history as typed edits.
    const undo = page.getByRole('button', { name: 'Undo' });
    await andRun(page, () => undo.click());
    expect(await savedNotebook()).toBe(both);
    await andRun(page, () => undo.click());
    expect(await savedNotebook()).toBe(WELCOME);
    expect(await rateRows()).toEqual(before);
    expect(await checkedBy()).toEqual(['embassy_closed']);

    // Back to YAML: the editor shows the restored body.
    await yamlButton.click();
    expect(await cell.getByTestId('cell-form').count()).toBe(0);
    expect(await cell.locator('.cm-content, .plain').innerText()).toContain('by: embassy_closed');
  });

  it('edits a chart mark and a logit formula, and Undo takes each back', async () => {
    const chart = page.locator('[data-cell="#3"]');
    await chart.getByTestId('cell-form-toggle').getByRole('button', { name: 'Form' }).click();
    const mark = chart.getByTestId('cell-form').getByLabel('Mark');
    expect(await mark.inputValue()).toBe('barY');
    expect(await chart.getByLabel('Error bars (low, high): low').inputValue()).toBe('lower');
    await andRun(page, async () => {
      await mark.selectOption('dot');
    });
    expect(await chart.locator('svg g[aria-label="dot"] circle').count()).toBe(2);
    expect(await savedNotebook()).toBe(WELCOME.replace('mark: barY', 'mark: dot'));
    await andRun(page, () => page.getByRole('button', { name: 'Undo' }).click());
    expect(await mark.inputValue()).toBe('barY');

    const logit = page.locator('[data-cell="failure_model"]');
    await logit.getByTestId('cell-form-toggle').getByRole('button', { name: 'Form' }).click();
    const form = logit.getByTestId('cell-form');
    const predict = form.getByLabel('Predicted rates by');
    expect(await predict.inputValue()).toBe('embassy_closed');
    await andRun(page, () =>
      form.getByRole('checkbox', { name: 'decades_since_1945', exact: true }).uncheck(),
    );
    expect(await savedNotebook()).toBe(WELCOME.replace(' + decades_since_1945\n', '\n'));
    expect(await predict.locator('option').allInnerTexts()).not.toContain('decades_since_1945');
    const terms = ((await pageResults(page)).failure_model as { term: string }[]).map(
      (r) => r.term,
    );
    expect(terms).not.toContain('decades_since_1945');
    expect(terms).toContain('embassy_closedTRUE');
    await logit.scrollIntoViewIfNeeded();
    await screenshot(page, 'logit-cell-form');
    await andRun(page, () => page.getByRole('button', { name: 'Undo' }).click());
    expect(await savedNotebook()).toBe(WELCOME);
  });
});

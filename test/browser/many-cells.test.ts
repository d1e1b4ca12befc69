import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  andRun,
  cellStatuses,
  completedRuns,
  startUiSession,
  stopUiSession,
  typeAndRun,
  waitForRun,
  type UiSession,
} from './ui-helpers.ts';

/**
 * A notebook of a thousand trivial cells in the built app (issue 14, finding 12): the page
 * used to slow down faster than the notebook grew, redrawing and comparing every cell on each
 * cell's change. Here it must run them all, show the last result and still answer an edit by
 * running that one cell. How long it takes is the bench's business (`npm run bench --
 * many-cells`), not this test's. Needs `npx vite build` first.
 */

const CELLS = 1000;
/** Waiting longer than this means the page is stuck, not slow: 1,000 cells take seconds. */
const RUN_WAIT_MS = 600_000;

/** `SELECT <i> AS x, random() AS r`: r tells a cell that ran again from one that did not. */
function manyCells(count: number): string {
  const cells = Array.from(
    { length: count },
    (_, i) => `\`\`\`sql c${i + 1}\nSELECT ${i + 1} AS x, random() AS r\n\`\`\``,
  );
  return `# Many cells\n\n${cells.join('\n\n')}\n`;
}

/** Each cell's r, by cell name, read from DuckDB in the page. */
function randomValues(page: Page): Promise<Record<string, number>> {
  return page.evaluate(async (count) => {
    const values: Record<string, number> = {};
    // DuckDB nests a UNION ALL of more than about 1,000 parts too deep: a hundred at a time.
    for (let start = 1; start <= count; start += 100) {
      const names = Array.from({ length: Math.min(100, count - start + 1) }, (_, i) => start + i);
      const sql = names.map((n) => `SELECT 'c${n}' AS cell, r FROM c${n}`).join(' UNION ALL ');
      const { rows } = await window.statecraft!.query(sql);
      for (const row of rows) values[String(row.cell)] = Number(row.r);
    }
    return values;
  }, CELLS);
}

let session: UiSession;
let page: Page;

beforeAll(async () => {
  session = await startUiSession('?blank');
  page = session.page;
  await andRun(
    page,
    () =>
      page.locator('[data-testid="file-input"]').setInputFiles({
        name: 'many-cells.md',
        mimeType: 'text/plain',
        buffer: Buffer.from(manyCells(CELLS)),
      }),
    RUN_WAIT_MS,
  );
}, RUN_WAIT_MS);

afterAll(() => stopUiSession(session));

describe(`a notebook of ${CELLS} trivial cells`, () => {
  it('runs every cell and shows the last one’s result', async () => {
    expect(await page.getAttribute('#app', 'data-state')).toBe('ready');
    const statuses = await cellStatuses(page);
    expect(Object.keys(statuses)).toHaveLength(CELLS);
    expect(Object.entries(statuses).filter(([, status]) => status !== 'ok')).toEqual([]);

    const last = page.locator(`[data-cell="c${CELLS}"]`);
    await last.scrollIntoViewIfNeeded();
    // Off-screen cells are not laid out (content-visibility), so their text shows once the
    // browser has drawn the cell where it was scrolled to.
    const table = last.locator(`.result[data-table="c${CELLS}"]`);
    await expect
      .poll(() => table.locator('td').allInnerTexts(), { timeout: 30_000 })
      .toContain(String(CELLS));
  });

  it('answers an edit by running only the edited cell', async () => {
    const before = await randomValues(page);
    const edited = `c${CELLS / 2}`;
    const runs = await completedRuns(page);
    await typeAndRun(page, edited, 'SELECT -1 AS x, random() AS r');
    await waitForRun(page, runs, RUN_WAIT_MS);

    expect(await page.locator(`[data-cell="${edited}"]`).getAttribute('data-status')).toBe('ok');
    const result = await page.evaluate(
      (name) => window.statecraft!.query(`SELECT x FROM ${name}`),
      edited,
    );
    expect(result.rows).toEqual([{ x: -1 }]);
    const after = await randomValues(page);
    const changed = Object.keys(after).filter((cell) => after[cell] !== before[cell]);
    expect(changed).toEqual([edited]);
  });
});

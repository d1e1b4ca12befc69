/**
 * The margins cell in the built app (issue 19): notebooks/paper-tables.md's average marginal
 * effects and curve are the command line's numbers bit for bit, the page shows them as a
 * table with the curve's note on unclamped intervals, and the curve's chart is the same SVG.
 * Needs a built app (STATECRAFT_DIST or dist/).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allCellsRan } from './present-helpers.ts';
import {
  cliResults,
  downloadOf,
  pageResults,
  startUiSession,
  stopUiSession,
  type Results,
  type UiSession,
} from './ui-helpers.ts';

let session: UiSession;
let cli: ReturnType<typeof cliResults>;

beforeAll(async () => {
  cli = cliResults(readFileSync('notebooks/paper-tables.md', 'utf8'), 'paper-tables.md', 'data');
  expect(cli.status, cli.output).toBe(0);
  // Plot's half-pixel stroke offset differs at devicePixelRatio 1 (see chart-parity.test.ts).
  session = await startUiSession('?notebook=paper-tables', { deviceScaleFactor: 2 });
  await allCellsRan(session.page);
}, 240_000);
afterAll(() => stopUiSession(session));

describe('the margins cell on the page', () => {
  it('gives the command line’s effects and curve, bit for bit', async () => {
    const page: Results = await pageResults(session.page);
    expect(page.effects).toEqual(cli.results.effects);
    expect(page.effects_curve).toEqual(cli.results.effects_curve);
    expect((page.effects as unknown[]).length).toBe(4);
  });

  it('shows the effects with their contrasts, and says the curve is not clamped', async () => {
    const cell = session.page.locator('[data-cell="effects"]');
    const rows = await cell
      .locator('table.margins tbody tr')
      .evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).innerText.split('\t')));
    expect(rows.map((r) => [r[0], r[1], r[2]])).toEqual([
      ['target_costs', 'dY/dX', '0.202***'],
      ['carrots_offered', 'TRUE - FALSE', '0.237***'],
      ['target_regime', 'autocracy - anocracy', '−0.160**'],
      ['target_regime', 'democracy - anocracy', '0.046'],
    ]);
    expect(await cell.innerText()).toContain('not clamped to [0, 1]');
  });

  it('draws the curve with its band as the same SVG the command line writes', async () => {
    const svg = await downloadOf(session.page, () =>
      session.page.locator('.kind-chart [data-download="svg"]').first().click(),
    );
    expect(svg.name).toBe('chart-1.svg');
    expect(svg.text).toBe(cli.svgs['chart-1.svg']);
    expect(svg.text).toContain('confidence band from lower to upper');
  });
});

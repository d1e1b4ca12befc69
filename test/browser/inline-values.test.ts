import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './harness.ts';
import {
  andRun,
  openFiles,
  pageResults,
  readRepoFile,
  screenshot,
  startUiSession,
  stopUiSession,
  type UiSession,
} from './ui-helpers.ts';

/**
 * Inline values in prose (issue 22): a number the prose states through `{{ … }}` shows on the
 * page as the value of the run, follows the slider, and reads exactly as in the command line's
 * prose.md. Needs `npx vite build`.
 */

const RATE = '{{ failure_by_embassy.rate where embassy_closed = true | .1% }}';
const COUNT = '{{ failure_by_embassy.n where embassy_closed = true }}';
// us_episodes has more rows than a cell's preview holds: the page asks DuckDB for the row.
const TARGET = '{{ us_episodes.target where episode_id = 621 }}';
const BROKEN = '{{ failure_by_embassy.rate }}';

const PROSE = [
  `Without an embassy, ${RATE} of ${COUNT} US-led episodes failed; episode 621 targeted`,
  `${TARGET}. Written without a row: ${BROKEN}. Literally: \`{{ failure_by_embassy.n }}\`.`,
].join('\n');

const NOTEBOOK = readRepoFile('notebooks/welcome.md').replace(
  '## 4. Is it the embassy, or something else?',
  `${PROSE}\n\n## 4. Is it the embassy, or something else?`,
);

let session: UiSession;
let page: Page;

beforeAll(async () => {
  session = await startUiSession('?blank');
  page = session.page;
  await openFiles(page, [{ name: 'inline.md', text: NOTEBOOK }]);
});

afterAll(() => stopUiSession(session));

interface Shown {
  text: string;
  state: string;
  title: string;
}

/** The inline values on the page, in document order. */
function shownValues(): Promise<Shown[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('.prose .inline-value')].map((el) => ({
      text: el.textContent ?? '',
      state: el.getAttribute('data-state') ?? '',
      title: el.getAttribute('title') ?? '',
    })),
  );
}

/** Waits until no inline value waits for a cell or a table any more. */
async function settled(): Promise<Shown[]> {
  await page.waitForFunction(
    () =>
      document.querySelectorAll('.prose .inline-value').length === 4 &&
      !document.querySelector('.prose .inline-value[data-state="pending"]'),
  );
  return shownValues();
}

/** The command line's prose.md for the notebook, and its exit status. */
function cliProse(text: string): { prose: string; status: number | null } {
  const dir = mkdtempSync(join(tmpdir(), 'statecraft-inline-'));
  try {
    const file = join(dir, 'inline.md');
    writeFileSync(file, text);
    const out = join(dir, 'out');
    const run = spawnSync(
      process.execPath,
      ['bin/statecraft.js', 'run', file, '--data', 'data', '--out', out],
      { cwd: repoRoot, encoding: 'utf8', timeout: 120_000 },
    );
    return { prose: readFileSync(join(out, 'prose.md'), 'utf8'), status: run.status };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('inline values in prose', () => {
  it('shows each value of the run, titled with its reference, and an error in place', async () => {
    const shown = await settled();
    const rows = (await pageResults(page)).failure_by_embassy as Record<string, unknown>[];
    const closed = rows.find((r) => r.embassy_closed === true)!;
    expect(shown).toEqual([
      { text: `${((closed.rate as number) * 100).toFixed(1)}%`, state: 'value', title: RATE },
      { text: String(closed.n), state: 'value', title: COUNT },
      { text: 'Pakistan', state: 'value', title: TARGET },
      {
        text: '⚠ failure_by_embassy has 2 rows; add "where column = value" to pick one',
        state: 'error',
        title: `${BROKEN}\nfailure_by_embassy has 2 rows; add "where column = value" to pick one`,
      },
    ]);
    // The prose around the values renders as ever; code shows the reference as written.
    const prose = page.locator('.prose', { hasText: 'US-led episodes failed' });
    expect(await prose.innerText()).toContain(`of ${closed.n} US-led episodes failed`);
    expect(await prose.locator('code', { hasText: '{{' }).innerText()).toBe(
      '{{ failure_by_embassy.n }}',
    );
    await prose.scrollIntoViewIfNeeded();
    await screenshot(page, 'inline-values');
  });

  it('reads as the command line’s prose.md', async () => {
    const [rate, count, target] = await settled();
    const { prose, status } = cliProse(NOTEBOOK);
    // The broken reference makes the run exit 1, and prose.md says why in its place.
    expect(status).toBe(1);
    expect(prose).toContain(
      `Without an embassy, ${rate.text} of ${count.text} US-led episodes failed; episode 621 targeted\n` +
        `${target.text}. Written without a row: [no value: failure_by_embassy has 2 rows;`,
    );
  });

  it('follows the slider: the prose changes with the rates', async () => {
    const before = await settled();
    const slider = page.locator('[data-input="from_year"] input[type="range"]');
    await slider.focus();
    await andRun(page, async () => {
      for (let k = 0; k < 6; k++) await page.keyboard.press('ArrowRight');
    });
    const after = await settled();
    const rows = (await pageResults(page)).failure_by_embassy as Record<string, unknown>[];
    const closed = rows.find((r) => r.embassy_closed === true)!;
    expect(after[0].text).toBe(`${((closed.rate as number) * 100).toFixed(1)}%`);
    expect(after[1].text).toBe(String(closed.n));
    expect(after[1].text).not.toBe(before[1].text);
    expect(after[2].text).toBe('Pakistan');

    // The command line, with the slider's new value as the notebook's, agrees.
    const value = await slider.inputValue();
    const moved = NOTEBOOK.replace(
      'value: 1945\nlabel: Episodes',
      `value: ${value}\nlabel: Episodes`,
    );
    expect(moved).not.toBe(NOTEBOOK);
    expect(cliProse(moved).prose).toContain(
      `Without an embassy, ${after[0].text} of ${after[1].text} US-led episodes failed`,
    );
  });
});

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueryResult } from '../../src/engine/Engine.ts';
import type { StatecraftHooks } from '../../src/ui/debug-hooks.ts';
import { shareFragment } from '../../src/ui/share-link.ts';
import {
  cellStatuses,
  newPage,
  openFiles,
  startAppAndBrowser,
  stopUiSession,
  type AppAndBrowser,
  type OpenedPage,
} from '../browser/ui-helpers.ts';
import { attackNotebook, bypassAttacks, readAttacks } from './notebook-attacks.ts';

/**
 * A stranger's notebook opened from a share link in the built app (issue #14, findings 1–2):
 * every smuggled statement is refused, DuckDB-WASM writes no file, reaches no URL (not even
 * the app's own origin), keeps its settings locked and leaves the dataset as the file says, so
 * the forged receipt is not shown as reproduced. Needs a built app (STATECRAFT_DIST or dist/).
 */

const CSV = readFileSync('test/fixtures/notebooks/episodes.csv', 'utf8');
const SHA = createHash('sha256').update(CSV).digest('hex');
const REAL_SUM = CSV.trim()
  .split('\n')
  .slice(1)
  .reduce((sum, line) => sum + Number(line.split(',').at(-1)), 0);

let served: AppAndBrowser;
let opened: OpenedPage;
let page: Page;
let probe: string;

type PageWindow = { statecraft: StatecraftHooks };
const pageQuery = (sql: string) =>
  page.evaluate(
    (q) => (window as unknown as PageWindow).statecraft.query(q),
    sql,
  ) as Promise<QueryResult>;

const attacks = () => [
  ...bypassAttacks((n) => `/files/profile-${n}`, probe),
  ...readAttacks('/etc', '/etc/passwd', probe),
];

beforeAll(async () => {
  served = await startAppAndBrowser();
  probe = `${served.app.origin}/probe-${Date.now()}`;
  const notebook = attackNotebook(attacks(), 999 * 16).replace(
    '  episodes: episodes.csv',
    `  episodes:\n    file: episodes.csv\n    sha256: ${SHA}`,
  );
  opened = await newPage(served.browser, served.app.origin);
  page = opened.page;
  await page.goto(`${served.app.url}#${await shareFragment(notebook, 'stranger.md')}`);
  await page.waitForSelector('#app[data-state]:not([data-state="loading"])', { timeout: 120_000 });
  await openFiles(page, [{ name: 'episodes.csv', text: CSV }]);
}, 300_000);

afterAll(() => stopUiSession(served));

describe('a stranger’s notebook from a share link', () => {
  it('refuses every smuggled statement and every read outside the opened files', async () => {
    const statuses = await cellStatuses(page);
    for (const attack of attacks()) {
      expect(statuses[attack.name], attack.name).toBe('error');
      const text = await page.locator(`[data-cell="${attack.name}"]`).innerText();
      expect(text, attack.name).toMatch(attack.refusal);
    }
    expect(statuses.totals).toBe('ok');
  });

  it('leaves the dataset as the file says, so the forged receipt is not reproduced', async () => {
    const { rows } = await pageQuery('SELECT sum(outcome) AS s FROM episodes');
    expect(Number(rows[0].s)).toBe(REAL_SUM);
    const receipt = await page.locator('[data-cell]').last().innerText();
    expect(receipt).not.toMatch(/Reproduced/);
    expect(receipt).toContain(String(REAL_SUM));
  });

  it('wrote no file, made no request to any URL the notebook names, and stays locked', async () => {
    const { rows } = await pageQuery("SELECT count(*) AS n FROM glob('/files/profile-*')");
    expect(Number(rows[0].n)).toBe(0);
    expect(opened.requests.all.filter((url) => url.startsWith(probe))).toEqual([]);
    expect(opened.requests.foreign()).toEqual([]);
    await expect(pageQuery('SET enable_external_access = true')).rejects.toThrow(/locked/);
    const setting = await pageQuery(
      "SELECT current_setting('enable_external_access') AS e, current_setting('lock_configuration') AS l",
    );
    expect(setting.rows[0]).toEqual({ e: false, l: true });
  });
});

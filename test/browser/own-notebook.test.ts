import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatecraftHooks } from '../../src/ui/debug-hooks.ts';
import { repoRoot } from './harness.ts';
import {
  andRun,
  cellStatuses,
  cliResults,
  comparable,
  differences,
  downloadOf,
  newPage,
  openFiles,
  startUiSession,
  stopUiSession,
  type Results,
  type UiSession,
} from './ui-helpers.ts';

/**
 * A person's own notebook, from their own file to a reviewer's REPRODUCED (issue 16's loop): a
 * blank notebook, a file the project does not ship opened into it (listed in the front matter
 * with its sha256), cells added through the same path as "Add cell", every result pinned, the
 * .md saved and checked by the command line, its share link opened by a reviewer in a fresh
 * browser with the file supplied, and the replication package checked by the command line.
 */

type PageWindow = { statecraft: StatecraftHooks };

/**
 * Rows the project has never seen, made here: a deterministic generator, so the logit has an
 * interior optimum (no separation) and the same file every run.
 */
function generatedCsv(): string {
  let seed = 20261207;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const lines = ['case_id,region,pressure,duration,outcome'];
  const regions = ['North', 'South', 'East'];
  for (let i = 1; i <= 240; i++) {
    const region = regions[i % 3]!;
    const pressure = next() < 0.45 ? 1 : 0;
    const duration = Math.round(1 + next() * 40);
    const z = -0.4 + 0.9 * pressure - 0.03 * duration + (region === 'South' ? 0.5 : 0);
    const outcome = next() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
    lines.push(`${i},${region},${pressure},${duration},${outcome}`);
  }
  return lines.join('\n') + '\n';
}

const CSV_NAME = 'own-cases.csv';
const CSV = generatedCsv();

let session: UiSession | undefined;
let work: string;
let dataDir: string;
/** The notebook's file name as the page saves it, and the table the opened file became. */
let notebook: string;
let table: string;
let shareLink: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'own-notebook-'));
  dataDir = join(work, 'data');
  mkdirSync(dataDir);
  writeFileSync(join(dataDir, CSV_NAME), CSV);
  // Observable Plot draws lines half a pixel off on a screen of pixel ratio 1 and the command
  // line never does; at ratio 2 the page's SVG is the CLI's byte for byte (as in ui-extras).
  session = await startUiSession('?blank', { deviceScaleFactor: 2 });
}, 180_000);

afterAll(async () => {
  await stopUiSession(session);
  rmSync(work, { recursive: true, force: true });
});

function statecraft(...args: string[]): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, ['bin/statecraft.js', ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: run.status, output: `${run.stdout}\n${run.stderr}` };
}

describe('your own notebook, kept and reproducible', () => {
  it('builds cells on an opened file, pins them, and the saved .md checks', async () => {
    const page = session!.page;
    // A blank notebook and a file the project has never seen: the page lists it, hashed.
    await openFiles(page, [{ name: CSV_NAME, text: CSV }]);
    const opened = await page.evaluate(() =>
      (window as unknown as PageWindow).statecraft.notebookText!(),
    );
    const entry = /^datasets:\n {2}(\w+):/m.exec(opened);
    expect(entry, opened).not.toBeNull();
    expect(opened).toContain(`file: ${CSV_NAME}`);
    table = entry![1]!;
    expect(opened).toContain(`sha256: ${createHash('sha256').update(CSV).digest('hex')}`);
    const add = (kind: string, body: string, name: string) =>
      page.evaluate(
        ([k, b, n]) => (window as unknown as PageWindow).statecraft.addCell!(k!, b!, n),
        [kind, body, name],
      );
    await add('sql', `SELECT *, outcome = 1 AS success FROM ${table}`, 'cases');
    await add('rate', 'from: cases\noutcome: success\nby: pressure', 'by_pressure');
    await add('logit', 'from: cases\nformula: success ~ pressure + duration + region', 'model');
    await add('chart', 'from: by_pressure\nmark: barY\nx: pressure\ny: rate', 'rates_chart');
    expect(await cellStatuses(page)).toEqual({
      cases: 'ok',
      by_pressure: 'ok',
      model: 'ok',
      rates_chart: 'ok',
    });

    await andRun(page, () => page.locator('[data-testid="pin-all"]').click());
    const statuses = await cellStatuses(page);
    expect(statuses).toEqual({
      cases: 'ok',
      by_pressure: 'ok',
      model: 'ok',
      rates_chart: 'ok',
      pinned_results: 'ok',
    });
    const text = await page.evaluate(() =>
      (window as unknown as PageWindow).statecraft.notebookText!(),
    );
    expect(text).toContain('```expect pinned_results');
    expect(text).toContain('model_fit:');

    const saved = await downloadOf(page, () =>
      page.locator('[data-testid="save-notebook"]').click(),
    );
    expect(saved.name).toMatch(/^untitled(-\d+)?\.md$/);
    notebook = saved.name;
    expect(saved.text).toBe(text);
    const file = join(work, notebook);
    writeFileSync(file, saved.text);
    const check = statecraft('check', file, '--data', dataDir);
    expect(check.output).toMatch(/REPRODUCED \(\d+ expectations\)/);
    expect(check.status, check.output).toBe(0);
  }, 180_000);

  it('a reviewer opens its share link, supplies the file, and sees every cell run and Reproduced', async () => {
    const page = session!.page;
    await page.getByTestId('share-link').click();
    shareLink = await page.getByTestId('share-url').inputValue();
    const fresh = await newPage(session!.browser, session!.app.origin);
    const reviewer = fresh.page;
    await reviewer.goto(shareLink);
    await reviewer.waitForFunction(
      () => {
        const root = document.getElementById('app');
        return root && Number(root.dataset.runs) > 0 && root.dataset.state !== 'running';
      },
      undefined,
      { timeout: 120_000 },
    );
    const row = reviewer.locator(`[data-shared-file="${CSV_NAME}"]`);
    expect(await row.getAttribute('data-check')).toBe('needed');
    await andRun(reviewer, () =>
      reviewer
        .getByTestId('shared-files')
        .setInputFiles([{ name: CSV_NAME, mimeType: 'text/csv', buffer: Buffer.from(CSV) }]),
    );
    expect(await row.getAttribute('data-check')).toBe('match');
    const statuses = await cellStatuses(reviewer);
    expect(
      Object.values(statuses).every((s) => s === 'ok'),
      JSON.stringify(statuses),
    ).toBe(true);
    expect(await reviewer.locator('[data-cell="pinned_results"]').innerText()).toMatch(
      /Reproduced/,
    );
    expect(fresh.consoleErrors).toEqual([]);
    await reviewer.context().close();
  }, 180_000);

  it('downloads a replication package that the command line reproduces', async () => {
    const page = session!.page;
    await page.locator('[data-testid="include-data"]').check();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-testid="replication-package"]').click(),
    ]);
    expect(download.suggestedFilename()).toBe(notebook.replace(/\.md$/, '-replication.zip'));
    const files = unzipSync(new Uint8Array(readFileSync(await download.path())));
    expect(Object.keys(files).sort()).toEqual(
      [
        'README.md',
        `data/${CSV_NAME}`,
        notebook,
        'results/rates_chart.svg',
        'results/results.json',
      ].sort(),
    );
    const unzipped = join(work, 'package');
    for (const [name, bytes] of Object.entries(files)) {
      mkdirSync(dirname(join(unzipped, name)), { recursive: true });
      writeFileSync(join(unzipped, name), bytes);
    }
    expect(strFromU8(files['README.md']!)).toContain(
      `npx statecraft check ${notebook} --data data`,
    );
    const check = statecraft('check', join(unzipped, notebook), '--data', join(unzipped, 'data'));
    expect(check.status, check.output).toBe(0);
    expect(check.output).toMatch(/REPRODUCED/);

    // results.json in the package is the command line's, number for number.
    const packaged = JSON.parse(strFromU8(files['results/results.json']!)) as Results;
    const cli = cliResults(strFromU8(files[notebook]!), notebook, join(unzipped, 'data'));
    expect(differences(comparable(packaged), comparable(cli.results))).toEqual([]);
    expect(strFromU8(files['results/rates_chart.svg']!)).toBe(cli.svgs['rates_chart.svg']);
  }, 180_000);

  it('logged no errors', () => {
    expect(session!.opened.consoleErrors).toEqual([]);
  });
});

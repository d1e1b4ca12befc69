import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type RunningApp } from './harness.ts';
import {
  cellStatuses,
  completedRuns,
  openFiles,
  readRepoFile,
  replaceCellBody,
  startAppAndBrowser,
  stopUiSession,
  typeAndRun,
  waitForRun,
} from './ui-helpers.ts';

/**
 * Autosave in the built app: two tabs on the same notebook are told when the other saved and
 * choose (keep mine / load theirs) instead of overwriting each other; reloading in the middle
 * of edits brings back a complete version. Needs a built app (STATECRAFT_DIST or dist/).
 */

const WELCOME = readRepoFile('notebooks/welcome.md');
const BASE_SQL = /```sql us_episodes\n([^`]*)\n```/.exec(WELCOME)![1];
const withNote = (note: string) => `${BASE_SQL}\n-- ${note}`;

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  ({ app, browser } = await startAppAndBrowser());
});

afterAll(() => stopUiSession({ app, browser }));

async function openWelcome(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await openApp(page, `${app.url}?notebook=welcome`);
  return page;
}

function editor(page: Page, cell: string) {
  return page.locator(`[data-cell="${cell}"] .cm-content`);
}

/** Types `text` as the cell's whole body and runs it (Ctrl+Enter); waits for the run if asked. */
async function editCell(page: Page, cell: string, text: string, wait = true): Promise<void> {
  const before = await completedRuns(page);
  await typeAndRun(page, cell, text);
  if (wait) await waitForRun(page, before);
}

/** The notebook text this browser's storage holds for welcome.md now (what a reload shows). */
function storedText(page: Page): Promise<string | undefined> {
  return page.evaluate(() => {
    const pointer = JSON.parse(localStorage.getItem('statecraft:notebook:welcome.md') ?? 'null');
    if (!pointer) return undefined;
    const copy = localStorage.getItem(`statecraft:copy:${pointer.slot}:welcome.md`);
    return copy ? (JSON.parse(copy).text as string) : undefined;
  });
}

describe('two tabs on the same notebook', () => {
  let context: BrowserContext;
  let a: Page;
  let b: Page;

  beforeAll(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    a = await openWelcome(context);
    b = await openWelcome(context);
  });
  afterAll(() => context?.close());

  it('a tab is told when the other saved, and can load their version', async () => {
    expect(await b.getByTestId('conflict-banner').count()).toBe(0);
    await editCell(a, 'us_episodes', withNote('from tab A'));
    expect(await storedText(a)).toBe(
      replaceCellBody(WELCOME, 'sql us_episodes', withNote('from tab A')),
    );
    await b.getByTestId('conflict-banner').waitFor();
    expect(await b.getByTestId('conflict-banner').innerText()).toMatch(
      /welcome\.md was changed in another tab or window/,
    );
    // Nothing changed in B by itself.
    expect(await b.locator('[data-cell="us_episodes"]').innerText()).not.toContain('from tab A');
    const before = await completedRuns(b);
    await b.getByTestId('load-theirs').click();
    await waitForRun(b, before);
    expect(await editor(b, 'us_episodes').innerText()).toBe(withNote('from tab A'));
    expect(await b.getByTestId('conflict-banner').count()).toBe(0);
    expect(Object.values(await cellStatuses(b)).every((s) => s === 'ok')).toBe(true);
    // Taking their version in wrote nothing new: A is not told about its own text.
    await b.waitForTimeout(300);
    expect(await a.getByTestId('conflict-banner').count()).toBe(0);
  });

  it('edits in a tab with an open conflict are not saved over the other tab’s; "keep mine" saves them', async () => {
    await editCell(b, 'us_episodes', withNote('from tab B'));
    const bText = replaceCellBody(WELCOME, 'sql us_episodes', withNote('from tab B'));
    expect(await storedText(a)).toBe(bText);
    await a.getByTestId('conflict-banner').waitFor();
    // A edits on without choosing: its text is not written over B's.
    await editCell(a, 'us_episodes', withNote('A, not yet chosen'));
    expect(await storedText(a)).toBe(bText);
    expect(await a.getByTestId('conflict-banner').isVisible()).toBe(true);
    // A keeps its own: saved, and now B is the one told.
    await a.getByTestId('keep-mine').click();
    expect(await storedText(a)).toBe(
      replaceCellBody(WELCOME, 'sql us_episodes', withNote('A, not yet chosen')),
    );
    expect(await a.getByTestId('conflict-banner').count()).toBe(0);
    await b.getByTestId('conflict-banner').waitFor();
  });
});

describe('reloading in the middle of edits', () => {
  it('brings back a complete version every time', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const page = await openWelcome(context);
      const sent = [BASE_SQL];
      let newest = 0;
      for (let i = 1; i <= 4; i++) {
        const text = withNote(`edit ${i}`);
        sent.push(text);
        // Run the edit and reload at once, while it is being saved and run.
        await editCell(page, 'us_episodes', text, false);
        await page.waitForTimeout((i - 1) * 40);
        await openApp(page, `${app.url}?notebook=welcome`);
        await editor(page, 'us_episodes').waitFor();
        const shown = await editor(page, 'us_episodes').innerText();
        // One of the texts sent whole, never a mix or a cut; and what storage holds.
        expect(sent).toContain(shown);
        if (shown === text) newest += 1;
        if (shown !== BASE_SQL) {
          expect(await storedText(page)).toBe(replaceCellBody(WELCOME, 'sql us_episodes', shown));
        }
        expect(Object.values(await cellStatuses(page)).every((s) => s === 'ok')).toBe(true);
      }
      console.log(
        `[autosave] reloads right after an edit that brought back that edit: ${newest}/4`,
      );
    } finally {
      await context.close();
    }
  });
});

describe('autosave at the storage quota (issue 14, finding 5)', () => {
  it('says when an edit could not be saved, and what to do', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const page = await context.newPage();
      await openApp(page, `${app.url}?blank`);
      // Past localStorage's five million characters for the page: no save can succeed.
      const filler = `<!-- ${'Notes kept beside the analysis. '.repeat(200_000)} -->`;
      await openFiles(page, [
        {
          name: 'huge-notes.md',
          text: `# Notes\n\n${filler}\n\n\`\`\`sql n\nSELECT 1 AS n\n\`\`\`\n`,
        },
      ]);
      expect(await page.getByTestId('save-problem').count()).toBe(0);
      await editCell(page, 'n', 'SELECT 2 AS n');
      const problem = page.getByTestId('save-problem');
      expect(await problem.innerText()).toMatch(
        /Your latest edits to huge-notes\.md are not saved in this browser: this browser’s storage for the page is full\. Download the notebook \(\.md\) to keep them/,
      );
      const download = page.waitForEvent('download');
      await page.getByTestId('save-download').click();
      expect((await download).suggestedFilename()).toBe('huge-notes.md');
    } finally {
      await context.close();
    }
  });
});

describe('opening a file with the name of kept edits (issue 14, finding 5)', () => {
  it('keeps both: the file opens, and the edits stay one click away', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const page = await openWelcome(context);
      await editCell(page, 'us_episodes', withNote('kept edit'));
      // A reload brings the edits back, as before.
      await openApp(page, app.url);
      await page.getByTestId('restored').waitFor();
      expect(await editor(page, 'us_episodes').innerText()).toBe(withNote('kept edit'));
      // The reader opens welcome.md from disk: it opens, and the edits are not replaced.
      await openFiles(page, [{ name: 'welcome.md', text: WELCOME }]);
      expect(await editor(page, 'us_episodes').innerText()).toBe(BASE_SQL);
      expect(await page.getByTestId('kept-aside').innerText()).toMatch(
        /You opened welcome\.md from your disk\. The edits to it kept in this browser were not replaced: they are kept as “welcome \(edits kept in this browser\)\.md”/,
      );
      const before = await completedRuns(page);
      await page.getByTestId('open-kept-aside').click();
      await waitForRun(page, before);
      expect(await editor(page, 'us_episodes').innerText()).toBe(withNote('kept edit'));
      expect(await page.getByTestId('restored').innerText()).toMatch(
        /Your edits to welcome \(edits kept in this browser\)\.md from .* were kept/,
      );
    } finally {
      await context.close();
    }
  });
});

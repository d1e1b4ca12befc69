/**
 * The presenter view and the hide option in the browser (issue 21): `P` shows the next slide
 * and the speaker's notes; a cell hidden from the slides has none; on the page, hidden code
 * and output are folded away until asked for.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allCellsRan } from './present-helpers.ts';
import { startUiSession, stopUiSession, type UiSession } from './ui-helpers.ts';

const TALK = [
  '---',
  'title: A short talk',
  '---',
  '',
  '## Counting',
  '',
  'Three rows, counted two ways. The second way is the one to remember.',
  '',
  '<!-- notes: Ask the room to guess the count first. -->',
  '',
  '```sql numbers',
  '-- hide: [code]',
  'SELECT * FROM (VALUES (1), (2), (3)) t(x)',
  '```',
  '',
  '```sql backstage',
  '-- hide: [slides, output]',
  'SELECT 42 AS answer',
  '```',
  '',
  '## The end',
  '',
  'That was all. Thank you for listening.',
  '',
].join('\n');

let session: UiSession;
let page: Page;

beforeAll(async () => {
  session = await startUiSession('?blank');
  page = session.page;
  await page.evaluate((text) => window.statecraft!.openNotebookText!(text, 'talk.md'), TALK);
  await allCellsRan(page);
}, 180_000);

afterAll(async () => {
  await stopUiSession(session);
});

describe('hide on the page', () => {
  it('folds hidden code and output away until the reader asks, and says what the slides leave out', async () => {
    const numbers = page.locator('[data-cell="numbers"]');
    expect(await numbers.locator('.cm-content, .plain').count()).toBe(0);
    await numbers.getByTestId('show-hidden-code').click();
    await numbers.locator('.cm-content, .plain').first().waitFor();

    const backstage = page.locator('[data-cell="backstage"]');
    expect(await backstage.getByTestId('cell-left-out').innerText()).toBe('not in the slides');
    expect(await backstage.locator('.output').count()).toBe(0);
    await backstage.getByTestId('show-hidden-output').click();
    expect(await backstage.locator('.output').innerText()).toContain('42');
  });
});

describe('the presenter view', () => {
  it('shows the next slide and the notes with P, and a hidden cell has no slide', async () => {
    await page.getByTestId('present').click();
    const show = page.getByTestId('presentation');
    await show.waitFor();
    const counter = page.getByTestId('slide-counter');
    // Title, the counting section, its query, the end: `backstage` is not among them.
    expect(await counter.innerText()).toBe('1 / 4');
    await page.keyboard.press('PageDown');
    await page.keyboard.press('p');
    const presenter = page.getByTestId('presenter-view');
    await presenter.waitFor();
    expect(await page.getByTestId('slide-notes').innerText()).toBe(
      'Ask the room to guess the count first.',
    );
    expect(await page.getByTestId('slide').innerText()).not.toContain('Ask the room');
    expect(await page.getByTestId('next-slide-preview').innerText()).toContain('sql numbers');

    await page.keyboard.press('PageDown');
    // The query's slide: its result, no code (hide: [code]).
    expect(await page.getByTestId('slide').innerText()).not.toContain('Show the code');
    expect(await page.getByTestId('slide-output').innerText()).toContain('3');
    expect(await page.getByTestId('next-slide-preview').innerText()).toContain('The end');
    await page.keyboard.press('PageDown');
    expect(await page.getByTestId('next-slide-preview').innerText()).toContain(
      'End of the presentation',
    );
    expect(await page.getByTestId('slide').innerText()).not.toContain('42');

    await page.keyboard.press('p');
    await presenter.waitFor({ state: 'detached' });
    await page.keyboard.press('Escape');
    expect(await show.count()).toBe(0);
  });
});

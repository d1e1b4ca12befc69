import { afterEach, describe, expect, it } from 'vitest';
import { cellKey } from '../../../src/notebook/graph.ts';
import { cellsOf } from '../../../src/notebook/parse.ts';
import { NotebookDocument } from '../../../src/ui/model/document.svelte.ts';
import { sessionFixture, smallFiles, type Fixture } from './session-fixture.ts';

let fixture: Fixture | undefined;
afterEach(async () => {
  await fixture?.engine.close();
  fixture = undefined;
});

describe('NotebookDocument pinning and appending', () => {
  it('appends a named cell and pins it, each one undoable edit that runs', async () => {
    fixture = await sessionFixture();
    const { session } = fixture;
    const doc = new NotebookDocument(fixture.access);
    await session.addFiles(await smallFiles());
    const opened = session.text;

    await doc.appendCell('rate', 'from: recent\noutcome: success\nby: region', 'by_region');
    expect(session.runner.cells.get('by_region')?.status).toBe('ok');
    const appended = session.text;
    expect(appended).toContain('```rate by_region\nfrom: recent\n');

    await doc.pinCells(['by_region']);
    expect(fixture.notices).toEqual([]);
    const pin = cellsOf(session.runner.notebook).find((c) => c.name === 'pinned_results');
    const state = session.runner.cells.get(cellKey(pin!));
    expect(state?.status).toBe('ok');
    expect(state?.expectations?.length).toBeGreaterThan(0);
    expect(state?.expectations?.every((e) => e.pass && e.table === 'by_region')).toBe(true);

    await doc.undo();
    expect(session.text).toBe(appended);
    await doc.undo();
    expect(session.text).toBe(opened);
  });
});

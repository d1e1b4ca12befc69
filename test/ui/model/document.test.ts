import { afterEach, describe, expect, it } from 'vitest';
import { NotebookDocument } from '../../../src/ui/model/document.svelte.ts';
import { sessionFixture, smallFiles, type Fixture } from './session-fixture.ts';

let fixture: Fixture | undefined;
afterEach(async () => {
  await fixture?.engine.close();
  fixture = undefined;
});

async function opened(): Promise<{ doc: NotebookDocument; fixture: Fixture }> {
  fixture = await sessionFixture();
  const doc = new NotebookDocument(fixture.access);
  await fixture.session.addFiles(await smallFiles());
  doc.mirror(fixture.session, true);
  return { doc, fixture };
}

describe('NotebookDocument', () => {
  it('mirrors the session: text, name, blocks and every cell', async () => {
    const { doc, fixture } = await opened();
    expect(doc.text).toBe(fixture.session.text);
    expect(doc.notebookFile).toBe('small.md');
    expect(doc.title).toBe('Small test notebook (invented rows)');
    expect(doc.blocks).toBe(fixture.session.runner.notebook.blocks);
    expect(doc.cells.get('recent')?.status).toBe('ok');
    expect(doc.missing).toEqual([]);
    expect(doc.notebookErrors).toEqual([]);
  });

  it('copies only the cells the runner says changed, keeping the others as they were', async () => {
    const { doc, fixture } = await opened();
    const chart = doc.cells.get('rates_chart');
    const first = doc.cells.get('from_year');
    await doc.setInput('from_year', 1990);
    doc.mirror(fixture.session, true);
    expect(doc.cells.get('recent')?.rows).toBe(8);
    expect(doc.cells.get('rates_chart')).not.toBe(chart);
    await doc.setInput('from_year', 1990);
    doc.mirror(fixture.session, true);
    expect(doc.cells.get('from_year')).not.toBe(first);
    expect(fixture.notices).toEqual([]);
  });

  it('makes each edit one undoable step, and redoes it', async () => {
    const { doc, fixture } = await opened();
    const before = fixture.session.text;
    await doc.addCell('recent', 'sql');
    doc.mirror(fixture.session, true);
    expect(doc.canUndo).toBe(true);
    expect(doc.text).not.toBe(before);
    const edited = doc.text;
    await doc.undo();
    doc.mirror(fixture.session, true);
    expect(doc.text).toBe(before);
    expect(doc.canRedo).toBe(true);
    await doc.redo();
    doc.mirror(fixture.session, true);
    expect(doc.text).toBe(edited);
    doc.forgetHistory();
    await doc.undo();
    expect(fixture.session.text).toBe(edited);
  });

  it('runs a cell with new text and says what went wrong with an edit', async () => {
    const { doc, fixture } = await opened();
    await doc.runCell('recent', 'SELECT * FROM episodes WHERE year >= 2000');
    doc.mirror(fixture.session, true);
    expect(doc.text).toContain('WHERE year >= 2000');
    expect(doc.canUndo).toBe(true);
    await doc.runCell('no_such_cell', 'SELECT 1');
    expect(fixture.notices).toEqual(['No cell no_such_cell']);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { Session } from '../../../src/notebook/Session.ts';
import { parseNotebook } from '../../../src/notebook/parse.ts';
import { FIVE } from '../../notebook/rename-fixture.ts';
import { NotebookDocument } from '../../../src/ui/model/document.svelte.ts';
import { FIXTURES, sessionFixture, smallFiles, type Fixture } from './session-fixture.ts';

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

describe('NotebookDocument: renames and front matter', () => {
  it('renaming a cell that four other cells use updates all four, and Undo restores all five', async () => {
    fixture = await sessionFixture();
    const doc = new NotebookDocument(fixture.access);
    await fixture.session.addFiles([
      new File([await readFile(`${FIXTURES}/episodes.csv`)], 'episodes.csv'),
      new File([FIVE], 'five.md'),
    ]);
    doc.mirror(fixture.session, true);
    await doc.renameCell('recent', 'since_1970');
    doc.mirror(fixture.session, true);
    const renamed = doc.text;
    expect(renamed.match(/since_1970/g)).toHaveLength(6);
    expect(renamed).not.toMatch(/FROM recent|from: recent|^recent:/m);
    expect(doc.cells.get('since_1970')?.status).toBe('ok');
    await doc.undo();
    doc.mirror(fixture.session, true);
    expect(doc.text).toBe(FIVE);
    expect(doc.cells.get('recent')?.status).toBe('ok');
    await doc.renameCell('recent', 'episodes');
    expect(fixture.notices).toEqual(['The name episodes is already taken']);
  });

  it('lists a file opened on its own with its hash, once loaded; Undo unlists it', async () => {
    fixture = await sessionFixture();
    const session = new Session(fixture.engine, { recordDatasets: true });
    const access = { ...fixture.access, session: () => session, current: () => session };
    const doc = new NotebookDocument(access);
    const csv = new File(['id,success\n1,1\n2,0\n'], 'Invented Rows.csv');
    await session.addFiles([csv]);
    const { notebook } = parseNotebook(session.text);
    expect(notebook.datasets).toMatchObject([
      {
        name: 'invented_rows',
        file: 'Invented Rows.csv',
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
    ]);
    expect(session.looseTables).toEqual([]);
    expect(session.runner.datasets.get('invented_rows')?.status).toBe('ok');
    doc.recordChange('');
    await doc.setMetadata({ title: 'Invented', authors: ['A. Author'], description: 'Rows.' });
    doc.mirror(session, true);
    expect(doc.title).toBe('Invented');
    await doc.renameDataset('invented_rows', 'rows');
    expect(parseNotebook(session.text).notebook.datasets[0]?.name).toBe('rows');
    await doc.removeDataset('rows');
    expect(parseNotebook(session.text).notebook.datasets).toEqual([]);
    await doc.undo();
    await doc.undo();
    await doc.undo();
    await doc.undo();
    expect(session.text).toBe('');
  });

  it('writes the sha256 of a file a hand-written entry names, without loading it twice', async () => {
    fixture = await sessionFixture();
    const session = new Session(fixture.engine, { recordDatasets: true });
    const text =
      '---\ndatasets:\n  episodes: episodes.csv\n---\n\n```sql n\nSELECT count(*) AS n FROM episodes\n```\n';
    await session.addFiles([
      new File([await readFile(`${FIXTURES}/episodes.csv`)], 'episodes.csv'),
      new File([text], 'hand.md'),
    ]);
    const ref = parseNotebook(session.text).notebook.datasets[0];
    expect(ref?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(
      session.text.endsWith('---\n\n```sql n\nSELECT count(*) AS n FROM episodes\n```\n'),
    ).toBe(true);
    expect(session.runner.cells.get('n')?.status).toBe('ok');
  });

  it('points a dataset at another file: its hash is replaced and Undo points back', async () => {
    fixture = await sessionFixture();
    const session = new Session(fixture.engine, { recordDatasets: true });
    const access = { ...fixture.access, session: () => session, current: () => session };
    const doc = new NotebookDocument(access);
    await session.addFiles([new File(['id,ok\n1,1\n'], 'first.csv')]);
    doc.mirror(session, true);
    const before = session.text;
    const firstSha = parseNotebook(before).notebook.datasets[0]?.sha256;
    await doc.repointDataset('first', new File(['id,ok\n1,1\n2,0\n'], 'second.csv'));
    doc.mirror(session, true);
    const ref = parseNotebook(session.text).notebook.datasets[0];
    expect(ref).toMatchObject({ name: 'first', file: 'second.csv' });
    expect(ref?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(ref?.sha256).not.toBe(firstSha);
    expect(doc.datasets[0]?.rows).toBe(2);
    expect(doc.repointed).toEqual({ first: 'first.csv' });
    await doc.undo();
    expect(session.text).toBe(before);
  });
});

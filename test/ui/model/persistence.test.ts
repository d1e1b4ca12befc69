import { afterEach, describe, expect, it } from 'vitest';
import { Autosave } from '../../../src/ui/autosave.ts';
import { KeptFiles } from '../../../src/ui/kept-files.svelte.ts';
import type { NamedFile } from '../../../src/ui/model/access.ts';
import { Persistence } from '../../../src/ui/model/persistence.svelte.ts';
import { MemoryStore, sessionFixture, smallFiles, type Fixture } from './session-fixture.ts';

let fixture: Fixture | undefined;
afterEach(async () => {
  await fixture?.engine.close();
  fixture = undefined;
});

/** A Persistence whose open and edit go straight to the fixture's session, as AppModel's do. */
async function setup(store = new MemoryStore()) {
  fixture = await sessionFixture();
  const { session, access } = fixture;
  const edits: string[] = [];
  const persistence: Persistence = new Persistence(
    access,
    {
      open: async (files, original) => {
        const notebook = files.find((f) => f.name.endsWith('.md'))!;
        await persistence.opening(notebook, original);
        await session.addFiles(files);
        persistence.mirror(session);
      },
      edit: async (text) => {
        edits.push(text);
        await session.setText(text);
        persistence.mirror(session);
      },
    },
    new Autosave(store, { tab: 'A' }),
    new KeptFiles(undefined),
  );
  return { persistence, session, edits, store };
}

describe('Persistence', () => {
  it('saves an edit, and reopens it with a way back to the text as opened', async () => {
    const { persistence, session, edits, store } = await setup();
    const [csv, md] = await smallFiles();
    await persistence.withKeptFiles([csv!]);
    await session.addFiles([csv!]);
    await persistence.openBundled(await md!.text(), 'small.md');
    expect(persistence.restored).toBeUndefined();
    const original = session.text;
    await session.setText(`${original}\nMore prose.\n`);
    persistence.mirror(session);
    expect(persistence.saveProblem).toBeUndefined();

    // A new page on the same storage.
    await fixture?.engine.close();
    const again = await setup(store);
    await again.session.addFiles([csv!]);
    expect(await again.persistence.reopenLast()).toBe(true);
    expect(again.session.text).toBe(`${original}\nMore prose.\n`);
    expect(again.persistence.restored).toBeDefined();
    // The notebook library kept the text as opened, so the way back is the text itself.
    await again.persistence.discardRestored();
    expect(again.persistence.restored).toBeUndefined();
    // (Loading then records the file's sha256 again: an edit of the browser's own, saved.)
    expect(again.edits).toEqual([await md!.text()]);
    expect(edits).toEqual([]);
  });

  it('keeps edits aside when the same notebook is opened again from disk', async () => {
    const { persistence, session } = await setup();
    const [csv, md] = await smallFiles();
    await persistence.opening(md!, undefined);
    await session.addFiles([csv!, md!]);
    await session.setText(`${session.text}\nEdited here.\n`);
    persistence.mirror(session);
    await persistence.opening(md!, undefined);
    expect(persistence.keptAside?.fileName).toBe('small.md');
    expect(persistence.autosave.load(persistence.keptAside!.keptAs)?.text).toContain(
      'Edited here.',
    );
  });

  it('holds a notebook whose last run never ended, and runs it when asked', async () => {
    const { persistence, session } = await setup();
    const [csv, md] = (await smallFiles()) as NamedFile[];
    persistence.holdInterrupted(['small.md']);
    expect(persistence.takeHold(md!)).toBe(true);
    expect(persistence.takeHold(md!)).toBe(false);
    await persistence.hold(session, md!, [csv!]);
    expect(persistence.held).toEqual({ fileName: 'small.md' });
    expect(session.runner.cells.get('recent')?.status).toBe('stale');
    await persistence.runAll();
    expect(persistence.held).toBeUndefined();
    expect(session.runner.cells.get('recent')?.status).toBe('ok');
  });

  it('stops saving over another tab, until the reader chooses whose text wins', async () => {
    const store = new MemoryStore();
    const { persistence, session, edits } = await setup(store);
    const [csv, md] = await smallFiles();
    await persistence.opening(md!, undefined);
    await session.addFiles([csv!, md!]);
    const theirs = new Autosave(store, { tab: 'B' });
    theirs.save('small.md', `${session.text}\nTheirs.\n`, await md!.text());
    await session.setText(`${session.text}\nMine.\n`);
    persistence.mirror(session);
    expect(persistence.conflict).toBeDefined();
    await persistence.loadTheirs();
    expect(persistence.conflict).toBeUndefined();
    expect(edits[0]).toContain('Theirs.');
  });
});

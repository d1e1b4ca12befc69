import { afterEach, describe, expect, it } from 'vitest';
import { Autosave } from '../../../src/ui/autosave.ts';
import { KeptFiles } from '../../../src/ui/kept-files.svelte.ts';
import type { NamedFile } from '../../../src/ui/model/access.ts';
import { Persistence } from '../../../src/ui/model/persistence.svelte.ts';
import { Sharing } from '../../../src/ui/model/sharing.svelte.ts';
import { shareFragment } from '../../../src/ui/share-link.ts';
import { MemoryStore, sessionFixture, smallFiles, type Fixture } from './session-fixture.ts';

let fixture: Fixture | undefined;
afterEach(async () => {
  await fixture?.engine.close();
  fixture = undefined;
});

async function setup() {
  fixture = await sessionFixture();
  const { session, access } = fixture;
  const opened: { files: string[]; bundledData: boolean | undefined }[] = [];
  const open = async (files: NamedFile[], original?: unknown, bundledData?: boolean) => {
    opened.push({ files: files.map((f) => f.name), bundledData });
    const notebook = files.find((f) => f.name.endsWith('.md'))!;
    await persistence.opening(notebook, original as string | undefined);
    await session.addFiles(files);
  };
  const persistence: Persistence = new Persistence(
    access,
    { open, edit: (text) => session.setText(text) },
    new Autosave(new MemoryStore(), { tab: 'A' }),
    new KeptFiles(undefined),
  );
  return { sharing: new Sharing(access, persistence, open), opened, session };
}

describe('Sharing', () => {
  it('opens the notebook a link carries under a name of its own, without data', async () => {
    const { sharing, opened, session } = await setup();
    const md = (await smallFiles())[1]!;
    const hash = `#${await shareFragment(await md.text(), 'small.md')}`;
    expect(await sharing.openSharedLink(hash)).toBe(true);
    expect(opened).toHaveLength(1);
    expect(opened[0]!.bundledData).toBe(false);
    expect(sharing.shared?.from).toBe('small.md');
    expect(sharing.shared?.fileName).toBe(opened[0]!.files[0]);
    expect(sharing.shared?.datasets.map((d) => d.file)).toEqual(['episodes.csv']);
    expect(session.runner.datasets.get('episodes')?.status).toBe('missing');
    sharing.closed();
    expect(sharing.shared).toBeUndefined();
  });

  it('says why a damaged link cannot be opened, and ignores an address without one', async () => {
    const { sharing, opened } = await setup();
    expect(await sharing.openSharedLink('#section-2')).toBe(false);
    expect(sharing.shareProblem).toBeUndefined();
    expect(await sharing.openSharedLink('#nb=not-a-notebook')).toBe(false);
    expect(sharing.shareProblem).toBeDefined();
    expect(opened).toEqual([]);
  });
});

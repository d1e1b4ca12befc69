import { describe, expect, it } from 'vitest';
import { Autosave } from '../../../src/ui/autosave.ts';
import { Library, TRASH_DAYS } from '../../../src/ui/model/library.svelte.ts';
import { MemoryStore } from '../memory-store.ts';

const NOTEBOOK = `---
title: Sanctions and success
datasets:
  sanctions:
    file: sanctions.xls
---

\`\`\`sql counts
SELECT count(*) FROM sanctions
\`\`\`
`;

function library(store = new MemoryStore()) {
  const autosave = new Autosave(store, { tab: 'one' });
  return { store, autosave, library: new Library(store, autosave) };
}

describe('notebook library', () => {
  it('gives each new notebook a name nothing holds', () => {
    const { library: lib, autosave } = library();
    expect(lib.freeName()).toBe('untitled.md');
    lib.opened('untitled.md', '');
    expect(lib.freeName()).toBe('untitled-2.md');
    // Edits kept by autosave alone also take the name.
    autosave.save('untitled-2.md', 'typed', '');
    expect(lib.freeName()).toBe('untitled-3.md');
  });

  it('lists title, datasets and last edit, and follows edits', () => {
    const { library: lib, autosave } = library();
    lib.opened('a.md', '', Date.parse('2026-01-01T00:00:00Z'));
    autosave.save('a.md', NOTEBOOK, '');
    lib.touch('a.md', NOTEBOOK, Date.parse('2026-01-02T00:00:00Z'));
    expect(lib.entries).toEqual([
      {
        file: 'a.md',
        title: 'Sanctions and success',
        updated: '2026-01-02T00:00:00.000Z',
        datasets: ['sanctions.xls'],
      },
    ]);
    expect(lib.text('a.md')).toBe(NOTEBOOK);
  });

  it('keeps two notebooks apart and both survive a new tab', () => {
    const { store, library: lib, autosave } = library();
    lib.opened('untitled.md', '');
    autosave.save('untitled.md', 'first', '');
    const second = lib.freeName();
    lib.opened(second, '');
    autosave.save(second, 'second', '');
    const again = new Library(store, new Autosave(store, { tab: 'two' }));
    expect(again.entries.map((e) => e.file).sort()).toEqual(['untitled-2.md', 'untitled.md']);
    expect(again.text('untitled.md')).toBe('first');
    expect(again.text('untitled-2.md')).toBe('second');
  });

  it('falls back to the text as opened when autosave drops its copy', () => {
    const { library: lib, autosave } = library();
    lib.opened('n.md', NOTEBOOK);
    autosave.save('n.md', `${NOTEBOOK}x`, NOTEBOOK);
    expect(lib.text('n.md')).toBe(`${NOTEBOOK}x`);
    autosave.save('n.md', NOTEBOOK, NOTEBOOK);
    expect(lib.text('n.md')).toBe(NOTEBOOK);
  });

  it('renames without replacing another notebook, and duplicates', () => {
    const { library: lib, autosave } = library();
    lib.opened('a.md', 'A');
    lib.opened('b.md', 'B');
    autosave.save('a.md', 'A edited', 'A');
    expect(lib.rename('a.md', 'b')).toEqual({
      problem: 'There is already a notebook called b.md.',
    });
    expect(lib.rename('a.md', 'c')).toEqual({ file: 'c.md' });
    expect(lib.text('c.md')).toBe('A edited');
    expect(lib.text('a.md')).toBeUndefined();
    expect(lib.duplicate('c.md')).toBe('c-copy.md');
    expect(lib.text('c-copy.md')).toBe('A edited');
    expect(lib.entries.map((e) => e.file).sort()).toEqual(['b.md', 'c-copy.md', 'c.md']);
  });

  it('deletes into a trash that gives the text back byte for byte for 30 days', () => {
    const { store, library: lib, autosave } = library();
    const text = `${NOTEBOOK}\r\n\u00e9 trailing  \n\n`;
    lib.opened('t.md', '');
    autosave.save('t.md', text, '');
    const now = Date.parse('2026-03-01T00:00:00Z');
    expect(lib.delete('t.md', now)).toBe(true);
    expect(lib.entries).toEqual([]);
    expect(lib.text('t.md')).toBeUndefined();
    expect(lib.trash.map((t) => t.file)).toEqual(['t.md']);
    // A new notebook may take the name meanwhile: the restored one gets a free one.
    lib.opened('t.md', 'other', now);
    expect(lib.restore('t.md', new Date(now).toISOString(), now)).toBe('t-2.md');
    expect(lib.text('t-2.md')).toBe(text);
    expect(lib.text('t.md')).toBe('other');
    expect(lib.trash).toEqual([]);

    lib.delete('t.md', now);
    const later = now + (TRASH_DAYS + 1) * 24 * 3600 * 1000;
    const after = new Library(store, autosave, later);
    expect(after.trash).toEqual([]);
  });
});

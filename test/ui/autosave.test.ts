import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../src/notebook/hash.ts';
import { Autosave, type KeyValueStore, type Saved } from '../../src/ui/autosave.ts';
import { MemoryStore } from './memory-store.ts';

/**
 * A store whose `failAt`-th write (counting from 0 after arming) stores only the first
 * `fraction` of the value and then throws: a tab closed, or storage full, in the middle of a
 * write. Real localStorage writes an item whole or not at all; this is harsher.
 */
class InterruptedStore extends MemoryStore {
  private countdown = -1;
  private fraction = 0.5;
  arm(failAt: number, fraction: number) {
    this.countdown = failAt;
    this.fraction = fraction;
  }
  override setItem(key: string, value: string) {
    if (this.countdown === 0) {
      this.countdown = -1;
      super.setItem(key, value.slice(0, Math.floor(value.length * this.fraction)));
      throw new Error('QuotaExceededError');
    }
    if (this.countdown > 0) this.countdown -= 1;
    super.setItem(key, value);
  }
}

/**
 * One localStorage shared by several tabs: like a browser, a write in one tab fires a
 * `storage` event in every other tab (never in the writer).
 */
class SharedStore extends MemoryStore {
  private readonly tabs: EventTarget[] = [];
  tab(name: string): Autosave {
    const events = new EventTarget();
    this.tabs.push(events);
    const view: KeyValueStore = {
      getItem: (key) => this.getItem(key),
      setItem: (key, value) => {
        this.setItem(key, value);
        this.notify(events, key);
      },
      removeItem: (key) => {
        this.removeItem(key);
        this.notify(events, key);
      },
    };
    return new Autosave(view, { tab: name, events });
  }
  private notify(writer: EventTarget, key: string) {
    for (const tab of this.tabs) {
      if (tab !== writer) tab.dispatchEvent(Object.assign(new Event('storage'), { key }));
    }
  }
}

const AT = new Date('2024-05-01T10:00:00Z');

describe('Autosave', () => {
  it('keeps edited text with its original and forgets it once it matches again', () => {
    const store = new MemoryStore();
    const autosave = new Autosave(store, { tab: 'A' });
    expect(autosave.save('welcome.md', 'edited', 'original', AT)).toEqual({ kind: 'saved' });
    expect(autosave.load('welcome.md')).toEqual({
      text: 'edited',
      originalHash: fingerprint('original'),
      savedAt: '2024-05-01T10:00:00.000Z',
      rev: 1,
      tab: 'A',
    });
    expect(autosave.last()).toBe('welcome.md');
    expect(autosave.save('welcome.md', 'edited', 'original')).toEqual({ kind: 'unchanged' });
    autosave.save('welcome.md', 'original', 'original');
    expect(autosave.load('welcome.md')).toBeUndefined();
    expect(autosave.last()).toBe('welcome.md');
    // Nothing is left behind: no pointer, no copies.
    expect([...store.items.keys()]).toEqual(['statecraft:last']);
  });

  it('ignores damaged entries and storage that refuses to work', () => {
    const store = new MemoryStore();
    store.setItem('statecraft:notebook:x.md', '{not json');
    expect(new Autosave(store).load('x.md')).toBeUndefined();
    const broken: KeyValueStore = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {},
    };
    const autosave = new Autosave(broken);
    expect(autosave.save('x.md', 'a', 'b')).toEqual({
      kind: 'failed',
      reason: 'this browser refused to store it',
    });
    expect(autosave.load('x.md')).toBeUndefined();
    expect(new Autosave(undefined).last()).toBeUndefined();
  });

  it('reads a copy saved in the format before slots, and moves it to slots on the next save', () => {
    const store = new MemoryStore();
    const old = { text: 'old edit', original: 'o', savedAt: '2024-01-01T00:00:00.000Z' };
    store.setItem('statecraft:notebook:x.md', JSON.stringify(old));
    const autosave = new Autosave(store, { tab: 'A' });
    expect(autosave.load('x.md')).toEqual({
      ...old,
      originalHash: fingerprint('o'),
      rev: 0,
      tab: '',
    });
    expect(autosave.save('x.md', 'new edit', 'o', AT).kind).toBe('saved');
    expect(new Autosave(store).load('x.md')?.text).toBe('new edit');
  });
});

describe('an interrupted save leaves the last good version', () => {
  /** Two good saves, then a third interrupted at write `failAt`, cut at `fraction`. */
  function interrupted(failAt: number, fraction: number) {
    const store = new InterruptedStore();
    const autosave = new Autosave(store, { tab: 'A' });
    autosave.save('nb.md', 'version 1', 'original', AT);
    autosave.save('nb.md', 'version 2', 'original', AT);
    store.arm(failAt, fraction);
    const outcome = autosave.save('nb.md', 'version 3', 'original', AT);
    // A reload: a new page, a new Autosave, on what storage holds now.
    return { store, outcome, reloaded: new Autosave(store, { tab: 'B' }).load('nb.md') };
  }

  it('cut while writing the copy: the previous version comes back whole', () => {
    for (const fraction of [0, 0.1, 0.5, 0.99]) {
      const { outcome, reloaded } = interrupted(0, fraction);
      expect(outcome.kind).toBe('failed');
      expect(reloaded?.text).toBe('version 2');
    }
  });

  it('cut while switching the pointer: a complete version comes back, never a broken one', () => {
    for (const fraction of [0, 0.1, 0.5, 0.99]) {
      const { outcome, reloaded } = interrupted(1, fraction);
      expect(outcome.kind).toBe('failed');
      // The new copy was complete before the pointer write began; either version is whole.
      expect(['version 2', 'version 3']).toContain(reloaded?.text);
      expect(reloaded?.originalHash).toBe(fingerprint('original'));
    }
  });

  it('cut at any write of the save: the text that comes back is one that was saved in full', () => {
    for (let failAt = 0; failAt < 3; failAt++) {
      for (const fraction of [0, 0.3, 0.7]) {
        const { reloaded } = interrupted(failAt, fraction);
        expect(['version 2', 'version 3']).toContain(reloaded?.text);
      }
    }
  });

  it('the next save after an interrupted one succeeds', () => {
    const { store } = interrupted(0, 0.5);
    const autosave = new Autosave(store, { tab: 'A' });
    autosave.load('nb.md');
    expect(autosave.save('nb.md', 'version 4', 'original', AT)).toEqual({ kind: 'saved' });
    expect(new Autosave(store).load('nb.md')?.text).toBe('version 4');
  });
});

describe('two tabs editing the same notebook', () => {
  it('a save over another tab’s newer save is refused as a conflict, until the reader chooses', () => {
    const store = new SharedStore();
    const a = store.tab('A');
    const b = store.tab('B');
    a.opened('nb.md');
    b.opened('nb.md');
    expect(a.save('nb.md', 'A edit', 'original', AT)).toEqual({ kind: 'saved' });
    const outcome = b.save('nb.md', 'B edit', 'original', AT);
    expect(outcome.kind).toBe('conflict');
    expect((outcome as { theirs: Saved }).theirs).toMatchObject({ text: 'A edit', tab: 'A' });
    // Nothing was written over A's edit.
    expect(store.tab('C').load('nb.md')?.text).toBe('A edit');
    // B keeps its own version: written, and now A is the one told.
    expect(b.save('nb.md', 'B edit', 'original', AT, true)).toEqual({ kind: 'saved' });
    expect(store.tab('C').load('nb.md')?.text).toBe('B edit');
    expect(a.save('nb.md', 'A again', 'original', AT).kind).toBe('conflict');
    // A takes B's version in; its next save builds on it.
    a.accept('nb.md', store.tab('C').load('nb.md')!.rev);
    expect(a.save('nb.md', 'A on top of B', 'original', AT)).toEqual({ kind: 'saved' });
  });

  it('tells a tab when another saves the notebook it has open, through the storage event', () => {
    const store = new SharedStore();
    const a = store.tab('A');
    const b = store.tab('B');
    const heard: [string, string][] = [];
    b.onOtherTab((file, theirs) => heard.push([file, theirs.text]));
    a.opened('nb.md');
    a.save('nb.md', 'A edit', 'original', AT);
    // B does not have nb.md open: nothing to tell.
    expect(heard).toEqual([]);
    b.opened('nb.md');
    a.save('nb.md', 'A edit 2', 'original', AT);
    expect(heard).toEqual([['nb.md', 'A edit 2']]);
    // B's own saves never come back to it as another tab's.
    heard.length = 0;
    b.save('nb.md', 'A edit 2', 'original', AT);
    b.accept('nb.md', b.load('nb.md')!.rev);
    b.save('nb.md', 'B edit', 'original', AT);
    expect(heard).toEqual([]);
  });

  it('the same text in both tabs, or a save from an earlier visit, is no conflict', () => {
    const store = new SharedStore();
    const earlier = store.tab('earlier visit');
    earlier.opened('nb.md');
    earlier.save('nb.md', 'from last week', 'original', AT);
    const a = store.tab('A');
    const b = store.tab('B');
    a.opened('nb.md');
    b.opened('nb.md');
    expect(a.save('nb.md', 'same', 'original', AT)).toEqual({ kind: 'saved' });
    expect(b.save('nb.md', 'same', 'original', AT)).toEqual({ kind: 'unchanged' });
    expect(b.save('nb.md', 'B next', 'original', AT)).toEqual({ kind: 'saved' });
  });
});

/**
 * localStorage with Chromium's quota: about 5 million characters of keys and values for the
 * origin; a write past it throws QuotaExceededError and stores nothing.
 */
class QuotaStore extends MemoryStore {
  constructor(private readonly capacity = 5 * 1024 * 1024) {
    super();
  }
  private used(): number {
    let n = 0;
    for (const [key, value] of this.items) n += key.length + value.length;
    return n;
  }
  override setItem(key: string, value: string) {
    const old = this.items.get(key);
    const after = this.used() - (old === undefined ? 0 : key.length + old.length);
    if (after + key.length + value.length > this.capacity) {
      throw Object.assign(new Error('The quota has been exceeded.'), {
        name: 'QuotaExceededError',
      });
    }
    super.setItem(key, value);
  }
}

describe('autosave at the storage quota (issue 14, finding 5)', () => {
  // A 1.5 MB notebook: with the original stored beside the text in each slot, the second
  // save needed 6 MB and was lost without a word.
  const original = `# Big\n\n${'Some prose that goes on. '.repeat(60_000)}\n`;

  it('stores one copy of the text per slot, so a 1.5 MB notebook is saved edit after edit', () => {
    const store = new QuotaStore();
    const autosave = new Autosave(store, { tab: 'A' });
    for (let i = 1; i <= 5; i++) {
      expect(autosave.save('big.md', `${original}edit ${i}\n`, original, AT)).toEqual({
        kind: 'saved',
      });
    }
    const reloaded = new Autosave(store).load('big.md');
    expect(reloaded?.text).toBe(`${original}edit 5\n`);
    // What was opened is known by its fingerprint only; the edits are told from it.
    expect(reloaded?.originalHash).toBe(fingerprint(original));
    expect(reloaded?.original).toBeUndefined();
    expect(autosave.save('big.md', original, { hash: fingerprint(original) })).toEqual({
      kind: 'saved',
    });
    expect(new Autosave(store).load('big.md')).toBeUndefined();
  });

  it('a save storage refuses says so and why, and leaves the last saved copy', () => {
    const store = new QuotaStore(2.5 * 1024 * 1024);
    const autosave = new Autosave(store, { tab: 'A' });
    expect(autosave.save('big.md', `${original}edit 1\n`, original, AT).kind).toBe('saved');
    expect(autosave.save('big.md', `${original}edit 2\n`, original, AT)).toEqual({
      kind: 'failed',
      reason: 'this browser’s storage for the page is full',
    });
    expect(new Autosave(store).load('big.md')?.text).toBe(`${original}edit 1\n`);
  });
});

describe('a file opened with the name of kept edits (issue 14, finding 5)', () => {
  it('keepAside moves the kept edits to a name of their own, numbered when taken', () => {
    const store = new MemoryStore();
    const autosave = new Autosave(store, { tab: 'A' });
    autosave.save('nb.md', 'my edits', 'original', AT);
    expect(autosave.keepAside('nb.md')).toBe('nb (edits kept in this browser).md');
    expect(autosave.load('nb.md')).toBeUndefined();
    expect(autosave.load('nb (edits kept in this browser).md')).toMatchObject({
      text: 'my edits',
      originalHash: fingerprint('original'),
      savedAt: AT.toISOString(),
    });
    autosave.save('nb.md', 'more edits', 'original', AT);
    expect(autosave.keepAside('nb.md')).toBe('nb (edits kept in this browser 2).md');
    expect(autosave.load('nb (edits kept in this browser 2).md')?.text).toBe('more edits');
    expect(autosave.keepAside('nb.md')).toBeUndefined();
  });
});

describe('runs that never ended (issue 14, finding 3)', () => {
  it('a run started and not ended is found by the next visit, until it ends', () => {
    const store = new MemoryStore();
    const page = new Autosave(store, { tab: 'A' });
    page.runStarted('nb.md');
    page.runStarted('other.md');
    // The page crashed: a new visit finds both.
    expect(new Autosave(store).interruptedRuns()).toEqual(['nb.md', 'other.md']);
    const next = new Autosave(store, { tab: 'B' });
    next.runEnded('nb.md');
    expect(new Autosave(store).interruptedRuns()).toEqual(['other.md']);
    next.runEnded('other.md');
    expect(new Autosave(store).interruptedRuns()).toEqual([]);
    store.setItem('statecraft:running', '{damaged');
    expect(new Autosave(store).interruptedRuns()).toEqual([]);
  });
});

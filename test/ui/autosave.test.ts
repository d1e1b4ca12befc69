import { describe, expect, it } from 'vitest';
import { Autosave, type KeyValueStore } from '../../src/ui/autosave.ts';

/** localStorage's behaviour for the three calls used: a string map. */
class MemoryStore implements KeyValueStore {
  readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

describe('Autosave', () => {
  it('keeps edited text with its original and forgets it once it matches again', () => {
    const store = new MemoryStore();
    const autosave = new Autosave(store);
    autosave.save('welcome.md', 'edited', 'original', new Date('2024-05-01T10:00:00Z'));
    expect(autosave.load('welcome.md')).toEqual({
      text: 'edited',
      original: 'original',
      savedAt: '2024-05-01T10:00:00.000Z',
    });
    expect(autosave.last()).toBe('welcome.md');
    autosave.save('welcome.md', 'original', 'original');
    expect(autosave.load('welcome.md')).toBeUndefined();
    expect(autosave.last()).toBe('welcome.md');
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
    expect(() => autosave.save('x.md', 'a', 'b')).not.toThrow();
    expect(autosave.load('x.md')).toBeUndefined();
    expect(new Autosave(undefined).last()).toBeUndefined();
  });
});

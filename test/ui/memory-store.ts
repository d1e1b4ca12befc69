import type { KeyValueStore } from '../../src/ui/autosave.ts';

/** localStorage's behaviour for the three calls autosave and the library make: a string map. */
export class MemoryStore implements KeyValueStore {
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

/**
 * Keeps the reader's edits across reloads: the notebook text is saved in localStorage under
 * its file name whenever it differs from what was opened, and offered back on the next visit.
 * Only the text is kept; data files stay on the reader's disk and must be opened again.
 */

const PREFIX = 'statecraft:notebook:';
const LAST = 'statecraft:last';

export interface Saved {
  text: string;
  /** The text as opened, so a restored notebook can be put back as it was. */
  original: string;
  savedAt: string;
}

/** The slice of the Web Storage API used here (localStorage in the page). */
export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export class Autosave {
  constructor(private readonly store: KeyValueStore | undefined) {}

  /** Records the text of `fileName`; forgets it again when it matches the original. */
  save(fileName: string, text: string, original: string, now = new Date()): void {
    this.attempt(() => {
      if (text === original) this.store?.removeItem(PREFIX + fileName);
      else {
        const saved: Saved = { text, original, savedAt: now.toISOString() };
        this.store?.setItem(PREFIX + fileName, JSON.stringify(saved));
      }
      this.store?.setItem(LAST, fileName);
    });
  }

  load(fileName: string): Saved | undefined {
    const raw = this.attempt(() => this.store?.getItem(PREFIX + fileName));
    if (!raw) return undefined;
    try {
      const saved = JSON.parse(raw) as Partial<Saved>;
      if (typeof saved.text !== 'string' || typeof saved.original !== 'string') return undefined;
      return { text: saved.text, original: saved.original, savedAt: String(saved.savedAt ?? '') };
    } catch {
      return undefined;
    }
  }

  forget(fileName: string): void {
    this.attempt(() => this.store?.removeItem(PREFIX + fileName));
  }

  /** The notebook the reader had open last. */
  last(): string | undefined {
    return this.attempt(() => this.store?.getItem(LAST)) ?? undefined;
  }

  /** Storage can be full or switched off (private windows); losing autosave is not an error. */
  private attempt<T>(task: () => T): T | undefined {
    try {
      return task();
    } catch {
      return undefined;
    }
  }
}

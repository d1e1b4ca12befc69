/**
 * Keeps the reader's edits across reloads: the notebook text is saved in localStorage under
 * its file name whenever it differs from what was opened, and offered back on the next visit.
 * Only the text is kept; data files stay on the reader's disk and must be opened again.
 *
 * A save never touches the copy it replaces: the full text goes to the other of two slots,
 * and only then does the pointer switch to it. A tab closed or a storage write failing midway
 * leaves the pointer on the last complete copy.
 *
 * Each save carries a revision number and the id of the tab that made it. A tab that finds a
 * newer revision from another tab than the one it last saw (when saving, or through the
 * `storage` event) reports a conflict instead of writing over it.
 *
 * A slot holds one copy of the text and only a fingerprint of the text as opened: storing the
 * original beside it doubled what a notebook took, and past about 1.3 MB every save failed.
 * A failed save is reported (`failed`, with why), never dropped.
 */
import { fingerprint } from '../notebook/hash.ts';
import { notebookStem } from '../notebook/notebook-file.ts';

/** Pointer key: which slot holds the latest copy (an older format kept the copy itself here). */
const PREFIX = 'statecraft:notebook:';
const SLOT_PREFIX = 'statecraft:copy:';
const LAST = 'statecraft:last';
/** Notebooks whose run had started and not finished, by file name (see runStarted). */
const RUNNING = 'statecraft:running';
const SLOTS = ['a', 'b'] as const;
type Slot = (typeof SLOTS)[number];

/** The text as opened, or only its fingerprint when the text itself is not at hand. */
export type OriginalText = string | { hash: string };

export interface Saved {
  text: string;
  /** Fingerprint of the text as opened: equal to the text's own means there are no edits. */
  originalHash: string;
  /** The text as opened, only in copies saved before slots held one copy each. */
  original?: string;
  savedAt: string;
  /** Revision: one more than the revision the saving tab built on (0 for the old format). */
  rev: number;
  /** The tab that saved it ('' when unknown). */
  tab: string;
}

interface Pointer {
  slot: Slot;
  rev: number;
}

export type SaveOutcome =
  /** Written (or, when the text is the original again, the saved copy removed). */
  | { kind: 'saved' }
  /** Storage already holds this text. */
  | { kind: 'unchanged' }
  /** Another tab saved a different text since this tab last saw the notebook; nothing written. */
  | { kind: 'conflict'; theirs: Saved }
  /** Storage refused (full, switched off); the previous copy is intact. */
  | { kind: 'failed'; reason: string };

/** The slice of the Web Storage API used here (localStorage in the page). */
export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface AutosaveOptions {
  /** This tab's id; a new random one by default. */
  tab?: string;
  /** Where `storage` events from other tabs arrive (by default the window, in a page). */
  events?: EventTarget;
}

export class Autosave {
  readonly tab: string;
  /** The revision of each notebook this tab last wrote or read. */
  private readonly seen = new Map<string, number>();
  private readonly events: EventTarget | undefined;

  constructor(
    /** Where copies go; the notebook library keeps its index beside them. */
    readonly store: KeyValueStore | undefined,
    options: AutosaveOptions = {},
  ) {
    this.tab = options.tab ?? randomId();
    // In the page, the window hears other tabs' writes to the same storage.
    this.events = options.events ?? (store && typeof window !== 'undefined' ? window : undefined);
  }

  /**
   * Records the text of `fileName`; forgets it again when it matches the original. Refuses
   * (a conflict) when another tab saved a different text since this tab last saw it, unless
   * `force` (the reader chose to keep this tab's version).
   */
  save(
    fileName: string,
    text: string,
    original: OriginalText,
    now = new Date(),
    force = false,
  ): SaveOutcome {
    let reason = 'this browser refused to store it';
    const outcome = this.attempt(
      (): SaveOutcome => {
        const current = this.read(fileName);
        const seen = this.seen.get(fileName) ?? current?.rev ?? 0;
        if (current && current.text === text) {
          this.seen.set(fileName, current.rev);
          this.store?.setItem(LAST, fileName);
          return { kind: 'unchanged' };
        }
        if (!force && current && current.rev > seen && current.tab !== this.tab) {
          return { kind: 'conflict', theirs: current };
        }
        if (isOriginal(text, original)) {
          this.removeAll(fileName);
          this.seen.set(fileName, Math.max(seen, current?.rev ?? 0));
        } else {
          const rev = Math.max(seen, current?.rev ?? 0) + 1;
          const saved: Saved = {
            text,
            originalHash: hashOf(original),
            savedAt: now.toISOString(),
            rev,
            tab: this.tab,
          };
          const slot = this.nextSlot(fileName);
          // The full copy first; the pointer moves only once it is stored.
          this.store?.setItem(slotKey(slot, fileName), JSON.stringify(saved));
          const pointer: Pointer = { slot, rev };
          this.store?.setItem(PREFIX + fileName, JSON.stringify(pointer));
          this.seen.set(fileName, rev);
        }
        this.store?.setItem(LAST, fileName);
        return { kind: 'saved' };
      },
      (error) => (reason = storageProblem(error)),
    );
    return outcome ?? { kind: 'failed', reason };
  }

  /**
   * Moves the edits kept for `fileName` to a name of their own ("nb (edits kept in this
   * browser).md", numbered if taken), so that opening another `fileName` does not replace
   * them. Returns that name, or undefined when nothing is kept or storage refused.
   */
  keepAside(fileName: string): string | undefined {
    return this.attempt(() => {
      const saved = this.read(fileName);
      if (!saved) return undefined;
      const stem = notebookStem(fileName);
      const extension = fileName.slice(stem.length) || '.md';
      let aside = '';
      for (let n = 1; aside === '' || this.read(aside); n++) {
        aside = `${stem} (edits kept in this browser${n > 1 ? ` ${n}` : ''})${extension}`;
      }
      const copy: Saved = { ...saved, rev: 1, tab: this.tab };
      this.store?.setItem(slotKey('a', aside), JSON.stringify(copy));
      const pointer: Pointer = { slot: 'a', rev: 1 };
      this.store?.setItem(PREFIX + aside, JSON.stringify(pointer));
      // Only once the copy is stored under its new name is the old one let go.
      this.removeAll(fileName);
      this.seen.delete(fileName);
      return aside;
    });
  }

  /**
   * A run of `fileName` starts: until runEnded, a new visit finds it in interruptedRuns. A
   * page that crashes while drawing a result never gets to runEnded, so the next visit does
   * not open the notebook straight into the same crash.
   */
  runStarted(fileName: string): void {
    this.attempt(() => {
      const running = this.running();
      if (running.includes(fileName)) return;
      this.store?.setItem(RUNNING, JSON.stringify([...running, fileName]));
    });
  }

  /** The run of `fileName` ended and its outcome is on screen. */
  runEnded(fileName: string): void {
    this.attempt(() => {
      const running = this.running();
      if (!running.includes(fileName)) return;
      const left = running.filter((f) => f !== fileName);
      if (left.length > 0) this.store?.setItem(RUNNING, JSON.stringify(left));
      else this.store?.removeItem(RUNNING);
    });
  }

  /** Notebooks whose last run started and never ended: the page closed or crashed during it. */
  interruptedRuns(): string[] {
    return this.attempt(() => this.running()) ?? [];
  }

  private running(): string[] {
    let value: unknown;
    try {
      value = JSON.parse(this.store?.getItem(RUNNING) ?? '[]');
    } catch {
      return [];
    }
    return Array.isArray(value) ? value.filter((f): f is string => typeof f === 'string') : [];
  }

  /** The latest complete copy of `fileName`; this tab now builds on it. */
  load(fileName: string): Saved | undefined {
    const saved = this.attempt(() => this.read(fileName));
    this.seen.set(fileName, saved?.rev ?? 0);
    return saved;
  }

  /** The latest complete copy of `fileName`, without this tab taking it in (see load). */
  peek(fileName: string): Saved | undefined {
    return this.attempt(() => this.read(fileName));
  }

  /** `fileName` is the notebook open now: a reload opens it again. */
  markLast(fileName: string): void {
    this.attempt(() => this.store?.setItem(LAST, fileName));
  }

  /** This tab opened `fileName`: later saves by other tabs are conflicts, earlier ones not. */
  opened(fileName: string): void {
    this.load(fileName);
  }

  /** This tab has taken another tab's revision in (loaded it, or found it equal). */
  accept(fileName: string, rev: number): void {
    this.seen.set(fileName, Math.max(rev, this.seen.get(fileName) ?? 0));
  }

  forget(fileName: string): void {
    this.attempt(() => this.removeAll(fileName));
  }

  /** The notebook the reader had open last. */
  last(): string | undefined {
    return this.attempt(() => this.store?.getItem(LAST)) ?? undefined;
  }

  /**
   * Calls `listener` when another tab saves a newer revision of a notebook this tab has open
   * (one it saved or loaded). Returns the function that stops listening.
   */
  onOtherTab(listener: (fileName: string, theirs: Saved) => void): () => void {
    const events = this.events;
    if (!events) return () => {};
    const handle = (event: Event) => {
      const key = (event as StorageEvent).key;
      if (typeof key !== 'string' || !key.startsWith(PREFIX)) return;
      const fileName = key.slice(PREFIX.length);
      const seen = this.seen.get(fileName);
      if (seen === undefined) return;
      const theirs = this.attempt(() => this.read(fileName));
      if (theirs && theirs.rev > seen && theirs.tab !== this.tab) listener(fileName, theirs);
    };
    events.addEventListener('storage', handle);
    return () => events.removeEventListener('storage', handle);
  }

  /**
   * The copy the pointer names; if that is damaged, the newest complete copy in either slot.
   * A copy from before the two-slot format sits under the pointer key itself.
   */
  private read(fileName: string): Saved | undefined {
    const raw = parse(this.store?.getItem(PREFIX + fileName));
    if (raw && typeof raw.text === 'string') return asSaved(raw, 0);
    const pointer = asPointer(raw);
    const copies = SLOTS.map((slot) => ({
      slot,
      saved: asSaved(parse(this.store?.getItem(slotKey(slot, fileName)))),
    }));
    const named = copies.find((c) => c.slot === pointer?.slot)?.saved;
    if (named && named.rev === pointer?.rev) return named;
    const complete = copies
      .map((c) => c.saved)
      .filter(
        (s): s is Saved => s !== undefined && (pointer === undefined || s.rev <= pointer.rev),
      );
    return complete.sort((a, b) => b.rev - a.rev)[0];
  }

  /** The slot the pointer does not name: the one that may be overwritten. */
  private nextSlot(fileName: string): Slot {
    const pointer = asPointer(parse(this.store?.getItem(PREFIX + fileName)));
    return pointer?.slot === 'a' ? 'b' : 'a';
  }

  /** Copies first: a pointer left behind names nothing, where copies left behind would return. */
  private removeAll(fileName: string): void {
    for (const slot of SLOTS) this.store?.removeItem(slotKey(slot, fileName));
    this.store?.removeItem(PREFIX + fileName);
  }

  /** Storage can be full or switched off (private windows): the caller says what it means. */
  private attempt<T>(task: () => T, failed?: (error: unknown) => void): T | undefined {
    try {
      return task();
    } catch (error) {
      failed?.(error);
      return undefined;
    }
  }
}

function slotKey(slot: Slot, fileName: string): string {
  return `${SLOT_PREFIX}${slot}:${fileName}`;
}

function parse(raw: string | null | undefined): Record<string, unknown> | undefined {
  if (!raw) return undefined;
  try {
    const value: unknown = JSON.parse(raw);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function asSaved(raw: Record<string, unknown> | undefined, rev?: number): Saved | undefined {
  if (!raw || typeof raw.text !== 'string') return undefined;
  // Copies saved before one copy per slot carry the original itself.
  const original = typeof raw.original === 'string' ? raw.original : undefined;
  const originalHash =
    typeof raw.originalHash === 'string'
      ? raw.originalHash
      : original === undefined
        ? undefined
        : fingerprint(original);
  if (originalHash === undefined) return undefined;
  return {
    text: raw.text,
    originalHash,
    ...(original === undefined ? {} : { original }),
    savedAt: String(raw.savedAt ?? ''),
    rev: rev ?? (typeof raw.rev === 'number' ? raw.rev : 0),
    tab: typeof raw.tab === 'string' ? raw.tab : '',
  };
}

export function hashOf(original: OriginalText): string {
  return typeof original === 'string' ? fingerprint(original) : original.hash;
}

function isOriginal(text: string, original: OriginalText): boolean {
  return typeof original === 'string' ? text === original : fingerprint(text) === original.hash;
}

/** Why a write failed, in the reader's words. */
function storageProblem(error: unknown): string {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  return /quota/i.test(`${name} ${message}`)
    ? 'this browser’s storage for the page is full'
    : 'this browser refused to store it';
}

function asPointer(raw: Record<string, unknown> | undefined): Pointer | undefined {
  if (!raw || (raw.slot !== 'a' && raw.slot !== 'b') || typeof raw.rev !== 'number') {
    return undefined;
  }
  return { slot: raw.slot, rev: raw.rev };
}

function randomId(): string {
  return (
    globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`
  );
}

/**
 * The reader's notebooks in this browser: every notebook created, opened or received by link
 * is listed under its own file name, with its title, last edit and the datasets it names, and
 * can be renamed, duplicated and deleted (into a trash kept for 30 days).
 *
 * The text of a notebook lives in two places that never hold the same thing twice: the text as
 * opened (its base, kept here) and the edits since (autosave's copy, which it drops again when
 * the text is back to the base). A notebook's text is the autosave copy if there is one, else
 * its base, so a notebook nobody edited costs one copy and an edited one two at most.
 *
 * The index is one storage item, rewritten whole: a tab closed midway leaves the old index.
 */
import { parseFrontMatter } from '../../notebook/parse.ts';
import { notebookStem } from '../../notebook/notebook-file.ts';
import type { Autosave, KeyValueStore } from '../autosave.ts';

const INDEX = 'statecraft:library';
const BASE_PREFIX = 'statecraft:base:';
const TRASH = 'statecraft:trash';
/** How long a deleted notebook can still be restored. */
export const TRASH_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface LibraryEntry {
  file: string;
  title: string;
  /** Last edit, ISO 8601. */
  updated: string;
  /** The dataset files the notebook's front matter names. */
  datasets: string[];
}

export interface TrashEntry extends LibraryEntry {
  deletedAt: string;
  /** The notebook's text when it was deleted, exactly. */
  text: string;
}

export class Library {
  /** The notebooks, newest edit first; kept in step with storage for the panel. */
  entries = $state<LibraryEntry[]>([]);
  /** Deleted notebooks that can still be restored, newest deletion first. */
  trash = $state<TrashEntry[]>([]);

  constructor(
    private readonly store: KeyValueStore | undefined,
    private readonly autosave: Autosave,
    now = Date.now(),
  ) {
    this.refresh(now);
  }

  /** Reads the index again (another tab may have changed it) and empties the old trash. */
  refresh(now = Date.now()): void {
    this.entries = sortByUpdated(readArray(this.store, INDEX, asEntry));
    const cutoff = now - TRASH_DAYS * DAY_MS;
    const trash = readArray(this.store, TRASH, asTrashEntry);
    const fresh = trash.filter((t) => Date.parse(t.deletedAt) >= cutoff);
    if (fresh.length !== trash.length) this.write(TRASH, fresh);
    this.trash = fresh.sort((a, b) => b.deletedAt.localeCompare(a.deletedAt));
  }

  has(file: string): boolean {
    return this.entries.some((e) => e.file === file);
  }

  /**
   * A file name no notebook here uses, nor edits kept by autosave: `untitled.md`,
   * `untitled-2.md`, … for the stem given.
   */
  freeName(stem = 'untitled', extension = '.md'): string {
    this.refresh();
    for (let n = 1; ; n++) {
      const name = `${stem}${n > 1 ? `-${n}` : ''}${extension}`;
      if (!this.has(name) && this.autosave.peek(name) === undefined) return name;
    }
  }

  /**
   * `file` was opened with `text`: it joins the library with that text as its base (what the
   * text falls back to when autosave drops its copy). Returns false when storage refused.
   */
  opened(file: string, text: string, now = Date.now()): boolean {
    // A reload reopens the notebook open last, even one never edited.
    this.autosave.markLast(file);
    return this.keep(file, text, now);
  }

  /** Stores `text` as the base of `file` and lists it; false when storage refused. */
  add(file: string, text: string, now = Date.now()): boolean {
    return this.keep(file, text, now);
  }

  /** The text `file` was opened with, as kept here. */
  base(file: string): string | undefined {
    try {
      return this.store?.getItem(BASE_PREFIX + file) ?? undefined;
    } catch {
      return undefined;
    }
  }

  private keep(file: string, text: string, now: number): boolean {
    const stored = this.attempt(() => this.store?.setItem(BASE_PREFIX + file, text));
    if (stored) this.touch(file, text, now);
    return stored;
  }

  /** `file` now reads `text`: its entry's title, datasets and last edit follow. */
  touch(file: string, text: string, now = Date.now()): void {
    const entry = describe(file, text, iso(now));
    const others = readArray(this.store, INDEX, asEntry).filter((e) => e.file !== file);
    this.write(INDEX, [entry, ...others]);
    this.refresh(now);
  }

  /** The notebook's text as this browser last saw it: the edits kept, else the base. */
  text(file: string): string | undefined {
    return this.autosave.peek(file)?.text ?? this.base(file);
  }

  /**
   * Renames `from` to `to` (a name of the reader's choosing, `.md` added when missing).
   * Refuses a name already taken: renaming never replaces another notebook. Returns the new
   * name, or a reason for refusing.
   */
  rename(from: string, to: string, now = Date.now()): { file: string } | { problem: string } {
    const file = withExtension(to.trim());
    if (notebookStem(file) === '') return { problem: 'A notebook needs a name.' };
    if (/[/\\]/.test(file)) return { problem: 'A notebook name cannot hold / or \\.' };
    if (file === from) return { file };
    if (this.has(file) || this.autosave.peek(file) !== undefined) {
      return { problem: `There is already a notebook called ${file}.` };
    }
    const text = this.text(from);
    if (text === undefined) return { problem: `${from} is no longer in this browser.` };
    // The new name is complete before the old one is let go.
    if (!this.keep(file, text, now)) return { problem: 'This browser refused to store it.' };
    this.drop(from, now);
    return { file };
  }

  /** A copy of `file` under a free name ("<stem>-copy.md", numbered); returns that name. */
  duplicate(file: string, now = Date.now()): string | undefined {
    const text = this.text(file);
    if (text === undefined) return undefined;
    const name = this.freeName(`${notebookStem(file)}-copy`);
    return this.keep(name, text, now) ? name : undefined;
  }

  /** Moves `file` to the trash, its text whole, and out of the list. */
  delete(file: string, now = Date.now()): boolean {
    const text = this.text(file);
    const entry = this.entries.find((e) => e.file === file);
    if (text === undefined || !entry) return false;
    const trashed: TrashEntry = { ...entry, deletedAt: iso(now), text };
    // In the trash first: a failure after this leaves the notebook in both, never in neither.
    if (!this.write(TRASH, [trashed, ...readArray(this.store, TRASH, asTrashEntry)])) return false;
    this.drop(file, now);
    return true;
  }

  /**
   * Brings a deleted notebook back, under its own name if free (else a free one like it), with
   * the text it had. Returns the name it has now.
   */
  restore(file: string, deletedAt: string, now = Date.now()): string | undefined {
    const trash = readArray(this.store, TRASH, asTrashEntry);
    const item = trash.find((t) => t.file === file && t.deletedAt === deletedAt);
    if (!item) return undefined;
    const name =
      this.has(file) || this.autosave.peek(file) !== undefined
        ? this.freeName(notebookStem(file))
        : file;
    if (!this.keep(name, item.text, now)) return undefined;
    this.write(
      TRASH,
      trash.filter((t) => t !== item),
    );
    this.refresh(now);
    return name;
  }

  /** Forgets `file`: its entry, its base and the edits autosave kept. */
  private drop(file: string, now: number): void {
    this.autosave.forget(file);
    this.attempt(() => this.store?.removeItem(BASE_PREFIX + file));
    this.write(
      INDEX,
      readArray(this.store, INDEX, asEntry).filter((e) => e.file !== file),
    );
    this.refresh(now);
  }

  private write(key: string, value: unknown): boolean {
    return this.attempt(() => this.store?.setItem(key, JSON.stringify(value)));
  }

  /** Storage can be full or switched off: false, and the caller says what it means. */
  private attempt(task: () => void): boolean {
    try {
      task();
      return true;
    } catch {
      return false;
    }
  }
}

/** A time as the index stores it (ISO 8601). */
function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** The entry a notebook's text gives: its front matter's title and datasets. */
export function describe(file: string, text: string, updated: string): LibraryEntry {
  const { title, datasets } = parseFrontMatter(text);
  return { file, title: title ?? '', updated, datasets: datasets.map((d) => d.file) };
}

function withExtension(name: string): string {
  return /\.(md|markdown)$/i.test(name) ? name : `${name}.md`;
}

function sortByUpdated(entries: LibraryEntry[]): LibraryEntry[] {
  return entries.sort((a, b) => b.updated.localeCompare(a.updated));
}

function readArray<T>(
  store: KeyValueStore | undefined,
  key: string,
  read: (raw: unknown) => T | undefined,
): T[] {
  let value: unknown;
  try {
    value = JSON.parse(store?.getItem(key) ?? '[]');
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  return value.map(read).filter((v): v is T => v !== undefined);
}

function asEntry(raw: unknown): LibraryEntry | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const r = raw as Record<string, unknown>;
  if (typeof r.file !== 'string') return undefined;
  return {
    file: r.file,
    title: typeof r.title === 'string' ? r.title : '',
    updated: typeof r.updated === 'string' ? r.updated : '',
    datasets: Array.isArray(r.datasets)
      ? r.datasets.filter((d): d is string => typeof d === 'string')
      : [],
  };
}

function asTrashEntry(raw: unknown): TrashEntry | undefined {
  const entry = asEntry(raw);
  const r = raw as Record<string, unknown>;
  if (!entry || typeof r.text !== 'string' || typeof r.deletedAt !== 'string') return undefined;
  return { ...entry, text: r.text, deletedAt: r.deletedAt };
}

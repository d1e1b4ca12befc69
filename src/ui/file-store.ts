/**
 * The reader's data files, kept in this browser's IndexedDB keyed by their sha256, so that
 * closing and reopening the tab brings the datasets back without asking for the files again.
 * IndexedDB stores a File's bytes itself (on disk, not in memory), so a large file costs no
 * more than its size in the browser's storage quota; nothing ever leaves the browser.
 *
 * Browser-only (IndexedDB); every method fails softly when storage is switched off.
 */
import { messageOf } from '../shared/errors.ts';

export interface KeptFileInfo {
  sha256: string;
  name: string;
  size: number;
  keptAt: string;
}

interface StoredFile extends KeptFileInfo {
  blob: Blob;
}

/** A file loaded as a table of its own (not through a notebook's datasets). */
export interface TableEntry {
  name: string;
  sha256: string;
}

export type KeepOutcome = { kept: true } | { kept: false; reason: string };

const FILES = 'files';
const META = 'meta';
/** Leave this share of the quota free: the browser and the app need room too. */
const QUOTA_SHARE = 0.8;

export class FileStore {
  private db: Promise<IDBDatabase> | undefined;

  constructor(private readonly dbName = 'statecraft-files') {}

  static available(): boolean {
    return typeof indexedDB !== 'undefined';
  }

  async list(): Promise<KeptFileInfo[]> {
    const all = await this.request<StoredFile[]>(FILES, 'readonly', (s) => s.getAll());
    return all
      .map(({ sha256, name, size, keptAt }) => ({ sha256, name, size, keptAt }))
      .sort((a, b) => a.keptAt.localeCompare(b.keptAt));
  }

  /** The kept file with this content, as a File under its kept name. */
  async file(sha256: string): Promise<File | undefined> {
    const stored = await this.request<StoredFile | undefined>(FILES, 'readonly', (s) =>
      s.get(sha256),
    );
    return stored ? new File([stored.blob], stored.name) : undefined;
  }

  /**
   * Keeps `blob` under its sha256, unless the browser's storage has no room for it. An older
   * file kept under the same name (a previous version) is dropped.
   */
  async keep(blob: Blob, name: string, sha256: string): Promise<KeepOutcome> {
    const room = await roomFor(blob.size);
    if (room !== undefined) return { kept: false, reason: room };
    const entry: StoredFile = {
      sha256,
      name,
      size: blob.size,
      keptAt: new Date().toISOString(),
      blob,
    };
    try {
      const db = await this.open();
      await new Promise<void>((done, fail) => {
        const tx = db.transaction(FILES, 'readwrite');
        const store = tx.objectStore(FILES);
        const all = store.getAll();
        all.onsuccess = () => {
          for (const old of all.result as StoredFile[]) {
            if (old.name.toLowerCase() === name.toLowerCase() && old.sha256 !== sha256) {
              store.delete(old.sha256);
            }
          }
          store.put(entry);
        };
        tx.oncomplete = () => done();
        tx.onerror = () => fail(tx.error);
        tx.onabort = () => fail(tx.error ?? new Error('aborted'));
      });
      return { kept: true };
    } catch (error) {
      const quota = error instanceof DOMException && error.name === 'QuotaExceededError';
      return {
        kept: false,
        reason: quota
          ? 'the browser’s storage for this site is full'
          : `the browser refused to store it (${messageOf(error)})`,
      };
    }
  }

  async meta<T>(key: string): Promise<T | undefined> {
    return this.request<T | undefined>(META, 'readonly', (s) => s.get(key));
  }

  async setMeta(key: string, value: unknown): Promise<void> {
    await this.request(META, 'readwrite', (s) => s.put(value, key));
  }

  /** Deletes every kept file and the list of tables; the reader's choice to keep stays. */
  async forgetAll(): Promise<void> {
    await this.request(FILES, 'readwrite', (s) => s.clear());
    await this.request(META, 'readwrite', (s) => s.delete('tables'));
  }

  private open(): Promise<IDBDatabase> {
    this.db ??= new Promise((done, fail) => {
      const request = indexedDB.open(this.dbName, 1);
      request.onupgradeneeded = () => {
        request.result.createObjectStore(FILES, { keyPath: 'sha256' });
        request.result.createObjectStore(META);
      };
      request.onsuccess = () => done(request.result);
      request.onerror = () => fail(request.error);
      request.onblocked = () => fail(new Error('the file store is being upgraded in another tab'));
    });
    return this.db;
  }

  private async request<T>(
    store: string,
    mode: IDBTransactionMode,
    make: (store: IDBObjectStore) => IDBRequest,
  ): Promise<T> {
    const db = await this.open();
    return new Promise<T>((done, fail) => {
      const tx = db.transaction(store, mode);
      const request = make(tx.objectStore(store));
      tx.oncomplete = () => done(request.result as T);
      tx.onerror = () => fail(tx.error);
      tx.onabort = () => fail(tx.error ?? new Error('aborted'));
    });
  }
}

/** Undefined when `size` more bytes fit in this site's storage; otherwise why not. */
async function roomFor(size: number): Promise<string | undefined> {
  const estimate = await navigator.storage?.estimate?.().catch(() => undefined);
  if (!estimate?.quota) return undefined;
  const free = estimate.quota * QUOTA_SHARE - (estimate.usage ?? 0);
  if (size <= free) return undefined;
  return `it needs ${megabytes(size)} and this browser lets the app keep only ${megabytes(Math.max(0, free))} more`;
}

export function megabytes(bytes: number): string {
  return bytes < 1e6
    ? `${Math.max(1, Math.round(bytes / 1e3))} kB`
    : `${(bytes / 1e6).toFixed(1)} MB`;
}

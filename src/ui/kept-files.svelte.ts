/**
 * Keeping the reader's data files across visits: after files load, their bytes go to the
 * browser's file store (file-store.ts); when the tab opens again, every kept file is put back
 * among the session's files, so the notebook finds its datasets without asking, and the files
 * that were tables of their own are loaded again. The reader sees what is kept, can stop it,
 * and can forget it all (the data may be confidential; the browser may be shared).
 */
import { messageOf } from '../shared/errors.ts';
import type { Session } from '../notebook/Session.ts';
import { isBundledData } from './bundled.ts';
import { FileStore, megabytes, type KeptFileInfo, type TableEntry } from './file-store.ts';
import { openedFiles } from './opened-files.ts';

const KEEP = 'keep';
const TABLES = 'tables';

export class KeptFiles {
  /** What the store holds, for the panel. */
  files = $state.raw<KeptFileInfo[]>([]);
  /** The reader's choice: keep data files in this browser (the default) or not. */
  enabled = $state(true);
  /** False when this browser has no usable IndexedDB (then nothing is kept or promised). */
  readonly available: boolean;
  private readonly ready: Promise<void>;

  constructor(private readonly store = FileStore.available() ? new FileStore() : undefined) {
    this.available = store !== undefined;
    this.ready = this.load();
  }

  private async load(): Promise<void> {
    if (!this.store) return;
    try {
      this.enabled = (await this.store.meta<boolean>(KEEP)) ?? true;
      this.files = await this.store.list();
    } catch {
      // Storage switched off (some private windows): nothing kept, nothing to restore.
    }
  }

  /**
   * Puts every kept file among `session`'s files (datasets find them by name; the newest
   * file of a name wins) and returns those that were tables of their own, to load again.
   */
  async restore(session: Session): Promise<File[]> {
    await this.ready;
    if (!this.store || !this.enabled) return [];
    try {
      for (const info of this.files) {
        const file = await this.store.file(info.sha256);
        if (file) session.files.set(file.name.toLowerCase(), file);
      }
      const tables = (await this.store.meta<TableEntry[]>(TABLES)) ?? [];
      return tables.flatMap((t) => {
        const file = session.files.get(t.name.toLowerCase());
        return file instanceof File && this.files.some((f) => f.sha256 === t.sha256) ? [file] : [];
      });
    } catch {
      return [];
    }
  }

  /** Kept files with the content a shared notebook names, under the names it gives them. */
  async matching(wanted: readonly { file: string; sha256?: string }[]): Promise<File[]> {
    await this.ready;
    if (!this.store || !this.enabled) return [];
    const found: File[] = [];
    for (const want of wanted) {
      if (!want.sha256 || !this.files.some((f) => f.sha256 === want.sha256)) continue;
      const file = await this.store.file(want.sha256).catch(() => undefined);
      if (file) found.push(new File([file], want.file));
    }
    return found;
  }

  /**
   * Keeps the files the reader opened in `session` that are not kept yet, and which of them
   * are tables of their own. Returns a sentence for each file that could not be kept.
   */
  async remember(session: Session): Promise<string[]> {
    await this.ready;
    if (!this.store || !this.enabled) return [];
    const opened = openedFiles(session, isBundledData);
    const problems: string[] = [];
    try {
      for (const file of opened) {
        if (this.files.some((f) => f.sha256 === file.sha256)) continue;
        const outcome = await this.store.keep(file.blob, file.name, file.sha256);
        if (!outcome.kept) {
          problems.push(
            `${file.name} (${megabytes(file.blob.size)}) could not be kept in this browser: ${outcome.reason}. After a reload, open it again.`,
          );
        }
      }
      const tables: TableEntry[] = opened
        .filter((f) => f.table)
        .map((f) => ({ name: f.name, sha256: f.sha256 }));
      await this.store.setMeta(TABLES, tables);
      this.files = await this.store.list();
    } catch (error) {
      problems.push(
        `Your data files could not be kept in this browser (${messageOf(error)}); after a reload, open them again.`,
      );
    }
    return problems;
  }

  /** Deletes every kept file now. */
  async forget(): Promise<void> {
    await this.ready;
    if (!this.store) return;
    await this.store.forgetAll();
    this.files = [];
  }

  /** The reader's choice; turning keeping off forgets what was kept. */
  async setEnabled(on: boolean): Promise<void> {
    await this.ready;
    this.enabled = on;
    if (!this.store) return;
    await this.store.setMeta(KEEP, on);
    if (!on) await this.forget();
  }
}

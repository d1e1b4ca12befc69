/**
 * Which of a session's files the reader opened and the session has read: the files worth
 * keeping in the browser for the next visit. Plain TypeScript over the Session, so a Node
 * test checks it against a real run.
 */
import type { Session } from '../notebook/Session.ts';

export interface OpenedFile {
  name: string;
  blob: Blob;
  /** sha256 of the file's bytes, as the loader computed it while reading the file. */
  sha256: string;
  /** Loaded as a table of its own (not named by the notebook's datasets). */
  table: boolean;
}

/**
 * Files in `session` that loaded (a dataset with status ok, or a table of their own), except
 * those `skip` names (the app's own demo files, fetched again whenever needed).
 */
export function openedFiles(session: Session, skip: (name: string) => boolean): OpenedFile[] {
  const hashes = new Map<string, { sha256: string; table: boolean }>();
  for (const dataset of session.runner.datasets.values()) {
    if (dataset.status === 'ok' && dataset.sha256) {
      hashes.set(dataset.file.toLowerCase(), { sha256: dataset.sha256, table: false });
    }
  }
  for (const loaded of session.looseTables) {
    hashes.set(loaded.fileName.toLowerCase(), { sha256: loaded.sha256, table: true });
  }
  const opened: OpenedFile[] = [];
  for (const [key, blob] of session.files) {
    const name = blob.name ?? key;
    const hash = hashes.get(key);
    if (hash && !skip(name)) opened.push({ name, blob, ...hash });
  }
  return opened;
}

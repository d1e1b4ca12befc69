/**
 * Sharing a notebook by link: the link carries the notebook's text (never its data), and a
 * notebook opened from one is shown with the data files it asks for and a way back to the
 * reader's own notebook.
 */
import { messageOf } from '../../shared/errors.ts';
import { isShareFragment, readShareFragment, shareFragment } from '../share-link.ts';
import { sharedDatasets, sharedFileName, type SharedInfo } from '../shared-notebook.ts';
import type { OpenFiles, SessionAccess } from './access.ts';
import type { Persistence } from './persistence.svelte.ts';

export class Sharing {
  /** Set while a notebook opened from a share link is open: the data files it asks for. */
  shared = $state<SharedInfo | undefined>();
  /** Why the share link in the address could not be opened. */
  shareProblem = $state<string | undefined>();
  /** The link the reader made to share this notebook, and whether it reached the clipboard. */
  shareLink = $state<{ url: string; copied: boolean } | undefined>();

  constructor(
    private readonly access: SessionAccess,
    private readonly persistence: Persistence,
    private readonly open: OpenFiles,
  ) {}

  /** Makes a link that carries `text` (not its data) and copies it. */
  async makeShareLink(text: string, fileName: string): Promise<void> {
    try {
      const fragment = await shareFragment(text, fileName || 'notebook.md');
      // Without the query: `?notebook=` would open a bundled notebook instead of the link's.
      const url = `${location.href.split(/[?#]/)[0]}#${fragment}`;
      const copied = await navigator.clipboard?.writeText(url).then(
        () => true,
        () => false,
      );
      this.shareLink = { url, copied: copied ?? false };
    } catch (error) {
      this.access.notify(messageOf(error));
    }
  }

  /** Another notebook was opened: what was said about the last one no longer holds. */
  closed(): void {
    this.shared = undefined;
    this.shareLink = undefined;
  }

  /**
   * Opens the notebook a share link in the address carries, under a name of its own so it
   * never replaces the reader's notebooks in autosave, and without data: the reader opens the
   * files it lists (kept files with the same sha256 are used at once). False when the address
   * carries no notebook or a damaged one (`shareProblem` says why).
   */
  async openSharedLink(hash = globalThis.location?.hash ?? ''): Promise<boolean> {
    if (!isShareFragment(hash)) return false;
    let shared;
    try {
      shared = await readShareFragment(hash);
    } catch (error) {
      this.shareProblem = messageOf(error);
      return false;
    }
    if (!shared) return false;
    this.shareProblem = undefined;
    const { autosave, kept } = this.persistence;
    const fileName = sharedFileName(shared);
    const datasets = sharedDatasets(shared.text);
    const before = this.persistence.openFile ?? autosave.last();
    const previous = before && before !== fileName && autosave.load(before) ? before : undefined;
    const saved = autosave.load(fileName);
    const restore = saved !== undefined && saved.text !== shared.text;
    // Only kept files with the content the notebook names come with it, none by name alone.
    const files = await kept.matching(datasets);
    const notebook = new File([restore ? saved.text : shared.text], fileName);
    await this.open([...files, notebook], shared.text, false);
    this.persistence.restored = restore ? { savedAt: saved.savedAt } : undefined;
    this.shared = { fileName, from: shared.fileName, datasets, previous };
    return true;
  }

  /** From a shared notebook back to the reader's own, as they left it. */
  async backToPrevious(): Promise<void> {
    const previous = this.shared?.previous;
    const saved = previous ? this.persistence.autosave.load(previous) : undefined;
    if (!previous || !saved) return;
    // Replacing the address fires no hashchange: the shared notebook is not opened again.
    window.history.replaceState(null, '', location.href.split('#')[0]);
    await this.persistence.reopen(previous, saved);
  }
}

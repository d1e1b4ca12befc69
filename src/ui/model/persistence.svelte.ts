/**
 * What this browser keeps of the reader's work: the notebook's edits (autosave), a choice
 * when another tab saved the same notebook (conflict), edits kept aside when the file is
 * opened again from disk, the reader's data files (kept files), and the mark a run leaves
 * until it ends, so a notebook whose last run crashed the page opens without running.
 */
import { messageOf } from '../../shared/errors.ts';
import type { Session } from '../../notebook/Session.ts';
import { parseNotebook } from '../../notebook/parse.ts';
import { Autosave, hashOf, type OriginalText, type SaveOutcome, type Saved } from '../autosave.ts';
import { bundledNotebook } from '../bundled.ts';
import { KeptFiles } from '../kept-files.svelte.ts';
import type { NamedFile, OpenFiles, SessionAccess } from './access.ts';
import { Library } from './library.svelte.ts';
import { notebookStem } from '../../notebook/notebook-file.ts';

export interface PersistenceLinks {
  open: OpenFiles;
  /** Replaces the document's text as one undoable edit. */
  edit(text: string): Promise<void>;
}

export class Persistence {
  /** Set when the notebook was reopened with edits saved in this browser. */
  restored = $state<{ savedAt: string } | undefined>();
  /**
   * Set when another tab saved this notebook since this tab last saw it: this tab's edits are
   * not saved over theirs until the reader chooses (keepMine, loadTheirs).
   */
  conflict = $state<{ savedAt: string } | undefined>();
  /**
   * Set when the notebook was opened without running, because its last run never finished
   * (the page closed or crashed during it): runAll runs it.
   */
  held = $state<{ fileName: string } | undefined>();
  /** Why the latest edits are not saved in this browser, and what to do about it. */
  saveProblem = $state<string | undefined>();
  /** Edits kept for a notebook that was opened again from a file, and where they are now. */
  keptAside = $state<{ fileName: string; keptAs: string } | undefined>();
  /** The reader's data files, kept in this browser so a reload brings them back. */
  readonly kept: KeptFiles;
  /** Every notebook this browser keeps, by file name (the library panel). */
  readonly library: Library;

  /** The notebook file open now; undefined until a notebook is opened. */
  private fileName: string | undefined;
  /** The notebook text as opened, before any edit (or its fingerprint): autosave compares. */
  private original: OriginalText = '';
  private savedText = '';
  /** The other tab's copy behind `conflict`. */
  private theirs: Saved | undefined;
  /** Kept data files come back once, with the first notebook this tab opens. */
  private keptRestored = false;
  /** Notebooks not to run when first opened (holdInterrupted); data files waiting for runAll. */
  private interrupted: readonly string[] | undefined;
  private heldFiles: NamedFile[] = [];

  constructor(
    private readonly access: SessionAccess,
    private readonly links: PersistenceLinks,
    readonly autosave: Autosave,
    kept?: KeptFiles,
  ) {
    this.kept = kept ?? new KeptFiles();
    this.library = new Library(autosave.store, autosave);
    autosave.onOtherTab((fileName, theirs) => {
      if (fileName === this.fileName) this.otherTabSaved(theirs);
    });
  }

  /** The notebook file open now, once one was opened. */
  get openFile(): string | undefined {
    return this.fileName;
  }

  /**
   * Opens notebook text shipped with the app, with the demo data it names. Edits the reader
   * made to it earlier in this browser come back, with a way to discard them.
   */
  async openBundled(text: string, fileName: string): Promise<void> {
    const saved = this.autosave.load(fileName);
    const restore = saved !== undefined && saved.text !== text;
    const files = await this.withKeptFiles([new File([restore ? saved.text : text], fileName)]);
    await this.links.open(files, text);
    this.restored = restore ? { savedAt: saved.savedAt } : undefined;
  }

  /** Opens the notebook the reader had open last, if it had unsaved edits; false if none. */
  async reopenLast(): Promise<boolean> {
    const fileName = this.autosave.last();
    return fileName !== undefined && (await this.openFromLibrary(fileName));
  }

  /**
   * Opens a notebook of the library: with the edits kept for it (as reopen does), else as it
   * was opened. False when this browser no longer holds it.
   */
  async openFromLibrary(fileName: string): Promise<boolean> {
    const saved = this.autosave.load(fileName);
    if (saved) {
      await this.reopen(fileName, saved);
      return true;
    }
    const text = this.library.text(fileName);
    if (text === undefined) return false;
    const files = await this.withKeptFiles([new File([text], fileName)]);
    await this.links.open(files, text);
    return true;
  }

  /**
   * Opens notebook text as if its file had been picked (the library keeps it; edits kept
   * under the same name are moved aside first, as for a picked file).
   */
  async openText(text: string, fileName: string): Promise<void> {
    await this.links.open(await this.withKeptFiles([new File([text], fileName)]));
  }

  /** Renames a notebook of the library; the open one keeps going under its new name. */
  renameNotebook(from: string, to: string): string | undefined {
    const session = this.access.current();
    const open = from === this.fileName && session !== undefined;
    // The open notebook's latest text goes with it, even if its last save failed.
    if (open) this.autosave.save(from, session.text, this.original);
    const outcome = this.library.rename(from, to);
    if ('problem' in outcome) {
      this.access.notify(outcome.problem);
      return undefined;
    }
    if (open) {
      session.notebookFile = outcome.file;
      this.fileName = outcome.file;
      this.original = session.text;
      this.savedText = session.text;
      this.autosave.opened(outcome.file);
      this.autosave.markLast(outcome.file);
      this.restored = undefined;
    }
    return outcome.file;
  }

  /** Opens the edits saved for `fileName`, with the text they were edited from. */
  async reopen(fileName: string, saved: Saved): Promise<void> {
    const files = await this.withKeptFiles([new File([saved.text], fileName)]);
    const base = this.library.base(fileName);
    const original =
      base !== undefined && hashOf(base) === saved.originalHash
        ? base
        : await originalOf(fileName, saved);
    await this.links.open(files, original);
    this.restored = { savedAt: saved.savedAt };
  }

  /** Opens the edits keepAside moved to a name of their own. */
  async openKeptAside(): Promise<void> {
    const keptAs = this.keptAside?.keptAs;
    const saved = keptAs ? this.autosave.load(keptAs) : undefined;
    this.keptAside = undefined;
    if (!keptAs || !saved) return;
    await this.links.open([new File([saved.text], keptAs)], { hash: saved.originalHash });
    this.restored = { savedAt: saved.savedAt };
  }

  /** Puts the notebook back as it was opened, dropping the restored edits. */
  async discardRestored(): Promise<void> {
    const fileName = this.fileName ?? '';
    this.autosave.forget(fileName);
    this.restored = undefined;
    if (typeof this.original === 'string') {
      await this.links.edit(this.original);
    } else {
      // Only the original's fingerprint is kept in this browser, not its text.
      this.access.notify(
        `Your edits to ${fileName} are no longer kept in this browser. To see it as it was, open ${fileName} again from your disk.`,
      );
    }
  }

  /**
   * A notebook is being opened, as `original` when it is a restored, edited version (else as
   * it is). One the reader opens from disk does not replace edits kept under its name.
   */
  async opening(notebook: NamedFile, original: OriginalText | undefined): Promise<void> {
    const keptAs = original === undefined ? await this.keepAsideFor(notebook) : undefined;
    this.keptAside = keptAs ? { fileName: notebook.name, keptAs } : undefined;
    this.fileName = notebook.name;
    this.savedText = await notebook.text();
    this.original = original ?? this.savedText;
    this.intoLibrary(notebook.name, this.savedText, original, keptAs);
    this.restored = undefined;
    this.autosave.opened(notebook.name);
    this.conflict = undefined;
    this.theirs = undefined;
  }

  /**
   * The first notebook opened, if among `fileNames`, is shown without running (see held):
   * its last run started and never ended, and running it again may crash the page again.
   */
  holdInterrupted(fileNames: readonly string[]): void {
    this.interrupted = [...fileNames];
  }

  /** True once for the notebook holdInterrupted named, if it is the first one opened. */
  takeHold(notebook: NamedFile): boolean {
    const hold = this.interrupted?.includes(notebook.name) === true;
    this.interrupted = undefined;
    return hold;
  }

  /**
   * Shows `notebook` in `session` without running it: its cells wait as "not run", its data
   * files wait for runAll (a data file can be what crashed the page), and any edit runs it.
   */
  async hold(session: Session, notebook: NamedFile, data: NamedFile[]): Promise<void> {
    for (const file of data) session.files.set(file.name.toLowerCase(), file);
    this.heldFiles = data;
    session.text = await notebook.text();
    session.notebookFile = notebook.name;
    session.state = 'ready';
    this.held = { fileName: notebook.name };
    session.runner.setNotebook(parseNotebook(session.text));
  }

  /** Runs the notebook shown without running (held), with the data files opened with it. */
  async runAll(): Promise<void> {
    const session = this.access.session();
    const files = this.heldFiles;
    this.heldFiles = [];
    this.held = undefined;
    try {
      if (files.length > 0) await session.addFiles(files);
      else await session.setText(session.text);
    } catch (error) {
      this.access.notify(messageOf(error));
    }
  }

  /** Catches up with `session`: a run clears the hold, and a new text is saved. */
  mirror(session: Session): void {
    if (session.state === 'running') this.held = undefined;
    if (this.fileName !== undefined) this.fileName = session.notebookFile;
    if (session.text !== this.savedText && session.text !== '') {
      this.savedText = session.text;
      const outcome = this.autosave.save(session.notebookFile, session.text, this.original);
      this.saved(outcome);
      if (outcome.kind === 'saved' || outcome.kind === 'unchanged') {
        this.library.touch(session.notebookFile, session.text);
      }
    }
  }

  /** Conflict with another tab: this tab's text wins and is saved over theirs. */
  keepMine(): void {
    const session = this.access.session();
    this.conflict = undefined;
    this.theirs = undefined;
    this.saved(
      this.autosave.save(session.notebookFile, session.text, this.original, undefined, true),
    );
  }

  /** Conflict with another tab: their text replaces this tab's, as one undoable edit. */
  async loadTheirs(): Promise<void> {
    const theirs = this.theirs;
    this.conflict = undefined;
    this.theirs = undefined;
    if (!theirs) return;
    this.autosave.accept(this.fileName ?? '', theirs.rev);
    await this.links.edit(theirs.text);
  }

  /** The reader's choice to keep data files in this browser (on by default). */
  async setKeepFiles(on: boolean): Promise<void> {
    await this.kept.setEnabled(on);
    if (on) this.keepOpenedFiles();
  }

  /** Deletes the data files kept in this browser; what is open now stays open. */
  async forgetKeptFiles(): Promise<void> {
    const count = this.kept.files.length;
    await this.kept.forget();
    this.access.notify(
      `Deleted ${count} ${count === 1 ? 'file' : 'files'} from this browser’s storage. The tables stay open until you close the tab.`,
    );
  }

  /** The first notebook this tab opens gets back the data files kept from the last visit. */
  async withKeptFiles(files: NamedFile[]): Promise<NamedFile[]> {
    if (this.keptRestored) return files;
    this.keptRestored = true;
    return [...(await this.kept.restore(this.access.session())), ...files];
  }

  /** Keeps the session's data files in this browser (when the reader lets it). */
  keepOpenedFiles(): void {
    const session = this.access.current();
    if (!session) return;
    void this.kept.remember(session).then((problems) => {
      if (problems.length > 0) this.access.notify(problems.join(' '));
    });
  }

  /**
   * The notebook being opened joins the library. A different notebook the library holds under
   * the same name is moved to a free name first: opening never overwrites what was there.
   */
  private intoLibrary(
    fileName: string,
    text: string,
    original: OriginalText | undefined,
    keptAs: string | undefined,
  ): void {
    if (keptAs !== undefined) {
      const kept = this.library.text(keptAs);
      if (kept !== undefined) this.library.add(keptAs, kept);
    }
    const held = this.library.text(fileName);
    // Edits already kept aside leave only the old text as opened, which came from a file.
    if (keptAs === undefined && held !== undefined && held !== text) {
      const outcome = this.library.rename(fileName, this.library.freeName(notebookStem(fileName)));
      if ('file' in outcome) {
        this.access.notify(
          `The notebook called ${fileName} that was in this browser is kept in your notebooks as ${outcome.file}.`,
        );
      }
    }
    const base = typeof original === 'string' ? original : (this.library.base(fileName) ?? text);
    this.library.opened(fileName, base);
    if (base !== text) this.library.touch(fileName, text);
  }

  /** Kept edits to a notebook of this name that differ from `notebook`, moved aside. */
  private async keepAsideFor(notebook: NamedFile): Promise<string | undefined> {
    const kept = this.autosave.load(notebook.name);
    if (!kept || kept.text === (await notebook.text())) return undefined;
    return this.autosave.keepAside(notebook.name);
  }

  private otherTabSaved(theirs: Saved): void {
    if (theirs.text === this.access.session().text) {
      this.autosave.accept(this.fileName ?? '', theirs.rev);
      return;
    }
    this.theirs = theirs;
    this.conflict = { savedAt: theirs.savedAt };
  }

  private saved(outcome: SaveOutcome): void {
    if (outcome.kind === 'conflict') this.otherTabSaved(outcome.theirs);
    if (outcome.kind === 'conflict') return;
    this.saveProblem =
      outcome.kind === 'failed'
        ? `Your latest edits to ${this.fileName || 'this notebook'} are not saved in this browser: ${outcome.reason}. Download the notebook (.md) to keep them; a reload would lose them.`
        : undefined;
  }
}

/**
 * The text `saved` was edited from: stored with it in older copies, or the bundled notebook of
 * that name if its fingerprint matches; else only the fingerprint.
 */
async function originalOf(fileName: string, saved: Saved): Promise<OriginalText> {
  if (saved.original !== undefined) return saved.original;
  const bundled = await bundledNotebook(fileName.replace(/\.md$/i, '')).catch(() => undefined);
  const hash = saved.originalHash;
  return bundled !== undefined && hashOf(bundled) === hash ? bundled : { hash };
}

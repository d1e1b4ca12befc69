/**
 * Undo and redo for the notebook document. Each edit the app makes (running a changed cell,
 * adding, deleting or moving a cell) records the whole text before it; notebooks are small,
 * and whole texts cannot drift out of step with the document the way patches could.
 */
export class TextHistory {
  private past: string[] = [];
  private future: string[] = [];

  constructor(private readonly limit = 200) {}

  /** Call before an edit replaces `before`. */
  record(before: string): void {
    if (this.past.at(-1) === before) return;
    this.past.push(before);
    if (this.past.length > this.limit) this.past.shift();
    this.future = [];
  }

  /** The text to go back to from `current`, or undefined when there is none. */
  undo(current: string): string | undefined {
    const previous = this.past.pop();
    if (previous !== undefined) this.future.push(current);
    return previous;
  }

  redo(current: string): string | undefined {
    const next = this.future.pop();
    if (next !== undefined) this.past.push(current);
    return next;
  }

  clear(): void {
    this.past = [];
    this.future = [];
  }

  get canUndo(): boolean {
    return this.past.length > 0;
  }

  get canRedo(): boolean {
    return this.future.length > 0;
  }
}

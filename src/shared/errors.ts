/**
 * Errors a user can act on. `line` points into the notebook file (1-based) so the browser
 * and the CLI can show where the problem is.
 */
export class NotebookError extends Error {
  constructor(
    message: string,
    readonly line?: number,
    readonly cell?: string,
  ) {
    super(message);
    this.name = 'NotebookError';
  }
}

/** A cell's input is wrong (bad value in an outcome column, single-row crosstab, …). */
export class CellError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CellError';
  }
}

/** What to show of anything thrown: an Error's message, anything else as text. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

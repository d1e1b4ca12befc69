/** A notebook is a Markdown file (docs/notebook-format.md): what makes a file name one. */
const NOTEBOOK_FILE = /\.(md|markdown)$/i;

export function isNotebookFile(name: string): boolean {
  return NOTEBOOK_FILE.test(name);
}

/** The name without its notebook extension: `report.markdown` → `report`. */
export function notebookStem(name: string): string {
  return name.replace(NOTEBOOK_FILE, '');
}

/** What a cell's controls can ask of the app: edits from the document, downloads from exports. */
import type { CellActions } from '../cell-actions.ts';
import type { NotebookDocument } from './document.svelte.ts';
import type { Exports } from './exports.ts';

export function cellActions(doc: NotebookDocument, exports: Exports): CellActions {
  return {
    runCell: (key, source) => doc.runCell(key, source),
    setInput: (name, value) => doc.setInput(name, value),
    addCell: (afterKey, kind) => doc.addCell(afterKey, kind),
    deleteCell: (key) => doc.deleteCell(key),
    duplicateCell: (key) => doc.duplicateCell(key),
    moveCell: (key, direction) => doc.moveCell(key, direction),
    downloadCsv: (table) => exports.downloadCsv(table),
    downloadParquet: (table) => exports.downloadParquet(table),
    pinCell: (key) => doc.pinCells([key]),
    renameCell: (oldName, newName) => doc.renameCell(oldName, newName),
  };
}

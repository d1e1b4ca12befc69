import type { CellKind, InputValue } from '../notebook/types.ts';

/** What a cell's controls can ask of the app; AppModel provides it. */
export interface CellActions {
  runCell(key: string, source: string): Promise<void>;
  setInput(name: string, value: InputValue): Promise<void>;
  addCell(afterKey: string | undefined, kind: CellKind): Promise<void>;
  deleteCell(key: string): Promise<void>;
  duplicateCell(key: string): Promise<void>;
  moveCell(key: string, direction: -1 | 1): Promise<void>;
  downloadCsv(table: string): Promise<void>;
  downloadParquet(table: string): Promise<void>;
  /** Writes the cell's current results into the notebook's pin cell (an `expect` cell). */
  pinCell?(key: string): Promise<void>;
  /** Renames a named cell and every reference to it, as one undoable edit. */
  renameCell?(oldName: string, newName: string): Promise<void>;
}

import type { TextColumn } from '../insert.ts';
import type { SheetTable } from '../excel.ts';
import type { StataTables } from '../stata/load-stata.ts';

/** A workbook with every sheet converted: a worker cannot hand back SheetJS's lazy object. */
export interface ParsedBook {
  sheetNames: string[];
  hidden: string[];
  /** By position in sheetNames; null for a sheet without any cells. */
  sheets: (SheetTable | null)[];
}

export interface ParseResults {
  stata: StataTables;
  arrow: { columns: TextColumn[]; rows: number };
  excel: ParsedBook;
}

export type ParseKind = keyof ParseResults;

export interface ParseRequest {
  kind: ParseKind;
  bytes: Uint8Array;
  fileName: string;
}

/** `ingest` says the message is for the user (an IngestError), not a bug. */
export type ParseReply =
  { ok: true; result: ParseResults[ParseKind] } | { ok: false; message: string; ingest: boolean };

import type { PackedTable } from '../insert.ts';
import type { PackedStata } from '../stata/load-stata.ts';
import type { ZipPart } from '../zip-check.ts';

/** One sheet, its columns packed into INSERT strings (see PackedTable); named by its position. */
export interface PackedSheet {
  table: PackedTable;
  warnings: string[];
}

/** A workbook with every sheet converted: a worker cannot hand back SheetJS's lazy object. */
export interface ParsedBook {
  sheetNames: string[];
  hidden: string[];
  /** By position in sheetNames; null for a sheet without any cells. */
  sheets: (PackedSheet | null)[];
}

/**
 * What each reader hands back. Tables arrive packed: the sheet's or file's values already
 * joined into the strings the INSERTs bind, so the page's main thread receives a few long
 * strings instead of one short string per cell (millions for a large sheet), which cost it a
 * task of a quarter to half a second to receive.
 */
export interface ParseResults {
  stata: PackedStata;
  arrow: PackedTable;
  excel: ParsedBook;
}

export type ParseKind = keyof ParseResults;

/** What a reader is told besides the bytes. */
export interface ParseOptions {
  /**
   * A zipped workbook's parts as its central directory lists them (checked by checkZipParts
   * on the page): every part is inflated once and checked against them before SheetJS runs.
   */
  zipParts?: ZipPart[];
}

export interface ParseRequest {
  kind: ParseKind;
  bytes: Uint8Array;
  fileName: string;
  options: ParseOptions;
}

/** `ingest` says the message is for the user (an IngestError), not a bug. */
export type ParseReply =
  { ok: true; result: ParseResults[ParseKind] } | { ok: false; message: string; ingest: boolean };

import type * as SheetJs from '@e965/xlsx';
import { IngestError } from './errors.ts';
import { inferColumn, type Cell } from './infer.ts';
import type { TextColumn } from './insert.ts';
import { OLE2, startsWith } from './signatures.ts';
import { cleanColumnNames } from './names.ts';

export { pickSheet } from './pick-sheet.ts';

export interface SheetTable {
  sheet: string;
  columns: TextColumn[];
  rows: number;
  warnings: string[];
}

type Xlsx = typeof SheetJs;

let sheetJs: Promise<Xlsx> | undefined;

/**
 * SheetJS is about a megabyte of JavaScript and only needed once a workbook is opened, so the
 * app loads it then (a separate chunk), not with the page.
 */
function loadSheetJs(): Promise<Xlsx> {
  sheetJs ??= import('@e965/xlsx');
  return sheetJs;
}

export interface Workbook {
  sheetNames: string[];
  /** Sheets hidden (or "very hidden") in Excel. */
  hidden: Set<string>;
  /** Converts one sheet; undefined when the sheet has no cells at all. */
  readSheet(name: string): SheetTable | undefined;
}

/** Parses .xlsx/.xls/.ods bytes with SheetJS (the whole file: spreadsheets are not streamable). */
export async function openWorkbook(bytes: Uint8Array, fileName = 'The file'): Promise<Workbook> {
  const XLSX = await loadSheetJs();
  let book: SheetJs.WorkBook;
  try {
    book = XLSX.read(bytes, { type: 'array', dense: true, cellNF: true, cellDates: false });
  } catch (error) {
    throw unreadable(XLSX, bytes, fileName, error);
  }
  const date1904 = book.Workbook?.WBProps?.date1904 === true;
  const hidden = new Set(
    (book.Workbook?.Sheets ?? []).filter((s) => s.Hidden && s.name).map((s) => s.name as string),
  );
  return {
    sheetNames: book.SheetNames,
    hidden,
    readSheet: (name) => {
      try {
        return convertSheet(XLSX, name, book.Sheets[name], date1904);
      } catch (error) {
        if (error instanceof IngestError) throw error;
        throw unreadable(XLSX, bytes, fileName, error);
      }
    },
  };
}

/** SheetJS's error, turned into what happened and what the user can do about it. */
function unreadable(XLSX: Xlsx, bytes: Uint8Array, fileName: string, error: unknown): IngestError {
  // SheetJS sometimes throws a bare string rather than an Error.
  const detail = error instanceof Error ? error.message : String(error);
  if (/password|encrypt/i.test(detail) || isEncryptedContainer(XLSX, bytes)) {
    return new IngestError(
      `${fileName} is password-protected (encrypted), so its data cannot be read. Open it in Excel or LibreOffice with the password, save an unprotected copy (remove the password to open), and load that copy.`,
    );
  }
  return new IngestError(
    `${fileName} could not be read as a spreadsheet (${detail}). The file may be damaged or truncated: download or copy it again, or open it in Excel or LibreOffice and save a new copy or the sheet as CSV.`,
  );
}

/** An encrypted .xlsx is an OLE2 container holding EncryptionInfo and EncryptedPackage streams. */
function isEncryptedContainer(XLSX: Xlsx, bytes: Uint8Array): boolean {
  if (!startsWith(bytes, OLE2)) return false;
  try {
    const container = XLSX.CFB.read(bytes, { type: 'array' });
    return container.FullPaths.some((p: string) => /\/(EncryptionInfo|EncryptedPackage)$/.test(p));
  } catch {
    return false;
  }
}

function convertSheet(
  XLSX: Xlsx,
  sheet: string,
  ws: SheetJs.WorkSheet | undefined,
  date1904: boolean,
): SheetTable | undefined {
  const grid = ws?.['!data'] ?? [];
  const warnings: string[] = [];
  let errors = 0;
  let uncalculated = 0;
  // Dense sheets are sparse arrays: Array.from visits the holes that map() would skip.
  const cells: Cell[][] = Array.from(grid, (row) =>
    Array.from(row ?? [], (cell) => {
      // A formula is read by its cached result; a file whose writer never calculated has none.
      if (cell?.f !== undefined && cell.v === undefined) uncalculated++;
      else if (cell?.t === 'e') errors++;
      return cellValue(XLSX, cell, date1904);
    }),
  );
  const headerIndex = cells.findIndex((row) => row.some((c) => c !== null));
  if (headerIndex === -1) return undefined;
  // Columns to the right of the last header or value are formatting leftovers, not data.
  let width = 0;
  for (const row of cells.slice(headerIndex)) {
    for (let c = row.length - 1; c >= width; c--) {
      if (row[c] !== null) {
        width = c + 1;
        break;
      }
    }
  }
  const headerRow = grid[headerIndex] ?? [];
  const names = cleanColumnNames(Array.from({ length: width }, (_, c) => headerText(headerRow[c])));
  const dataRows: Cell[][] = [];
  let emptyRows = 0;
  for (const row of cells.slice(headerIndex + 1)) {
    if (row.some((c) => c !== null)) dataRows.push(row);
    else emptyRows++;
  }
  // Trailing blank rows inside the sheet's used range are also counted: a range can extend
  // far beyond the data when rows were formatted but never filled.
  const range = ws?.['!ref'] ? XLSX.utils.decode_range(ws['!ref']) : undefined;
  emptyRows += Math.max(0, (range ? range.e.r + 1 : grid.length) - grid.length);
  const emptyColumns = range ? range.e.c + 1 - width : 0;
  if (emptyRows > 0) warnings.push(`Sheet "${sheet}": ${emptyRows} empty row(s) skipped.`);
  if (emptyColumns > 0) {
    warnings.push(
      `Sheet "${sheet}": ${emptyColumns} empty column(s) without a header at the right edge skipped.`,
    );
  }
  if (errors > 0)
    warnings.push(
      `Sheet "${sheet}": ${errors} cell(s) held Excel errors (#N/A, #DIV/0!, …) and are NULL.`,
    );
  if (uncalculated > 0) {
    warnings.push(
      `Sheet "${sheet}": ${uncalculated} formula cell(s) have no saved result and are NULL (the program that wrote the file did not calculate them). Open the file in Excel or LibreOffice, save it, and load it again.`,
    );
  }
  warnings.push(...mergedHeaderWarnings(XLSX, sheet, ws?.['!merges'] ?? [], headerIndex, names));
  if (headerIndex > 0) warnings.push(`Sheet "${sheet}": header taken from row ${headerIndex + 1}.`);
  const columns = names.map((name, c) =>
    inferColumn(
      name,
      dataRows.map((row) => row[c] ?? null),
    ),
  );
  return { sheet, columns, rows: dataRows.length, warnings };
}

/**
 * Merged cells in the header row: Excel keeps the text in the first cell only, so the other
 * columns under a merged title get position names, and a title merged downwards means the
 * header spans two rows, the second of which is read as data.
 */
function mergedHeaderWarnings(
  XLSX: Xlsx,
  sheet: string,
  merges: SheetJs.Range[],
  headerIndex: number,
  names: string[],
): string[] {
  const out: string[] = [];
  for (const m of merges) {
    if (m.s.r > headerIndex || m.e.r < headerIndex) continue;
    const range = XLSX.utils.encode_range(m);
    const spanned = names.slice(m.s.c + 1, m.e.c + 1);
    if (spanned.length > 0) {
      out.push(
        `Sheet "${sheet}": header cells ${range} are merged; the column(s) after the first are named by position (${spanned.join(', ')}). Rename them in a sql cell (SELECT ${spanned[0]} AS …) if needed.`,
      );
    }
    if (m.e.r > headerIndex) {
      out.push(
        `Sheet "${sheet}": header cells ${range} are merged over ${m.e.r - headerIndex + 1} rows; only row ${headerIndex + 1} is the header, the rows below it are read as data.`,
      );
    }
  }
  return out;
}

function cellValue(XLSX: Xlsx, cell: SheetJs.CellObject | undefined, date1904: boolean): Cell {
  if (!cell) return null;
  switch (cell.t) {
    case 'n': {
      const value = cell.v as number;
      if (cell.z !== undefined && isDateFormat(XLSX, String(cell.z))) {
        return { kind: 'date', days: serialToEpochDays(value, date1904) };
      }
      return value;
    }
    case 's': {
      const text = String(cell.v ?? '');
      return text.trim() === '' ? null : text;
    }
    case 'b':
      return cell.v === true;
    case 'd':
      return cell.v instanceof Date ? { kind: 'date', days: cell.v.getTime() / 86_400_000 } : null;
    default:
      return null;
  }
}

function isDateFormat(XLSX: Xlsx, format: string): boolean {
  return (XLSX.SSF as { is_date: (format: string) => boolean }).is_date(format);
}

/** Header text as Excel displays it (a numeric header `2005` stays `2005`). */
function headerText(cell: SheetJs.CellObject | undefined): string | null {
  if (!cell || cell.v === undefined || cell.v === null) return null;
  return cell.w ?? String(cell.v);
}

/**
 * Excel serial → days since 1970-01-01. The 1900 system counts a non-existent 1900-02-29
 * (serial 60, kept from Lotus 1-2-3), so serials before it are one day off from those after.
 */
export function serialToEpochDays(serial: number, date1904: boolean): number {
  if (date1904) return serial - 24_107;
  return serial < 60 ? serial - 25_568 : serial - 25_569;
}

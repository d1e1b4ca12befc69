import * as XLSX from '@e965/xlsx';
import { IngestError } from './errors.ts';
import { inferColumn, type Cell } from './infer.ts';
import type { TextColumn } from './insert.ts';
import { cleanColumnNames } from './names.ts';

export interface SheetTable {
  sheet: string;
  columns: TextColumn[];
  rows: number;
  warnings: string[];
}

const isDateFormat = (XLSX.SSF as { is_date: (format: string) => boolean }).is_date;

export interface Workbook {
  sheetNames: string[];
  /** Converts one sheet; undefined when the sheet has no cells at all. */
  readSheet(name: string): SheetTable | undefined;
}

/** Parses .xlsx/.xls/.ods bytes with SheetJS (the whole file: spreadsheets are not streamable). */
export function openWorkbook(bytes: Uint8Array): Workbook {
  let book: XLSX.WorkBook;
  try {
    book = XLSX.read(bytes, { type: 'array', dense: true, cellNF: true, cellDates: false });
  } catch (error) {
    throw new IngestError(`Not a readable spreadsheet: ${(error as Error).message}`);
  }
  const date1904 = book.Workbook?.WBProps?.date1904 === true;
  return {
    sheetNames: book.SheetNames,
    readSheet: (name) => convertSheet(name, book.Sheets[name], date1904),
  };
}

/** The sheet a load should make its main table: by 1-based index or name (exact, then any case). */
export function pickSheet(sheetNames: string[], wanted: string | number | undefined): string {
  if (sheetNames.length === 0) throw new IngestError('The workbook has no sheets');
  const list = sheetNames.map((s, i) => `${i + 1}: "${s}"`).join(', ');
  if (wanted === undefined) return sheetNames[0];
  if (typeof wanted === 'number' || /^\d+$/.test(wanted)) {
    const index = Number(wanted);
    if (index >= 1 && index <= sheetNames.length) return sheetNames[index - 1];
    throw new IngestError(`The workbook has no sheet ${index} (sheets are ${list})`);
  }
  const exact = sheetNames.find((s) => s === wanted);
  const loose = sheetNames.find((s) => s.trim().toLowerCase() === wanted.trim().toLowerCase());
  if (exact ?? loose) return (exact ?? loose) as string;
  throw new IngestError(`The workbook has no sheet "${wanted}" (sheets are ${list})`);
}

function convertSheet(
  sheet: string,
  ws: XLSX.WorkSheet | undefined,
  date1904: boolean,
): SheetTable | undefined {
  const grid = ws?.['!data'] ?? [];
  const warnings: string[] = [];
  let errors = 0;
  // Dense sheets are sparse arrays: Array.from visits the holes that map() would skip.
  const cells: Cell[][] = Array.from(grid, (row) =>
    Array.from(row ?? [], (cell) => {
      if (cell?.t === 'e') errors++;
      return cellValue(cell, date1904);
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
  if (headerIndex > 0) warnings.push(`Sheet "${sheet}": header taken from row ${headerIndex + 1}.`);
  const columns = names.map((name, c) =>
    inferColumn(
      name,
      dataRows.map((row) => row[c] ?? null),
    ),
  );
  return { sheet, columns, rows: dataRows.length, warnings };
}

function cellValue(cell: XLSX.CellObject | undefined, date1904: boolean): Cell {
  if (!cell) return null;
  switch (cell.t) {
    case 'n': {
      const value = cell.v as number;
      if (cell.z !== undefined && isDateFormat(String(cell.z))) {
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

/** Header text as Excel displays it (a numeric header `2005` stays `2005`). */
function headerText(cell: XLSX.CellObject | undefined): string | null {
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

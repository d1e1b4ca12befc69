import { describeBinary, looksLikeWorkbook } from './binary.ts';
import { IngestError } from './errors.ts';
import {
  ARROW_FILE,
  ARROW_STREAM,
  firstNonSpace,
  OLE2,
  PARQUET,
  startsWith,
  STATA,
  ZIP,
} from './signatures.ts';

/** The file formats the loader reads. */
export type FileFormat = 'csv' | 'excel' | 'parquet' | 'json' | 'ndjson' | 'arrow' | 'stata';

const BY_EXTENSION: Record<string, FileFormat> = {
  csv: 'csv',
  tsv: 'csv',
  tab: 'csv',
  txt: 'csv',
  dat: 'csv',
  psv: 'csv',
  xlsx: 'excel',
  xlsm: 'excel',
  xlsb: 'excel',
  xls: 'excel',
  ods: 'excel',
  parquet: 'parquet',
  pq: 'parquet',
  json: 'json',
  ndjson: 'ndjson',
  jsonl: 'ndjson',
  arrow: 'arrow',
  feather: 'arrow',
  ipc: 'arrow',
  arrows: 'arrow',
  dta: 'stata',
};

export function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot + 1).toLowerCase();
}

/**
 * The format to read a file as. Magic bytes win over the extension when they are
 * unambiguous (an `.xls` that is really a zipped `.xlsx`, a Parquet file called `.dat`); text
 * formats are taken from the extension, and unknown text defaults to delimited text.
 */
export function detectFormat(fileName: string, head: Uint8Array): FileFormat {
  return (
    magicFormat(head) ??
    BY_EXTENSION[extensionOf(fileName)] ??
    (looksLikeJson(head) ? 'json' : 'csv')
  );
}

function magicFormat(head: Uint8Array): FileFormat | undefined {
  if (startsWith(head, ZIP)) return 'excel';
  if (startsWith(head, OLE2)) return 'excel';
  if (startsWith(head, PARQUET)) return 'parquet';
  if (startsWith(head, ARROW_FILE)) return 'arrow';
  if (startsWith(head, ARROW_STREAM) && head.length > 8) return 'arrow';
  if (startsWith(head, STATA)) return 'stata';
  return undefined;
}

function looksLikeJson(head: Uint8Array): boolean {
  const first = firstNonSpace(head);
  return first === 0x7b || first === 0x5b; // { or [
}

export interface ResolvedFormat {
  format: FileFormat;
  warning?: string;
}

/**
 * The format to read a file as, after a look at its content: binary data where text is
 * expected is refused with what it is, and a "workbook" that is really plain text (a CSV
 * saved as `.xls` by a web site) is read as delimited text.
 */
export function resolveFormat(
  fileName: string,
  head: Uint8Array,
  encoding: string | undefined,
): ResolvedFormat {
  const format = detectFormat(fileName, head);
  const textual = format === 'csv' || format === 'json' || format === 'ndjson';
  if (format !== 'excel' && !textual) return { format };
  if (format === 'excel' && looksLikeWorkbook(head)) return { format };
  // An explicit UTF-16 encoding vouches for text whose bytes look binary (non-Latin scripts).
  const binary = /16/.test(encoding ?? '') ? undefined : describeBinary(head);
  if (binary) {
    const what = format === 'excel' ? 'a spreadsheet' : 'a text table';
    const utf16 =
      binary === 'binary data'
        ? ' If it is text in UTF-16 without a byte-order mark, set `encoding: utf-16le` for it.'
        : '';
    throw new IngestError(
      `${fileName} is not ${what}: it holds ${binary}, whatever its name says. Load the data file itself (CSV, TSV, Excel, Stata, Parquet or JSON).${utf16}`,
    );
  }
  if (format === 'excel') {
    return {
      format: 'csv',
      warning: `${fileName} is plain text, not an Excel workbook; it was read as delimited text.`,
    };
  }
  return { format };
}

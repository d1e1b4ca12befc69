import { describeBinary, looksLikeWorkbook } from './binary.ts';
import { IngestError } from './errors.ts';

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
  const starts = (...bytes: number[]): boolean => bytes.every((b, i) => head[i] === b);
  if (starts(0x50, 0x4b, 0x03, 0x04)) return 'excel'; // ZIP container: xlsx, xlsm, ods
  if (starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return 'excel'; // OLE2: BIFF .xls
  if (starts(0x50, 0x41, 0x52, 0x31)) return 'parquet'; // PAR1
  if (starts(0x41, 0x52, 0x52, 0x4f, 0x57, 0x31)) return 'arrow'; // ARROW1 (file format)
  if (starts(0xff, 0xff, 0xff, 0xff) && head.length > 8) return 'arrow'; // IPC stream continuation
  if (startsWithText(head, '<stata_dta>')) return 'stata';
  return undefined;
}

function startsWithText(head: Uint8Array, text: string): boolean {
  for (let i = 0; i < text.length; i++) if (head[i] !== text.charCodeAt(i)) return false;
  return true;
}

function looksLikeJson(head: Uint8Array): boolean {
  for (const byte of head) {
    if (byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d || byte === 0xef) continue;
    if (byte === 0xbb || byte === 0xbf) continue;
    return byte === 0x7b || byte === 0x5b; // { or [
  }
  return false;
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

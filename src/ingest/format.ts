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

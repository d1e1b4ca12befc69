/**
 * The first bytes that say what a file is, whatever its name: format detection, the binary
 * check, encoding detection and the readers all ask here.
 */

/** ZIP local file header: xlsx, xlsm, ods. */
export const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** OLE2 compound document: BIFF .xls, and an encrypted .xlsx. */
export const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
export const PARQUET = ascii('PAR1');
/** Arrow IPC file format. */
export const ARROW_FILE = ascii('ARROW1');
/** Arrow IPC stream: a message starts with the continuation marker. */
export const ARROW_STREAM = [0xff, 0xff, 0xff, 0xff];
/** Stata 13 and later (format 117+). */
export const STATA = ascii('<stata_dta>');

const BOMS: [Bom, number[]][] = [
  ['utf-8', [0xef, 0xbb, 0xbf]],
  ['utf-16le', [0xff, 0xfe]],
  ['utf-16be', [0xfe, 0xff]],
];

export type Bom = 'utf-8' | 'utf-16le' | 'utf-16be';

export function startsWith(head: Uint8Array, signature: ReadonlyArray<number>): boolean {
  return signature.every((b, i) => head[i] === b);
}

/** The encoding a byte-order mark at the start names, if there is one. */
export function byteOrderMark(head: Uint8Array): Bom | undefined {
  return BOMS.find(([, bytes]) => startsWith(head, bytes))?.[0];
}

/** Bytes a UTF-8 byte-order mark takes at the start: 3 or 0. */
export function utf8BomLength(head: Uint8Array): number {
  return byteOrderMark(head) === 'utf-8' ? 3 : 0;
}

/** The first byte after a UTF-8 BOM and ASCII white space (space, tab, CR, LF). */
export function firstNonSpace(head: Uint8Array): number | undefined {
  for (let i = utf8BomLength(head); i < head.length; i++) {
    const b = head[i];
    if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return b;
  }
  return undefined;
}

function ascii(text: string): number[] {
  return [...text].map((c) => c.charCodeAt(0));
}

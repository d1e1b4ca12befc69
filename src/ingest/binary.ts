/**
 * Recognises files that are not text before any parser sees them: an image or an archive
 * renamed `.csv` would otherwise reach DuckDB's sniffer (a page of dialect diagnostics) or be
 * decoded as Windows-1252 into a table of noise.
 */
import { utf16NulPattern } from './encoding.ts';
import { byteOrderMark, firstNonSpace, OLE2, startsWith, ZIP } from './signatures.ts';

const SIGNATURES: [string, number[]][] = [
  ['a PNG image', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['a JPEG image', [0xff, 0xd8, 0xff]],
  ['a GIF image', [0x47, 0x49, 0x46, 0x38]],
  ['a PDF document', [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ['a gzip archive (unpack it first)', [0x1f, 0x8b]],
  ['a bzip2 archive (unpack it first)', [0x42, 0x5a, 0x68]],
  ['a 7-Zip archive (unpack it first)', [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]],
  ['a RAR archive (unpack it first)', [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07]],
  ['an SQLite database', [...'SQLite format 3'].map((c) => c.charCodeAt(0))],
  ['a program (ELF executable)', [0x7f, 0x45, 0x4c, 0x46]],
  ['a program (Windows executable)', [0x4d, 0x5a, 0x90, 0x00]],
];

/** Share of control bytes above which a file is not text in any encoding we read. */
const CONTROL_SHARE = 0.01;
/** Share of NUL bytes (outside UTF-16) above which a file is treated as binary or blank-filled. */
const NUL_SHARE = 0.5;

/**
 * What a file that should be text actually is (`a PNG image`, `binary data`), or undefined
 * when its first bytes look like text. UTF-16 (BOM or the NUL pattern of ASCII text) is text.
 */
export function describeBinary(head: Uint8Array): string | undefined {
  for (const [label, bytes] of SIGNATURES) if (startsWith(head, bytes)) return label;
  if (byteOrderMark(head)?.startsWith('utf-16') || utf16NulPattern(head)) return undefined;
  let controls = 0;
  let nuls = 0;
  const n = Math.min(head.length, 64 * 1024);
  for (let i = 0; i < n; i++) {
    const b = head[i];
    if (b === 0) nuls++;
    // Tab, LF, VT, FF, CR and DOS's end-of-file mark (0x1a) occur in real text files.
    else if (b < 0x20 && !(b >= 0x09 && b <= 0x0d) && b !== 0x1a) controls++;
  }
  if (n === 0) return undefined;
  if (controls > 1 && controls / n > CONTROL_SHARE) return 'binary data';
  if (nuls / n > NUL_SHARE) return 'mostly NUL bytes (a damaged or blank-filled file)';
  return undefined;
}

/** Bytes that start a workbook SheetJS reads: ZIP, OLE2, raw BIFF2–4, or XML/HTML text. */
export function looksLikeWorkbook(head: Uint8Array): boolean {
  if (startsWith(head, ZIP) || startsWith(head, OLE2)) return true;
  if (head[0] === 0x09 && [0x00, 0x02, 0x04].includes(head[1])) return true;
  // SpreadsheetML 2003 and the HTML tables old web sites serve as "Excel" files.
  return firstNonSpace(head) === 0x3c; // <
}

/**
 * Hostile input files for the reliability tests (docs/reliability.md), built in memory so the
 * repository holds no binary blobs and no gigabyte-sized archives. The tests import these
 * builders; run the script to write every file into a folder for trying them in the browser:
 *
 *   npx tsx scripts/generate-bad-fixtures.ts [out-dir]   (default: <os tmpdir>/statecraft-bad)
 *
 * Every row is invented.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { constants, crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';
import * as XLSX from '@e965/xlsx';

export interface ZipEntry {
  name: string;
  data: Uint8Array;
}

/** A ZIP archive (deflated entries, no ZIP64), as Excel writes them. */
export function zipArchive(entries: ZipEntry[]): Uint8Array {
  return assembleZip(
    entries.map((e) => ({
      name: e.name,
      packed: deflateRawSync(e.data),
      crc: crc32(e.data),
      size: e.data.length,
    })),
  );
}

interface PackedEntry {
  name: string;
  packed: Uint8Array;
  crc: number;
  size: number;
}

function assembleZip(entries: PackedEntry[]): Uint8Array {
  const encoder = new TextEncoder();
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = encoder.encode(e.name);
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(8, 8, true); // deflate
    lv.setUint32(14, e.crc, true);
    lv.setUint32(18, e.packed.length, true);
    lv.setUint32(22, e.size, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const central = new Uint8Array(46 + name.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(10, 8, true);
    cv.setUint32(16, e.crc, true);
    cv.setUint32(20, e.packed.length, true);
    cv.setUint32(24, e.size, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    central.set(name, 46);
    locals.push(local, e.packed);
    centrals.push(central);
    offset += local.length + e.packed.length;
  }
  const dirSize = centrals.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, dirSize, true);
  ev.setUint32(16, offset, true);
  return concat([...locals, ...centrals, end]);
}

/**
 * A real zip bomb shaped like a workbook: `sheet1.xml` inflates to `unpackedMiB` MiB of
 * spaces from about a thousandth of that. Built from one fully flushed deflate block
 * repeated (each block stands alone after a full flush), so a gigabyte costs milliseconds.
 * `declaredBytes` makes it lie about its size, as bombs built to pass a directory check do.
 */
export async function zipBomb(unpackedMiB: number, declaredBytes?: number): Promise<Uint8Array> {
  const chunk = new Uint8Array(1024 * 1024).fill(0x20);
  const block = await deflateFlushed(chunk);
  const tail = deflateRawSync(new Uint8Array(0)); // a final empty block ends the stream
  const packed = concat([...Array.from({ length: unpackedMiB }, () => block), tail]);
  let crc = 0;
  for (let i = 0; i < unpackedMiB; i++) crc = crc32(chunk, crc);
  const types = new TextEncoder().encode(CONTENT_TYPES);
  return assembleZip([
    {
      name: '[Content_Types].xml',
      packed: deflateRawSync(types),
      crc: crc32(types),
      size: types.length,
    },
    {
      name: 'xl/worksheets/sheet1.xml',
      packed,
      crc,
      size: declaredBytes ?? unpackedMiB * 1024 * 1024,
    },
  ]);
}

function deflateFlushed(data: Uint8Array): Promise<Uint8Array> {
  return new Promise((done, fail) => {
    const parts: Buffer[] = [];
    const stream = createDeflateRaw({ level: 9 });
    stream.on('data', (part: Buffer) => parts.push(part));
    stream.on('error', fail);
    stream.write(data);
    stream.flush(constants.Z_FULL_FLUSH, () => {
      done(new Uint8Array(Buffer.concat(parts)));
      stream.close();
    });
  });
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';

/**
 * An "encrypted" workbook as Excel saves it with a password to open: an OLE2 (CFB) container
 * with an agile EncryptionInfo stream and an EncryptedPackage. The key material is filler:
 * nobody can decrypt it, which is the point.
 */
export function passwordProtectedXlsx(): Uint8Array {
  const b64 = (n: number): string => Buffer.alloc(n, 7).toString('base64');
  const xml =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' +
    '<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption" xmlns:p="http://schemas.microsoft.com/office/2006/keyEncryptor/password">' +
    `<keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="${b64(16)}"/>` +
    `<dataIntegrity encryptedHmacKey="${b64(64)}" encryptedHmacValue="${b64(64)}"/>` +
    '<keyEncryptors><keyEncryptor uri="http://schemas.microsoft.com/office/2006/keyEncryptor/password">' +
    `<p:encryptedKey spinCount="100000" saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="${b64(16)}" encryptedVerifierHashInput="${b64(16)}" encryptedVerifierHashValue="${b64(64)}" encryptedKeyValue="${b64(32)}"/>` +
    '</keyEncryptor></keyEncryptors></encryption>';
  const text = new TextEncoder().encode(xml);
  const info = new Uint8Array(8 + text.length);
  info.set([4, 0, 4, 0, 0x40, 0, 0, 0]); // version 4.4 (agile), reserved flags 0x40
  info.set(text, 8);
  const container = XLSX.CFB.utils.cfb_new();
  XLSX.CFB.utils.cfb_add(container, 'EncryptionInfo', info);
  XLSX.CFB.utils.cfb_add(container, 'EncryptedPackage', new Uint8Array(8192).fill(0xa5));
  return new Uint8Array(XLSX.CFB.write(container, { type: 'array' }) as number[]);
}

/** A workbook written by SheetJS from sheets of rows (plus any cell-level edits by the caller). */
export function workbook(
  sheets: { name: string; rows?: unknown[][]; sheet?: XLSX.WorkSheet; hidden?: boolean }[],
): Uint8Array {
  const book = XLSX.utils.book_new();
  for (const s of sheets) {
    XLSX.utils.book_append_sheet(book, s.sheet ?? XLSX.utils.aoa_to_sheet(s.rows ?? []), s.name);
  }
  book.Workbook = { Sheets: sheets.map((s) => ({ Hidden: s.hidden ? 1 : 0 })) };
  return new Uint8Array(XLSX.write(book, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
}

/** A small valid workbook cut in half, as an interrupted download leaves it. */
export function truncatedXlsx(): Uint8Array {
  const whole = workbook([
    {
      name: 'Episodes',
      rows: [
        ['id', 'year'],
        [1, 1990],
        [2, 1991],
      ],
    },
  ]);
  return whole.slice(0, Math.floor(whole.length / 2));
}

/**
 * A workbook whose parts are all listed but whose sheet data is garbage: a disk or transfer
 * error inside the file rather than at its end.
 */
export function damagedXlsx(): Uint8Array {
  const whole = workbook([
    {
      name: 'Episodes',
      rows: [
        ['id', 'year'],
        [1, 1990],
        [2, 1991],
      ],
    },
  ]);
  // SheetJS types its CFB module as any; this is the part of it used here.
  const container = XLSX.CFB.read(whole, { type: 'array' }) as {
    FileIndex: { type: number; content: ArrayLike<number> }[];
    FullPaths: string[];
  };
  const entries: PackedEntry[] = [];
  container.FileIndex.forEach((file, i) => {
    if (file.type !== 2) return; // streams only, not folders
    const name = container.FullPaths[i].replace(/^[^/]*\//, '');
    const data = Uint8Array.from(file.content);
    const packed = name.startsWith('xl/worksheets/')
      ? randomBytes(deflateRawSync(data).length, 11)
      : deflateRawSync(data);
    entries.push({ name, packed, crc: crc32(data), size: data.length });
  });
  return assembleZip(entries);
}

/** The first bytes of a PNG image: what a mis-saved "export" sometimes is. */
export function pngBytes(): Uint8Array {
  return Uint8Array.from([
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1,
    0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89, 0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44,
  ]);
}

/** Deterministic noise (a linear congruential generator): binary data with no signature. */
export function randomBytes(length: number, seed = 7): Uint8Array {
  const out = new Uint8Array(length);
  let state = seed >>> 0;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = state >>> 24;
  }
  return out;
}

/** A header of `columns` names and one data row: the 10,000-column case. */
export function wideCsv(columns: number): string {
  const header = Array.from({ length: columns }, (_, i) => `v${i + 1}`).join(',');
  const row = Array.from({ length: columns }, (_, i) => String(i % 10)).join(',');
  return `${header}\n${row}\n`;
}

/** Text in Windows-1252 (é = 0xe9, ’ = 0x92), as Excel on Windows saves "CSV". */
export function windows1252Csv(): Uint8Array {
  const text = 'id,name,note\n1,Université de Genève,l’accord\n2,Côte d’Ivoire,“sanctions”\n';
  const table: Record<string, number> = { '’': 0x92, '“': 0x93, '”': 0x94 };
  return Uint8Array.from([...text].map((c) => table[c] ?? c.charCodeAt(0)));
}

/** UTF-16 text with its byte-order mark. */
export function utf16Bytes(text: string, order: 'le' | 'be'): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out.set(order === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    out[2 + 2 * i] = order === 'le' ? code & 0xff : code >> 8;
    out[3 + 2 * i] = order === 'le' ? code >> 8 : code & 0xff;
  }
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

async function main(): Promise<void> {
  const dir = resolve(process.argv[2] ?? join(tmpdir(), 'statecraft-bad'));
  await mkdir(dir, { recursive: true });
  const files: Record<string, Uint8Array | string> = {
    'zip-bomb-1gib.xlsx': await zipBomb(1024),
    'password-protected.xlsx': passwordProtectedXlsx(),
    'truncated.xlsx': truncatedXlsx(),
    'png-renamed.csv': pngBytes(),
    'random-bytes.csv': randomBytes(64 * 1024),
    'wide-10000-columns.csv': wideCsv(10_000),
    'windows-1252.csv': windows1252Csv(),
    'utf-16le-bom.csv': utf16Bytes('id,name\n1,Genève\n', 'le'),
  };
  for (const [name, data] of Object.entries(files)) await writeFile(join(dir, name), data);
  console.log(`Wrote ${Object.keys(files).length} files to ${dir}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href)
  await main();

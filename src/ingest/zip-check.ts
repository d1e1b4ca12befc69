/**
 * Looks at a zipped workbook's central directory — the list of parts at the end of the file,
 * with each part's packed and unpacked size — before anything is inflated. A "zip bomb" (a
 * small file that unpacks to gigabytes) is refused from those sizes, a truncated download is
 * recognised by its missing directory, and a plain ZIP archive renamed `.xlsx` is told apart
 * from a workbook. Only the tail of the file is read.
 */
import type { Engine, FileSource } from '../engine/Engine.ts';
import { IngestError } from './errors.ts';
import { formatBytes, tooBigError, type IngestLimits } from './limits.ts';

export interface ZipPart {
  name: string;
  compressed: number;
  uncompressed: number;
  /** Offset of the part's local header in the file. */
  offset: number;
  /** 0 stored, 8 deflated; SheetJS reads nothing else. */
  method: number;
  /** General-purpose flags; bit 0 means the part is encrypted. */
  flags: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;
/** A workbook has tens of parts, a big one a few thousand. */
const MAX_PARTS = 100_000;
/**
 * Ratios are checked on parts, and on the whole archive, that unpack to at least this much;
 * tiny XML parts compress oddly and are harmless.
 */
const RATIO_FLOOR = 1024 * 1024;

/** Reads the central directory of a ZIP file (sizes as the archive declares them). */
export async function readZipDirectory(
  engine: Engine,
  source: FileSource,
  size: number,
  fileName: string,
): Promise<ZipPart[]> {
  const damaged = (why: string): IngestError =>
    new IngestError(
      `${fileName} is damaged: ${why}. The file may be truncated — download or copy it again, or open it in Excel or LibreOffice and save a new copy.`,
    );
  const tailStart = Math.max(0, size - EOCD_SIZE - MAX_COMMENT);
  const tail = await engine.readSlice(source, tailStart, size);
  const tailView = view(tail);
  let at = -1;
  for (let i = tail.length - EOCD_SIZE; i >= 0; i--) {
    if (tailView.getUint32(i, true) === EOCD) {
      at = i;
      break;
    }
  }
  if (at < 0) throw damaged('the end of its ZIP archive (the list of parts) is missing');
  let count = tailView.getUint16(at + 10, true);
  let dirSize = tailView.getUint32(at + 12, true);
  let dirOffset = tailView.getUint32(at + 16, true);
  if (count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) {
    const locator = at - 20;
    if (locator < 0 || tailView.getUint32(locator, true) !== ZIP64_LOCATOR) {
      throw damaged('its ZIP64 directory locator is missing');
    }
    const eocd64At = Number(tailView.getBigUint64(locator + 8, true));
    const eocd64 = view(await engine.readSlice(source, eocd64At, eocd64At + 56));
    if (eocd64.byteLength < 56 || eocd64.getUint32(0, true) !== ZIP64_EOCD) {
      throw damaged('its ZIP64 directory record is missing');
    }
    count = Number(eocd64.getBigUint64(32, true));
    dirSize = Number(eocd64.getBigUint64(40, true));
    dirOffset = Number(eocd64.getBigUint64(48, true));
  }
  if (count > MAX_PARTS) {
    throw new IngestError(
      `${fileName} lists ${count.toLocaleString('en-US')} parts; a workbook has at most a few thousand. It is not a spreadsheet this loader will unpack — save the data as CSV.`,
    );
  }
  if (dirOffset + dirSize > size)
    throw damaged('its list of parts points past the end of the file');
  const dir = view(await engine.readSlice(source, dirOffset, dirOffset + dirSize));
  const parts: ZipPart[] = [];
  const decoder = new TextDecoder('utf-8');
  let p = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > dir.byteLength || dir.getUint32(p, true) !== CENTRAL_ENTRY) {
      throw damaged('its list of parts is cut short');
    }
    const flags = dir.getUint16(p + 8, true);
    const method = dir.getUint16(p + 10, true);
    let compressed = dir.getUint32(p + 20, true);
    let uncompressed = dir.getUint32(p + 24, true);
    let offset = dir.getUint32(p + 42, true);
    const nameLength = dir.getUint16(p + 28, true);
    const extraLength = dir.getUint16(p + 30, true);
    const commentLength = dir.getUint16(p + 32, true);
    const name = decoder.decode(
      new Uint8Array(
        dir.buffer,
        dir.byteOffset + p + 46,
        Math.min(nameLength, dir.byteLength - p - 46),
      ),
    );
    if (uncompressed === 0xffffffff || compressed === 0xffffffff || offset === 0xffffffff) {
      const sizes = zip64Sizes(dir, p + 46 + nameLength, extraLength, [
        uncompressed,
        compressed,
        offset,
      ]);
      [uncompressed, compressed, offset] = sizes;
    }
    parts.push({ name, compressed, uncompressed, offset, method, flags });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return parts;
}

/**
 * The ZIP64 extra field holds the real values of the header fields set to 0xffffffff, in the
 * order uncompressed size, compressed size, local header offset.
 */
function zip64Sizes(
  dir: DataView,
  start: number,
  length: number,
  fields: [number, number, number],
): [number, number, number] {
  const end = Math.min(dir.byteLength, start + length);
  for (let q = start; q + 4 <= end;) {
    const id = dir.getUint16(q, true);
    const size = dir.getUint16(q + 2, true);
    if (id === 0x0001) {
      let r = q + 4;
      return fields.map((value) => {
        if (value !== 0xffffffff) return value;
        const wide = r + 8 <= end ? Number(dir.getBigUint64(r, true)) : Number.MAX_SAFE_INTEGER;
        r += 8;
        return wide;
      }) as [number, number, number];
    }
    q += 4 + size;
  }
  // Fields flagged as 64-bit with nowhere to read them from: assume the worst.
  return fields.map((v) => (v === 0xffffffff ? Number.MAX_SAFE_INTEGER : v)) as [
    number,
    number,
    number,
  ];
}

/**
 * Refuses an archive that is not a workbook or would unpack beyond the limits. Runs on the
 * declared sizes, before any part is inflated. `archiveSize` is the file's size: the whole
 * archive's ratio is taken against it, so a bomb split into many parts each under the floor
 * is caught too, and declared packed sizes (which can lie) do not enter into it.
 */
export function checkZipParts(
  engine: Engine,
  parts: ZipPart[],
  fileName: string,
  limits: IngestLimits,
  archiveSize: number,
): void {
  const names = parts.map((p) => p.name);
  const isWorkbook = names.some(
    (n) => n === '[Content_Types].xml' || n === 'content.xml' || n === 'mimetype',
  );
  if (!isWorkbook) {
    const listed = names.filter((n) => !n.endsWith('/')).slice(0, 5);
    const more = names.length > listed.length ? ', …' : '';
    throw new IngestError(
      `${fileName} is a ZIP archive, not an Excel or OpenDocument workbook${listed.length > 0 ? ` (it holds ${listed.join(', ')}${more})` : ''}. Unpack it and load the data files inside.`,
    );
  }
  let total = 0;
  for (const part of parts) {
    total += part.uncompressed;
    const ratio = part.uncompressed / Math.max(1, part.compressed);
    if (part.uncompressed >= RATIO_FLOOR && ratio > limits.maxZipRatio) {
      throw new IngestError(
        `${fileName} was refused before unpacking: its part ${part.name} would grow from ${formatBytes(part.compressed)} to ${formatBytes(part.uncompressed)} (${Math.round(ratio).toLocaleString('en-US')} times; real workbooks stay under ${limits.maxZipRatio}). Such a file is damaged or built to exhaust memory (a "zip bomb"). If it is a genuine workbook, open it in Excel or LibreOffice and save the sheet as CSV.`,
      );
    }
  }
  const ratio = total / Math.max(1, archiveSize);
  if (total >= RATIO_FLOOR && ratio > limits.maxZipRatio) {
    throw new IngestError(
      `${fileName} was refused before unpacking: its ${parts.length.toLocaleString('en-US')} parts would grow from ${formatBytes(archiveSize)} to ${formatBytes(total)} in all (${Math.round(ratio).toLocaleString('en-US')} times; real workbooks stay under ${limits.maxZipRatio}). Such a file is damaged or built to exhaust memory (a "zip bomb"). If it is a genuine workbook, open it in Excel or LibreOffice and save the sheet as CSV.`,
    );
  }
  if (total > limits.maxUnzippedBytes) {
    throw tooBigError(
      engine.name,
      `${fileName} would unpack to ${formatBytes(total)}, and workbooks are unpacked in memory`,
      limits.maxUnzippedBytes,
    );
  }
}

/**
 * Inflates every part once with the platform's own inflater (DecompressionStream, in browsers
 * and Node alike), counting bytes and keeping none, before SheetJS sees the file. SheetJS's
 * JavaScript inflater loops forever on some damaged streams — a frozen tab, a hung command
 * — and trusts the sizes the archive declares; here a damaged part is an error and a part
 * that inflates past its declared size (a lying zip bomb) is stopped at that size. Runs in
 * the parse worker (worker/parsers.ts): each part is inflated as one chunk, which for a
 * large sheet is a task of a few hundred milliseconds that must not block the page.
 */
export async function verifyZipParts(
  bytes: Uint8Array,
  parts: ZipPart[],
  fileName: string,
): Promise<void> {
  const damaged = (part: ZipPart, why: string): IngestError =>
    new IngestError(
      `${fileName} is damaged: its part ${part.name} ${why}. Download or copy the file again, or open it in Excel or LibreOffice and save a new copy.`,
    );
  const data = view(bytes);
  for (const part of parts) {
    if (part.name.endsWith('/') && part.uncompressed === 0) continue;
    if ((part.flags & 1) !== 0) {
      throw new IngestError(
        `${fileName} is password-protected (its ZIP parts are encrypted), so its data cannot be read. Open it with the password, save an unprotected copy, and load that copy.`,
      );
    }
    if (part.offset + 30 > bytes.length || data.getUint32(part.offset, true) !== LOCAL_HEADER) {
      throw damaged(part, 'is not where the list of parts says');
    }
    const start =
      part.offset +
      30 +
      data.getUint16(part.offset + 26, true) +
      data.getUint16(part.offset + 28, true);
    if (start + part.compressed > bytes.length) throw damaged(part, 'is cut short');
    const packed = bytes.subarray(start, start + part.compressed);
    if (part.method === 0) {
      if (part.compressed !== part.uncompressed) throw damaged(part, 'has the wrong size');
      continue;
    }
    if (part.method !== 8) {
      throw new IngestError(
        `${fileName} uses a compression method (${part.method}) spreadsheet programs do not write. Open it in Excel or LibreOffice and save a new copy.`,
      );
    }
    const size = await inflatedSize(packed, part.uncompressed);
    if (size === 'broken') throw damaged(part, 'does not unpack (its compressed data is corrupt)');
    if (size === 'over') {
      throw new IngestError(
        `${fileName} was refused while unpacking: its part ${part.name} grows beyond the ${formatBytes(part.uncompressed)} the archive declares — a damaged file or a "zip bomb". If it is a genuine workbook, open it in Excel or LibreOffice and save the sheet as CSV.`,
      );
    }
    if (size !== part.uncompressed) throw damaged(part, 'unpacks to the wrong size');
  }
}

/** Bytes `packed` inflates to, stopping as soon as it exceeds `limit`. */
async function inflatedSize(
  packed: Uint8Array,
  limit: number,
): Promise<number | 'over' | 'broken'> {
  const input = new ReadableStream<Uint8Array<ArrayBuffer>>({
    start(controller) {
      controller.enqueue(new Uint8Array(packed));
      controller.close();
    },
  });
  const reader = input.pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return total;
      total += value.length;
      if (total > limit) {
        await reader.cancel().catch(() => {});
        return 'over';
      }
    }
  } catch {
    return 'broken';
  }
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

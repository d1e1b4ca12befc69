import { readChunks, type ChunkReader } from './chunks.ts';

/** The JavaScript sha256, fetched only for files hashed as they stream (see scanFile). */
const streamingSha256 = () => import('@noble/hashes/sha2.js').then((m) => m.sha256);

export interface ScanResult {
  sha256: string;
  /** False as soon as one byte sequence is not valid UTF-8. */
  validUtf8: boolean;
  /** NUL bytes in the file: normal in UTF-16, debris in anything else. */
  nulBytes: number;
}

/**
 * One pass over the file: its sha256 and whether it is valid UTF-8. A file up to `wholeLimit`
 * bytes is gathered into one buffer and hashed by the platform (Web Crypto, in the browser
 * and in Node), which is about ten times faster than hashing in JavaScript; a larger file, or
 * a page without Web Crypto (plain http from another machine), is hashed as it streams so it
 * never sits in memory whole.
 */
export async function scanFile(
  reader: ChunkReader,
  checkUtf8: boolean,
  wholeLimit = 0,
): Promise<ScanResult> {
  const subtle = platformDigest();
  const whole = subtle && reader.size <= wholeLimit ? new Uint8Array(reader.size) : undefined;
  const hash = whole ? undefined : (await streamingSha256()).create();
  const decoder = checkUtf8 ? new TextDecoder('utf-8', { fatal: true }) : undefined;
  let validUtf8 = checkUtf8;
  let nulBytes = 0;
  let offset = 0;
  for await (const chunk of readChunks(reader)) {
    if (whole) whole.set(chunk, offset);
    else hash?.update(chunk);
    offset += chunk.length;
    if (validUtf8 && decoder) validUtf8 = decodes(decoder, chunk, false);
    if (checkUtf8) nulBytes += countNul(chunk);
  }
  if (validUtf8 && decoder) validUtf8 = decodes(decoder, new Uint8Array(0), true);
  const digest =
    whole && subtle
      ? new Uint8Array(await subtle.digest('SHA-256', whole))
      : (hash ?? (await streamingSha256()).create()).digest();
  return { sha256: bytesToHex(digest), validUtf8, nulBytes };
}

/** sha256 of bytes already in memory. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const subtle = platformDigest();
  if (subtle) {
    // Web Crypto refuses views of shared memory; those are copied first.
    const own =
      bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : bytes.slice();
    return bytesToHex(new Uint8Array(await subtle.digest('SHA-256', own)));
  }
  const hash = (await streamingSha256()).create();
  const step = 4 * 1024 * 1024;
  for (let start = 0; start < bytes.length; start += step) {
    hash.update(bytes.subarray(start, start + step));
  }
  return bytesToHex(hash.digest());
}

/** Web Crypto's digest, absent outside secure contexts (a page served over plain http). */
function platformDigest(): SubtleCrypto | undefined {
  return globalThis.crypto?.subtle;
}

function countNul(chunk: Uint8Array): number {
  let n = 0;
  for (let i = chunk.indexOf(0); i !== -1; i = chunk.indexOf(0, i + 1)) n++;
  return n;
}

function decodes(decoder: TextDecoder, chunk: Uint8Array, last: boolean): boolean {
  try {
    decoder.decode(chunk, { stream: !last });
    return true;
  } catch {
    return false;
  }
}

function bytesToHex(bytes: Uint8Array): string {
  let hex = '';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  return hex;
}

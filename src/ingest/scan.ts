import { readChunks, type ChunkReader } from './chunks.ts';

/** The JavaScript sha256, fetched only when Web Crypto is not used (see scanFile). */
const jsSha256 = () => import('@noble/hashes/sha2.js').then((m) => m.sha256);

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
  const hash = await startHash(reader.size, wholeLimit);
  const decoder = checkUtf8 ? new TextDecoder('utf-8', { fatal: true }) : undefined;
  let validUtf8 = checkUtf8;
  let nulBytes = 0;
  for await (const chunk of readChunks(reader)) {
    hash.update(chunk);
    if (validUtf8 && decoder) validUtf8 = decodes(decoder, chunk, false);
    if (checkUtf8) nulBytes += countNul(chunk);
  }
  if (validUtf8 && decoder) validUtf8 = decodes(decoder, new Uint8Array(0), true);
  return { sha256: await hash.hex(), validUtf8, nulBytes };
}

/** sha256 of bytes already in memory. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const subtle = platformDigest();
  if (subtle) return webSha256Hex(subtle, bytes);
  const hash = (await jsSha256()).create();
  hash.update(bytes);
  return bytesToHex(hash.digest());
}

interface Hash {
  update(chunk: Uint8Array): void;
  hex(): Promise<string>;
}

/**
 * Web Crypto over the whole file gathered in one buffer when it is at most `wholeLimit`
 * bytes; otherwise (or without Web Crypto) the JavaScript sha256, fed chunk by chunk.
 */
async function startHash(size: number, wholeLimit: number): Promise<Hash> {
  const subtle = platformDigest();
  if (subtle && size <= wholeLimit) {
    const whole = new Uint8Array(size);
    let offset = 0;
    return {
      update: (chunk) => {
        whole.set(chunk, offset);
        offset += chunk.length;
      },
      hex: () => webSha256Hex(subtle, whole),
    };
  }
  const hash = (await jsSha256()).create();
  return {
    update: (chunk) => hash.update(chunk),
    hex: () => Promise.resolve(bytesToHex(hash.digest())),
  };
}

async function webSha256Hex(subtle: SubtleCrypto, bytes: Uint8Array): Promise<string> {
  // Web Crypto refuses views of shared memory; those are copied first.
  const own =
    bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : bytes.slice();
  return bytesToHex(new Uint8Array(await subtle.digest('SHA-256', own)));
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

import { throwIfAborted } from './abort.ts';
import { CHUNK_BYTES, readChunks, type ChunkReader } from './chunks.ts';

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
 * bytes is read into memory in one go (in Chromium one arrayBuffer() of a 77 MB Blob took 43 ms,
 * 4 MB slices 179 ms) and hashed by the platform (Web Crypto, in the browser and in Node), about
 * ten times faster than hashing in JavaScript. A larger file, or a page without Web Crypto
 * (plain http from another machine), is hashed as it streams so it never sits in memory whole.
 */
export async function scanFile(
  reader: ChunkReader,
  checkUtf8: boolean,
  wholeLimit = 0,
): Promise<ScanResult> {
  if (platformDigest() && reader.size <= wholeLimit) return scanWhole(reader, checkUtf8);
  const hash = (await jsSha256()).create();
  const checks = new TextChecks(checkUtf8);
  for await (const chunk of readChunks(reader)) {
    hash.update(chunk);
    checks.add(chunk);
  }
  return { sha256: bytesToHex(hash.digest()), ...checks.result() };
}

async function scanWhole(reader: ChunkReader, checkUtf8: boolean): Promise<ScanResult> {
  throwIfAborted(reader.signal);
  const whole = await reader.engine.readFile(reader.source);
  const checks = new TextChecks(checkUtf8);
  // Checked a slice at a time, so that progress moves and a cancel is heard between slices.
  for (let start = 0; start < whole.length; start += CHUNK_BYTES) {
    throwIfAborted(reader.signal);
    const end = Math.min(whole.length, start + CHUNK_BYTES);
    checks.add(whole.subarray(start, end));
    reader.onChunk?.(end);
  }
  return { sha256: await sha256Hex(whole), ...checks.result() };
}

/** Whether the bytes seen so far are valid UTF-8, and how many NUL bytes they hold. */
class TextChecks {
  /** Absent when the caller does not check the text (binary formats). */
  private readonly decoder: TextDecoder | undefined;
  private validUtf8: boolean;
  private nulBytes = 0;

  constructor(check: boolean) {
    this.decoder = check ? new TextDecoder('utf-8', { fatal: true }) : undefined;
    this.validUtf8 = check;
  }

  add(chunk: Uint8Array): void {
    if (!this.decoder) return;
    if (this.validUtf8) this.validUtf8 = decodes(this.decoder, chunk, false);
    this.nulBytes += countNul(chunk);
  }

  result(): { validUtf8: boolean; nulBytes: number } {
    if (this.validUtf8 && this.decoder) {
      this.validUtf8 = decodes(this.decoder, new Uint8Array(0), true);
    }
    return { validUtf8: this.validUtf8, nulBytes: this.nulBytes };
  }
}

/** sha256 of bytes already in memory. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const subtle = platformDigest();
  if (subtle) return webSha256Hex(subtle, bytes);
  const hash = (await jsSha256()).create();
  hash.update(bytes);
  return bytesToHex(hash.digest());
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

/** Whether these first bytes of a file are valid UTF-8 so far (a cut sequence at the end is). */
export function startsAsUtf8(head: Uint8Array): boolean {
  return decodes(new TextDecoder('utf-8', { fatal: true }), head, false);
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

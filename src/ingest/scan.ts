import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { readChunks, type ChunkReader } from './chunks.ts';

export interface ScanResult {
  sha256: string;
  /** False as soon as one byte sequence is not valid UTF-8. */
  validUtf8: boolean;
  /** NUL bytes in the file: normal in UTF-16, debris in anything else. */
  nulBytes: number;
}

/**
 * One streaming pass over the file: its sha256 and whether it is valid UTF-8. The hash never
 * sees the file as one string or one buffer, so a large CSV costs only a chunk of memory.
 */
export async function scanFile(reader: ChunkReader, checkUtf8: boolean): Promise<ScanResult> {
  const hash = sha256.create();
  const decoder = checkUtf8 ? new TextDecoder('utf-8', { fatal: true }) : undefined;
  let validUtf8 = checkUtf8;
  let nulBytes = 0;
  for await (const chunk of readChunks(reader)) {
    hash.update(chunk);
    if (validUtf8 && decoder) validUtf8 = decodes(decoder, chunk, false);
    if (checkUtf8) nulBytes += countNul(chunk);
  }
  if (validUtf8 && decoder) validUtf8 = decodes(decoder, new Uint8Array(0), true);
  return { sha256: bytesToHex(hash.digest()), validUtf8, nulBytes };
}

/** sha256 of bytes already in memory, hashed in slices like a streamed file. */
export function sha256Hex(bytes: Uint8Array): string {
  const hash = sha256.create();
  const step = 4 * 1024 * 1024;
  for (let start = 0; start < bytes.length; start += step) {
    hash.update(bytes.subarray(start, start + step));
  }
  return bytesToHex(hash.digest());
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

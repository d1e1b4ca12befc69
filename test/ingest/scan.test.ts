import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { NativeEngine } from '../../src/engine/NativeEngine.ts';
import { CHUNK_BYTES, type ChunkReader } from '../../src/ingest/chunks.ts';
import { scanFile, sha256Hex } from '../../src/ingest/scan.ts';
import { bytes, createEngine } from './helpers.ts';

let engine: NativeEngine;
beforeAll(async () => {
  engine = await createEngine();
});
afterAll(async () => {
  await engine.close();
});
afterEach(() => {
  vi.unstubAllGlobals();
});

// More than one chunk, with a multi-byte character across the first chunk boundary.
const data = new Uint8Array(CHUNK_BYTES + 1000).fill(0x61);
data.set(new TextEncoder().encode('é'), CHUNK_BYTES - 1);
const expected = createHash('sha256').update(data).digest('hex');

function reader(content: Uint8Array): ChunkReader {
  return { engine, source: bytes(content), size: content.length };
}

describe('scanFile and sha256Hex', () => {
  it('give the same sha256 whether the file is hashed whole or as it streams', async () => {
    const whole = await scanFile(reader(data), true, data.length);
    const streamed = await scanFile(reader(data), true, 0);
    expect(whole).toEqual({ sha256: expected, validUtf8: true, nulBytes: 0 });
    expect(streamed).toEqual(whole);
  });

  it('hash in JavaScript where Web Crypto is missing (a page over plain http)', async () => {
    vi.stubGlobal('crypto', undefined);
    expect(globalThis.crypto).toBeUndefined();
    expect((await scanFile(reader(data), false, data.length)).sha256).toBe(expected);
    expect(await sha256Hex(data)).toBe(expected);
  });

  it('hash a view of shared memory', async () => {
    const shared = new Uint8Array(new SharedArrayBuffer(data.length + 8), 4, data.length);
    shared.set(data);
    expect(await sha256Hex(shared)).toBe(expected);
    expect(await sha256Hex(data)).toBe(expected);
  });
});

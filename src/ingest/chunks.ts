import type { Engine, FileSource } from '../engine/Engine.ts';
import { throwIfAborted } from './abort.ts';

/** Files are read in slices this big: enough to keep overhead low, small enough for a browser tab. */
export const CHUNK_BYTES = 4 * 1024 * 1024;

export interface ChunkReader {
  engine: Engine;
  source: FileSource;
  size: number;
  signal?: AbortSignal;
  /** Called after each chunk with the bytes read so far. */
  onChunk?: (bytesRead: number) => void;
}

/** Yields the file's bytes in order, one slice at a time, never holding the whole file. */
export async function* readChunks(reader: ChunkReader): AsyncGenerator<Uint8Array> {
  for (let start = 0; start < reader.size; start += CHUNK_BYTES) {
    throwIfAborted(reader.signal);
    const end = Math.min(reader.size, start + CHUNK_BYTES);
    const chunk = await reader.engine.readSlice(reader.source, start, end);
    reader.onChunk?.(end);
    yield chunk;
  }
}

export function concatBytes(parts: Uint8Array[]): Uint8Array {
  let total = 0;
  for (const part of parts) total += part.length;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

import { concatBytes, readChunks, type ChunkReader } from './chunks.ts';
import { decoderFor } from './cp1252.ts';
import { IngestError } from './errors.ts';
import { byteOrderMark } from './signatures.ts';

/** The text encodings the loader understands; everything is handed to DuckDB as UTF-8. */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

const ALIASES: Record<string, TextEncoding> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'utf-16': 'utf-16le',
  utf16: 'utf-16le',
  'utf-16le': 'utf-16le',
  utf16le: 'utf-16le',
  'utf-16be': 'utf-16be',
  utf16be: 'utf-16be',
  'windows-1252': 'windows-1252',
  cp1252: 'windows-1252',
  win1252: 'windows-1252',
  // The WHATWG Encoding Standard (what browsers and Node implement) decodes every Latin-1
  // label as windows-1252: the two agree on all printable characters, and real "Latin-1"
  // files use 0x80–0x9F for Windows punctuation (’ “ ” –), not for C1 control codes.
  'latin-1': 'windows-1252',
  latin1: 'windows-1252',
  'iso-8859-1': 'windows-1252',
  iso88591: 'windows-1252',
};

export function parseEncoding(name: string): TextEncoding {
  const encoding = ALIASES[name.trim().toLowerCase().replace(/_/g, '-')];
  if (!encoding) {
    throw new IngestError(
      `Unknown encoding "${name}". Use one of utf-8, utf-16le, utf-16be, windows-1252, latin-1.`,
    );
  }
  return encoding;
}

export interface EncodingGuess {
  encoding: TextEncoding;
  /** Why: `BOM`, `NUL pattern`, `valid UTF-8`, `invalid UTF-8`, `override`. */
  reason: string;
}

/**
 * Decides a text file's encoding from its first bytes (BOM, the NUL bytes of BOM-less
 * UTF-16) and from whether the whole file is valid UTF-8 (scanned while hashing).
 */
export function guessEncoding(head: Uint8Array, validUtf8: boolean): EncodingGuess {
  const bom = byteOrderMark(head);
  if (bom) return { encoding: bom, reason: 'BOM' };
  const nulPattern = utf16NulPattern(head);
  if (nulPattern) return { encoding: nulPattern, reason: 'NUL pattern' };
  if (validUtf8) return { encoding: 'utf-8', reason: 'valid UTF-8' };
  return { encoding: 'windows-1252', reason: 'invalid UTF-8' };
}

/** ASCII text in UTF-16 has a NUL in every other byte: odd positions for LE, even for BE. */
export function utf16NulPattern(head: Uint8Array): TextEncoding | undefined {
  const n = Math.min(head.length, 4096) & ~1;
  if (n < 4) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) even++;
    if (head[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  if (odd > pairs * 0.4 && even < pairs * 0.05) return 'utf-16le';
  if (even > pairs * 0.4 && odd < pairs * 0.05) return 'utf-16be';
  return undefined;
}

export interface Transcoded {
  bytes: Uint8Array;
  /** Byte sequences that were not valid in the source encoding (replaced by U+FFFD). */
  replaced: number;
  /** NUL characters removed (`dropNul`). */
  dropped: number;
}

/**
 * Re-encodes a text file as UTF-8, chunk by chunk (TextDecoder in streaming mode, so a
 * character split across two chunks survives). A BOM is dropped; so are NUL characters when
 * `dropNul` is set (a NUL inside a value breaks every later step that puts it into SQL).
 */
export async function transcodeToUtf8(
  reader: ChunkReader,
  encoding: TextEncoding,
  dropNul = false,
): Promise<Transcoded> {
  const decoder = decoderFor(encoding);
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  let replaced = 0;
  let dropped = 0;
  const push = (decoded: string): void => {
    let text = decoded;
    if (dropNul && text.includes('\0')) {
      const before = text.length;
      text = text.replaceAll('\0', '');
      dropped += before - text.length;
    }
    if (text === '') return;
    replaced += countReplacement(text);
    parts.push(encoder.encode(text));
  };
  for await (const chunk of readChunks(reader)) push(decoder.decode(chunk, { stream: true }));
  push(decoder.decode());
  return { bytes: concatBytes(parts), replaced, dropped };
}

function countReplacement(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\ufffd'); i !== -1; i = text.indexOf('\ufffd', i + 1)) n++;
  return n;
}

/**
 * Windows-1252 → text, written out rather than left to TextDecoder: Node 20's non-streaming
 * `TextDecoder('windows-1252')` decodes as ISO-8859-1 (0x92 becomes U+0092, not ’), and the
 * browser and the command line must read the same file the same way.
 */
const HIGH: Record<number, number> = {
  0x80: 0x20ac,
  0x82: 0x201a,
  0x83: 0x0192,
  0x84: 0x201e,
  0x85: 0x2026,
  0x86: 0x2020,
  0x87: 0x2021,
  0x88: 0x02c6,
  0x89: 0x2030,
  0x8a: 0x0160,
  0x8b: 0x2039,
  0x8c: 0x0152,
  0x8e: 0x017d,
  0x91: 0x2018,
  0x92: 0x2019,
  0x93: 0x201c,
  0x94: 0x201d,
  0x95: 0x2022,
  0x96: 0x2013,
  0x97: 0x2014,
  0x98: 0x02dc,
  0x99: 0x2122,
  0x9a: 0x0161,
  0x9b: 0x203a,
  0x9c: 0x0153,
  0x9e: 0x017e,
  0x9f: 0x0178,
};

/** Byte → UTF-16 code unit; the five bytes 1252 leaves undefined map to C1 codes as WHATWG does. */
const TABLE = Uint16Array.from({ length: 256 }, (_, b) => HIGH[b] ?? b);

export function decodeWindows1252(bytes: Uint8Array): string {
  const step = 8192;
  let out = '';
  for (let start = 0; start < bytes.length; start += step) {
    const end = Math.min(bytes.length, start + step);
    const codes = new Uint16Array(end - start);
    for (let i = start; i < end; i++) codes[i - start] = TABLE[bytes[i]];
    out += String.fromCharCode(...codes);
  }
  return out;
}

/** A TextDecoder-shaped wrapper, so readers can hold either kind of decoder. */
export interface Decoder {
  decode(bytes?: Uint8Array, options?: { stream?: boolean }): string;
}

export function decoderFor(encoding: string): Decoder {
  if (encoding === 'windows-1252') {
    return { decode: (bytes?: Uint8Array) => (bytes ? decodeWindows1252(bytes) : '') };
  }
  return new TextDecoder(encoding);
}

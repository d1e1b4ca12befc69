/**
 * Reading and rewriting a WebAssembly module's export section (the binary format's section 7),
 * for the build's trimming of DuckDB-WASM's exports (duckdb-wasm-plugin.ts). Every other
 * section is copied byte for byte: the code, the data and the imports stay exactly DuckDB's.
 */

const MAGIC_AND_VERSION = 8;
const IMPORT_SECTION = 2;
const EXPORT_SECTION = 7;

/** Import kinds (the binary format's externtype). */
const FUNC = 0;
const TABLE = 1;
const MEMORY = 2;
const GLOBAL = 3;
const TAG = 4;

export interface WasmImport {
  module: string;
  name: string;
}

export interface WasmSection {
  id: number;
  /** The whole section: id, size and content. */
  bytes: Uint8Array;
  /** Its content alone. */
  content: Uint8Array;
}

class Reader {
  constructor(
    private readonly bytes: Uint8Array,
    public at = 0,
  ) {}

  u32(): number {
    let result = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = this.bytes[this.at++];
      result |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    return result >>> 0;
  }

  byte(): number {
    return this.bytes[this.at++];
  }

  name(): string {
    const length = this.u32();
    const text = new TextDecoder().decode(this.bytes.subarray(this.at, this.at + length));
    this.at += length;
    return text;
  }

  /** A limits record (tables, memories): flags, minimum, and a maximum when flagged. */
  limits(): void {
    const flags = this.byte();
    this.u32();
    if (flags & 1) this.u32();
  }
}

function u32Bytes(value: number): number[] {
  const out: number[] = [];
  let rest = value >>> 0;
  do {
    let byte = rest & 0x7f;
    rest >>>= 7;
    if (rest !== 0) byte |= 0x80;
    out.push(byte);
  } while (rest !== 0);
  return out;
}

/** The module's sections in order; throws on anything that is not a WebAssembly module. */
export function sections(wasm: Uint8Array): WasmSection[] {
  const header = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  if (wasm.length < MAGIC_AND_VERSION || header.some((b, i) => wasm[i] !== b)) {
    throw new Error('not a WebAssembly module (version 1)');
  }
  const out: WasmSection[] = [];
  const reader = new Reader(wasm, MAGIC_AND_VERSION);
  while (reader.at < wasm.length) {
    const start = reader.at;
    const id = reader.byte();
    const size = reader.u32();
    const contentStart = reader.at;
    reader.at = contentStart + size;
    if (reader.at > wasm.length) throw new Error(`section ${id} runs past the module's end`);
    out.push({
      id,
      bytes: wasm.subarray(start, reader.at),
      content: wasm.subarray(contentStart, reader.at),
    });
  }
  return out;
}

export function imports(wasm: Uint8Array): WasmImport[] {
  const section = sections(wasm).find((s) => s.id === IMPORT_SECTION);
  if (!section) return [];
  const reader = new Reader(section.content);
  const count = reader.u32();
  const out: WasmImport[] = [];
  for (let i = 0; i < count; i++) {
    const module = reader.name();
    const name = reader.name();
    const kind = reader.byte();
    if (kind === FUNC) reader.u32();
    else if (kind === TABLE) {
      reader.byte();
      reader.limits();
    } else if (kind === MEMORY) reader.limits();
    else if (kind === GLOBAL) reader.at += 2;
    else if (kind === TAG) {
      reader.byte();
      reader.u32();
    } else throw new Error(`import ${module}.${name} has an unknown kind ${kind}`);
    out.push({ module, name });
  }
  return out;
}

interface ExportEntry {
  name: string;
  bytes: Uint8Array;
}

function exportEntries(section: WasmSection): ExportEntry[] {
  const reader = new Reader(section.content);
  const count = reader.u32();
  const out: ExportEntry[] = [];
  for (let i = 0; i < count; i++) {
    const start = reader.at;
    const name = reader.name();
    reader.byte();
    reader.u32();
    out.push({ name, bytes: section.content.subarray(start, reader.at) });
  }
  return out;
}

export function exportNames(wasm: Uint8Array): string[] {
  const section = sections(wasm).find((s) => s.id === EXPORT_SECTION);
  return section ? exportEntries(section).map((e) => e.name) : [];
}

/** The module with only the exports `keep` accepts; all other sections unchanged. */
export function keepExports(
  wasm: Uint8Array,
  keep: (name: string) => boolean,
): Uint8Array<ArrayBuffer> {
  const parts: Uint8Array[] = [wasm.subarray(0, MAGIC_AND_VERSION)];
  for (const section of sections(wasm)) {
    if (section.id !== EXPORT_SECTION) {
      parts.push(section.bytes);
      continue;
    }
    const kept = exportEntries(section).filter((e) => keep(e.name));
    const count = Uint8Array.from(u32Bytes(kept.length));
    const size = count.length + kept.reduce((sum, e) => sum + e.bytes.length, 0);
    parts.push(Uint8Array.from([EXPORT_SECTION, ...u32Bytes(size)]), count);
    for (const entry of kept) parts.push(entry.bytes);
  }
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

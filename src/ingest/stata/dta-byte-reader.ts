/** The byte cursor the .dta reader walks the file with, and its damaged-file messages. */
import { type Decoder } from '../cp1252.ts';
import { IngestError } from '../errors.ts';

export function count(value: number): string {
  return value.toLocaleString('en-US');
}

/** Byte cursor with Stata's tag checks and both byte orders. */
export class Reader {
  position = 0;
  little = true;
  decoder: Decoder = new TextDecoder('utf-8');
  private readonly view: DataView;

  constructor(
    private readonly data: Uint8Array,
    private readonly fileName: string,
  ) {
    this.view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  }

  get size(): number {
    return this.data.length;
  }

  /** What is wrong, in a message that names the file and says what to do. */
  damaged(why: string): IngestError {
    return new IngestError(
      `${this.fileName} is damaged or not a Stata file: ${why}. Download or copy it again, or re-export it from Stata (\`save\`), and load the new copy.`,
    );
  }

  seek(offset: number): void {
    if (offset > this.data.length) {
      throw this.damaged(
        `it is cut short (a part its header points to, at byte ${count(offset)}, lies beyond its ${count(this.data.length)} bytes)`,
      );
    }
    this.position = offset;
  }

  skip(count: number): void {
    this.seek(this.position + count);
  }

  expectTag(tag: string): void {
    if (this.peekAscii(tag.length) !== tag) {
      throw new IngestError(
        `${this.fileName} is not a valid Stata 13+ file: expected ${tag} at byte ${this.position}. Check that it is a .dta file saved by Stata 13 or later, or re-export it from Stata.`,
      );
    }
    this.position += tag.length;
  }

  peekAscii(length: number): string {
    let s = '';
    for (let i = 0; i < length && this.position + i < this.data.length; i++) {
      s += String.fromCharCode(this.data[this.position + i]);
    }
    return s;
  }

  ascii(length: number): string {
    const s = this.peekAscii(length);
    this.skip(length);
    return s;
  }

  bytes(length: number): Uint8Array {
    const out = this.data.subarray(this.position, this.position + length);
    this.skip(length);
    return out;
  }

  /** A fixed-width, NUL-terminated string field. */
  text(length: number): string {
    const field = this.bytes(length);
    const end = field.indexOf(0);
    return this.decoder.decode(end === -1 ? field : field.subarray(0, end));
  }

  /** Reads `need` bytes at the cursor and moves it on by `size` (0 to peek). */
  private step<T>(size: number, read: (offset: number) => T, need = size): T {
    if (this.position + need > this.data.length) {
      throw this.damaged(`it is cut short (it ends at byte ${count(this.data.length)})`);
    }
    const value = read(this.position);
    this.position += size;
    return value;
  }

  u8 = (): number => this.step(1, (o) => this.view.getUint8(o));
  i8 = (): number => this.step(1, (o) => this.view.getInt8(o));
  u16 = (): number => this.step(2, (o) => this.view.getUint16(o, this.little));
  i16 = (): number => this.step(2, (o) => this.view.getInt16(o, this.little));
  u32 = (): number => this.step(4, (o) => this.view.getUint32(o, this.little));
  i32 = (): number => this.step(4, (o) => this.view.getInt32(o, this.little));
  f32 = (): number => this.step(4, (o) => this.view.getFloat32(o, this.little));
  f64 = (): number => this.step(8, (o) => this.view.getFloat64(o, this.little));
  bigU64 = (): bigint => this.step(8, (o) => this.view.getBigUint64(o, this.little));
  u64 = (): number => {
    const value = this.bigU64();
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) {
      throw this.damaged(
        `its header holds the count or offset ${value.toLocaleString('en-US')}, beyond any real file`,
      );
    }
    return Number(value);
  };

  peekU32(): number {
    return this.step(0, (o) => this.view.getUint32(o, this.little), 4);
  }

  /** The high 32 bits of the next double, whatever the byte order. */
  peekHighU32(): number {
    return this.step(0, (o) => this.view.getUint32(o + (this.little ? 4 : 0), this.little), 8);
  }
}

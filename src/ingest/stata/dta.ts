/**
 * A reader for Stata .dta formats 117 (Stata 13), 118 (Stata 14–18) and 119 (more than
 * 32,767 variables). Written from Stata's published file-format description ("dta"
 * help file); no Stata library is needed in the browser or on the command line.
 */
import { decoderFor, type Decoder } from '../cp1252.ts';
import { IngestError } from '../errors.ts';
import { formatBytes } from '../limits.ts';

export type StataType = 'str' | 'strL' | 'double' | 'float' | 'long' | 'int' | 'byte';

export interface StataVariable {
  name: string;
  type: StataType;
  /** Byte width of a fixed `str#` variable. */
  width: number;
  format: string;
  /** Name of the value-label set attached to the variable ('' when none). */
  valueLabel: string;
  label: string;
}

/** Cell values: numbers (missing → null), strings. */
export type StataValue = number | string | null;

export interface StataFile {
  release: number;
  label: string;
  variables: StataVariable[];
  /** Column-major data: `columns[j][i]` is variable j of observation i. */
  columns: StataValue[][];
  rows: number;
  /** Value-label sets by name: code → label. */
  valueLabels: Map<string, Map<number, string>>;
  /** Count of extended missing values (.a–.z), which become NULL like `.`. */
  extendedMissing: number;
  /** Per variable (by index), how many of each extended missing value (`.a` → 3). */
  extendedByVariable: Map<number, Map<string, number>>;
}

interface Layout {
  release: number;
  little: boolean;
  nameBytes: number;
  formatBytes: number;
  labelBytes: number;
}

const TYPE_CODES: Record<number, StataType> = {
  32768: 'strL',
  65526: 'double',
  65527: 'float',
  65528: 'long',
  65529: 'int',
  65530: 'byte',
};

const WIDTH: Record<Exclude<StataType, 'str'>, number> = {
  strL: 8,
  double: 8,
  float: 4,
  long: 4,
  int: 2,
  byte: 1,
};

/**
 * Every count and offset in the header is checked against the file's size before anything is
 * allocated or looped over: a 1 kB file claiming 2^50 rows must fail at once with a message,
 * not freeze the tab or die in `new Array`.
 */
export function parseDta(bytes: Uint8Array, fileName = 'The file'): StataFile {
  const r = new Reader(bytes, fileName);
  r.expectTag('<stata_dta>');
  r.expectTag('<header>');
  r.expectTag('<release>');
  const release = Number(r.ascii(3));
  if (![117, 118, 119].includes(release)) {
    throw new IngestError(
      `${fileName} is in Stata format ${release}, which is not supported (117–119 are: Stata 13 and later). Re-save it with \`saveold\` or a newer Stata.`,
    );
  }
  r.expectTag('</release>');
  r.expectTag('<byteorder>');
  const order = r.ascii(3);
  if (order !== 'LSF' && order !== 'MSF') throw r.damaged(`its byte order "${order}" is unknown`);
  r.little = order === 'LSF';
  r.expectTag('</byteorder>');
  const layout: Layout = {
    release,
    little: r.little,
    nameBytes: release === 117 ? 33 : 129,
    formatBytes: release === 117 ? 49 : 57,
    labelBytes: release === 117 ? 81 : 321,
  };
  r.decoder = decoderFor(release === 117 ? 'windows-1252' : 'utf-8');
  r.expectTag('<K>');
  const k = release === 119 ? r.u32() : r.u16();
  r.expectTag('</K>');
  r.expectTag('<N>');
  const n = release === 117 ? r.u32() : r.u64();
  r.expectTag('</N>');
  if (k === 0) {
    throw new IngestError(
      `${fileName} has no variables: its header claims 0 variables and ${count(n)} observations, so there is nothing to load. If it should hold data, the file is damaged — re-export it from Stata.`,
    );
  }
  r.expectTag('<label>');
  const label = r.text(release === 117 ? r.u8() : r.u16());
  r.expectTag('</label>');
  r.expectTag('<timestamp>');
  r.skip(r.u8());
  r.expectTag('</timestamp>');
  r.expectTag('</header>');
  r.expectTag('<map>');
  const map = Array.from({ length: 14 }, () => r.u64());
  const perVariable =
    2 + 2 * layout.nameBytes + layout.formatBytes + layout.labelBytes + (release === 119 ? 4 : 2);
  if (k * perVariable > bytes.length) {
    throw r.damaged(
      `the header claims ${count(k)} variables, whose descriptions alone take ${count(k * perVariable)} bytes, but the file has ${count(bytes.length)} bytes`,
    );
  }

  r.seek(map[2]);
  r.expectTag('<variable_types>');
  const codes = Array.from({ length: k }, () => r.u16());
  r.seek(map[3]);
  r.expectTag('<varnames>');
  const names = Array.from({ length: k }, () => r.text(layout.nameBytes));
  r.seek(map[5]);
  r.expectTag('<formats>');
  const formats = Array.from({ length: k }, () => r.text(layout.formatBytes));
  r.seek(map[6]);
  r.expectTag('<value_label_names>');
  const labelNames = Array.from({ length: k }, () => r.text(layout.nameBytes));
  r.seek(map[7]);
  r.expectTag('<variable_labels>');
  const labels = Array.from({ length: k }, () => r.text(layout.labelBytes));

  const variables: StataVariable[] = codes.map((code, j) => {
    const type: StataType | undefined = code >= 1 && code <= 2045 ? 'str' : TYPE_CODES[code];
    if (!type) throw r.damaged(`variable ${names[j]} has the unknown type code ${code}`);
    return {
      name: names[j],
      type,
      width: type === 'str' ? code : WIDTH[type],
      format: formats[j],
      valueLabel: labelNames[j],
      label: labels[j],
    };
  });

  checkRows(r, variables, n, map[9]);
  r.seek(map[10]);
  const strls = readStrls(r, layout);
  r.seek(map[9]);
  r.expectTag('<data>');
  const { columns, extendedMissing, extendedByVariable } = readData(r, layout, variables, n, strls);
  r.seek(map[11]);
  const valueLabels = readValueLabels(r, layout);
  return {
    release,
    label,
    variables,
    columns,
    rows: n,
    valueLabels,
    extendedMissing,
    extendedByVariable,
  };
}

/** The data section must hold N rows of the variables' total width. */
function checkRows(r: Reader, variables: StataVariable[], n: number, dataAt: number): void {
  const rowWidth = variables.reduce((sum, v) => sum + v.width, 0);
  const available = r.size - Math.min(r.size, dataAt + '<data>'.length);
  if (n * rowWidth > available) {
    throw r.damaged(
      `the header claims ${count(n)} rows of ${count(rowWidth)} ${rowWidth === 1 ? 'byte' : 'bytes'} each (${formatBytes(n * rowWidth)}), but the file has ${count(r.size)} bytes`,
    );
  }
}

function count(value: number): string {
  return value.toLocaleString('en-US');
}

function readData(
  r: Reader,
  layout: Layout,
  variables: StataVariable[],
  n: number,
  strls: Map<string, string>,
): Pick<StataFile, 'columns' | 'extendedMissing' | 'extendedByVariable'> {
  const columns: StataValue[][] = variables.map(() => new Array<StataValue>(n));
  let extendedMissing = 0;
  const extendedByVariable = new Map<number, Map<string, number>>();
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < variables.length; j++) {
      const v = variables[j];
      let value: StataValue;
      switch (v.type) {
        case 'str':
          value = r.text(v.width);
          break;
        case 'strL': {
          const key = strlKey(r, layout);
          value = key === '0:0' ? '' : (strls.get(key) ?? '');
          break;
        }
        default: {
          const raw = readNumber(r, v.type);
          if (raw.missing > 0) {
            extendedMissing++;
            // Researchers code reasons with them (.a refused, .b not asked): keep how many.
            const byCode = extendedByVariable.get(j) ?? new Map<string, number>();
            extendedByVariable.set(j, byCode);
            const code = `.${String.fromCharCode(96 + raw.missing)}`;
            byCode.set(code, (byCode.get(code) ?? 0) + 1);
          }
          value = raw.missing >= 0 ? null : raw.value;
        }
      }
      columns[j][i] = value;
    }
  }
  return { columns, extendedMissing, extendedByVariable };
}

/**
 * Reads a numeric cell. `missing` is -1 for a value, 0 for system missing `.` and 1–26 for
 * `.a`–`.z`: Stata reserves the top of each type's range for them.
 */
function readNumber(r: Reader, type: StataType): { value: number; missing: number } {
  switch (type) {
    case 'byte': {
      const v = r.i8();
      return { value: v, missing: v > 100 ? v - 101 : -1 };
    }
    case 'int': {
      const v = r.i16();
      return { value: v, missing: v > 32740 ? v - 32741 : -1 };
    }
    case 'long': {
      const v = r.i32();
      return { value: v, missing: v > 2147483620 ? v - 2147483621 : -1 };
    }
    case 'float': {
      const bits = r.peekU32();
      const v = r.f32();
      // Missing floats are 0x7f000000 + 0x800 × k (k = 0 for `.`, 1–26 for `.a`–`.z`).
      if (v >= 2 ** 127 || Number.isNaN(v))
        return { value: v, missing: (bits - 0x7f000000) >>> 11 };
      return { value: v, missing: -1 };
    }
    default: {
      const high = r.peekHighU32();
      const v = r.f64();
      // Missing doubles: 0x7fe0000000000000 + 0x10000000000 × k.
      if (v >= 2 ** 1023 || Number.isNaN(v))
        return { value: v, missing: (high - 0x7fe00000) >>> 8 };
      return { value: v, missing: -1 };
    }
  }
}

function strlKey(r: Reader, layout: Layout): string {
  if (layout.release === 117) {
    const v = r.u32();
    return `${v}:${r.u32()}`;
  }
  // 118/119: one 8-byte integer z in file byte order; v is its low 16 (118) or 24 (119) bits.
  const z = r.bigU64();
  const vBits = BigInt(layout.release === 118 ? 16 : 24);
  return `${z & ((1n << vBits) - 1n)}:${z >> vBits}`;
}

function readStrls(r: Reader, layout: Layout): Map<string, string> {
  const strls = new Map<string, string>();
  r.expectTag('<strls>');
  while (r.peekAscii(3) === 'GSO') {
    r.skip(3);
    const v = r.u32();
    const o = layout.release === 117 ? r.u32() : r.u64();
    const t = r.u8();
    const len = r.u32();
    // t = 130: text with a trailing NUL; t = 129: binary, kept as text all the same.
    const text = t === 130 ? r.text(len) : r.decoder.decode(r.bytes(len));
    strls.set(`${v}:${o}`, text);
  }
  return strls;
}

function readValueLabels(r: Reader, layout: Layout): Map<string, Map<number, string>> {
  const sets = new Map<string, Map<number, string>>();
  r.expectTag('<value_labels>');
  while (r.peekAscii(5) === '<lbl>') {
    r.skip(5);
    const length = r.u32();
    const name = r.text(layout.nameBytes);
    r.skip(3);
    const start = r.position;
    const entries = r.i32();
    const textLength = r.i32();
    if (entries < 0 || textLength < 0 || entries * 8 + textLength > r.size - r.position) {
      throw r.damaged(
        `its value-label set ${name} claims ${count(entries)} labels in ${count(textLength)} bytes of text, more than the file holds`,
      );
    }
    const offsets = Array.from({ length: entries }, () => r.i32());
    const values = Array.from({ length: entries }, () => r.i32());
    const text = r.bytes(textLength);
    const set = new Map<number, string>();
    values.forEach((value, i) => {
      const from = offsets[i];
      let to = from;
      while (to < text.length && text[to] !== 0) to++;
      set.set(value, r.decoder.decode(text.subarray(from, to)));
    });
    sets.set(name, set);
    r.seek(start + length);
    r.expectTag('</lbl>');
  }
  return sets;
}

/** Byte cursor with Stata's tag checks and both byte orders. */
class Reader {
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

/**
 * Writes Stata .dta files (formats 117, 118, 119) byte by byte, following Stata's published
 * format description, so the reader can be tested without Stata or a Stata library.
 */
export type DtaType = 'byte' | 'int' | 'long' | 'float' | 'double' | 'strL' | { str: number };
export type DtaValue = number | string | null | { missing: string };

export interface DtaVariable {
  name: string;
  type: DtaType;
  format: string;
  valueLabel?: string;
  label?: string;
  values: DtaValue[];
}

export interface DtaSpec {
  release: 117 | 118 | 119;
  byteOrder: 'LSF' | 'MSF';
  label: string;
  variables: DtaVariable[];
  valueLabels?: Record<string, Record<number, string>>;
}

class Out {
  private parts: number[] = [];
  constructor(
    private readonly little: boolean,
    private readonly encode: (s: string) => Uint8Array,
  ) {}
  get length(): number {
    return this.parts.length;
  }
  raw(bytes: ArrayLike<number>): void {
    for (let i = 0; i < bytes.length; i++) this.parts.push(bytes[i]);
  }
  tag(text: string): void {
    this.raw(new TextEncoder().encode(text));
  }
  int(value: number | bigint, size: number, signed = false): void {
    const view = new DataView(new ArrayBuffer(size));
    const le = this.little;
    if (size === 1) (signed ? view.setInt8 : view.setUint8).call(view, 0, Number(value));
    if (size === 2) (signed ? view.setInt16 : view.setUint16).call(view, 0, Number(value), le);
    if (size === 4) (signed ? view.setInt32 : view.setUint32).call(view, 0, Number(value), le);
    if (size === 8) view.setBigUint64(0, BigInt(value), le);
    this.raw(new Uint8Array(view.buffer));
  }
  float(value: number, size: 4 | 8): void {
    const view = new DataView(new ArrayBuffer(size));
    if (size === 4) view.setFloat32(0, value, this.little);
    else view.setFloat64(0, value, this.little);
    this.raw(new Uint8Array(view.buffer));
  }
  /** Fixed-width, NUL-padded text field. */
  text(value: string, width: number): void {
    const encoded = this.encode(value).subarray(0, width);
    this.raw(encoded);
    this.raw(new Uint8Array(width - encoded.length));
  }
  bytes(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

function latin1(s: string): Uint8Array {
  const table: Record<string, number> = { '’': 0x92, '“': 0x93, '”': 0x94 };
  return Uint8Array.from([...s].map((c) => table[c] ?? c.charCodeAt(0)));
}

const TYPE_CODES: Record<Exclude<DtaType, { str: number }>, number> = {
  strL: 32768,
  double: 65526,
  float: 65527,
  long: 65528,
  int: 65529,
  byte: 65530,
};

export function writeDta(spec: DtaSpec): Uint8Array {
  const { release } = spec;
  const little = spec.byteOrder === 'LSF';
  const out = new Out(little, release === 117 ? latin1 : (s) => new TextEncoder().encode(s));
  const k = spec.variables.length;
  const n = spec.variables[0]?.values.length ?? 0;
  const nameBytes = release === 117 ? 33 : 129;
  const map: number[] = new Array(14).fill(0);

  out.tag('<stata_dta><header><release>');
  out.tag(String(release));
  out.tag('</release><byteorder>');
  out.tag(spec.byteOrder);
  out.tag('</byteorder><K>');
  out.int(k, release === 119 ? 4 : 2);
  out.tag('</K><N>');
  out.int(n, release === 117 ? 4 : 8);
  out.tag('</N><label>');
  const label = release === 117 ? latin1(spec.label) : new TextEncoder().encode(spec.label);
  out.int(label.length, release === 117 ? 1 : 2);
  out.raw(label);
  out.tag('</label><timestamp>');
  out.int(17, 1);
  out.tag('01 Jan 2024 12:00');
  out.tag('</timestamp></header>');
  map[1] = out.length;
  out.tag('<map>');
  const mapAt = out.length;
  for (let i = 0; i < 14; i++) out.int(0, 8);
  out.tag('</map>');

  map[2] = out.length;
  out.tag('<variable_types>');
  for (const v of spec.variables)
    out.int(typeof v.type === 'object' ? v.type.str : TYPE_CODES[v.type], 2);
  out.tag('</variable_types>');
  map[3] = out.length;
  out.tag('<varnames>');
  for (const v of spec.variables) out.text(v.name, nameBytes);
  out.tag('</varnames>');
  map[4] = out.length;
  out.tag('<sortlist>');
  for (let i = 0; i <= k; i++) out.int(0, release === 119 ? 4 : 2);
  out.tag('</sortlist>');
  map[5] = out.length;
  out.tag('<formats>');
  for (const v of spec.variables) out.text(v.format, release === 117 ? 49 : 57);
  out.tag('</formats>');
  map[6] = out.length;
  out.tag('<value_label_names>');
  for (const v of spec.variables) out.text(v.valueLabel ?? '', nameBytes);
  out.tag('</value_label_names>');
  map[7] = out.length;
  out.tag('<variable_labels>');
  for (const v of spec.variables) out.text(v.label ?? '', release === 117 ? 81 : 321);
  out.tag('</variable_labels>');
  map[8] = out.length;
  out.tag('<characteristics></characteristics>');

  map[9] = out.length;
  out.tag('<data>');
  const strls: { v: number; o: number; text: string }[] = [];
  for (let i = 0; i < n; i++) {
    spec.variables.forEach((variable, j) =>
      writeValue(out, variable, variable.values[i], j + 1, i + 1, release, strls),
    );
  }
  out.tag('</data>');
  map[10] = out.length;
  out.tag('<strls>');
  for (const s of strls) {
    out.tag('GSO');
    out.int(s.v, 4);
    out.int(s.o, release === 117 ? 4 : 8);
    out.int(130, 1);
    const text = release === 117 ? latin1(s.text) : new TextEncoder().encode(s.text);
    out.int(text.length + 1, 4);
    out.raw(text);
    out.raw([0]);
  }
  out.tag('</strls>');
  map[11] = out.length;
  out.tag('<value_labels>');
  for (const [name, entries] of Object.entries(spec.valueLabels ?? {})) {
    const codes = Object.keys(entries).map(Number);
    const texts = codes.map((c) =>
      release === 117 ? latin1(entries[c]) : new TextEncoder().encode(entries[c]),
    );
    const offsets: number[] = [];
    let txtlen = 0;
    for (const t of texts) {
      offsets.push(txtlen);
      txtlen += t.length + 1;
    }
    out.tag('<lbl>');
    out.int(8 + 8 * codes.length + txtlen, 4);
    out.text(name, nameBytes);
    out.raw([0, 0, 0]);
    out.int(codes.length, 4, true);
    out.int(txtlen, 4, true);
    for (const o of offsets) out.int(o, 4, true);
    for (const c of codes) out.int(c, 4, true);
    for (const t of texts) {
      out.raw(t);
      out.raw([0]);
    }
    out.tag('</lbl>');
  }
  out.tag('</value_labels>');
  map[12] = out.length;
  out.tag('</stata_dta>');
  map[13] = out.length;

  const bytes = out.bytes();
  const view = new DataView(bytes.buffer);
  map.forEach((offset, i) => view.setBigUint64(mapAt + 8 * i, BigInt(offset), little));
  return bytes;
}

function writeValue(
  out: Out,
  variable: DtaVariable,
  value: DtaValue,
  v: number,
  o: number,
  release: number,
  strls: { v: number; o: number; text: string }[],
): void {
  const type = variable.type;
  if (typeof type === 'object') {
    out.text(typeof value === 'string' ? value : '', type.str);
    return;
  }
  if (type === 'strL') {
    const text = typeof value === 'string' ? value : '';
    if (text === '') {
      out.int(0, 8);
      return;
    }
    strls.push({ v, o, text });
    if (release === 117) {
      out.int(v, 4);
      out.int(o, 4);
    } else {
      const vBits = release === 118 ? 16n : 24n;
      out.int(BigInt(v) + (BigInt(o) << vBits), 8);
    }
    return;
  }
  // Missing: "." is offset 0, ".a"–".z" offsets 1–26 above each type's first missing code.
  const missing =
    value === null ? 0 : typeof value === 'object' ? value.missing.charCodeAt(0) - 96 : -1;
  switch (type) {
    case 'byte':
      out.int(missing >= 0 ? 101 + missing : Number(value), 1, true);
      break;
    case 'int':
      out.int(missing >= 0 ? 32741 + missing : Number(value), 2, true);
      break;
    case 'long':
      out.int(missing >= 0 ? 2147483621 + missing : Number(value), 4, true);
      break;
    case 'float':
      if (missing >= 0) out.int(0x7f000000 + missing * 0x800, 4);
      else out.float(Number(value), 4);
      break;
    case 'double':
      if (missing >= 0) out.int(0x7fe0000000000000n + BigInt(missing) * 0x10000000000n, 8);
      else out.float(Number(value), 8);
      break;
  }
}

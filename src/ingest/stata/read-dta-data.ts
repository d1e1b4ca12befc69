/**
 * The .dta data section: fixed strings, strLs (from the `<strls>` section) and numbers, whose
 * system (`.`) and extended (`.a`–`.z`) missing values become null, the extended ones counted.
 */
import type { Reader } from './dta-byte-reader.ts';
import type { Layout, StataFile, StataType, StataValue, StataVariable } from './dta-types.ts';

export function readData(
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

export function readStrls(r: Reader, layout: Layout): Map<string, string> {
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

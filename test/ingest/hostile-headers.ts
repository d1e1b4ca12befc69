/**
 * Hostile files whose headers lie about their size (issue 14, finding 4), built from valid
 * invented files by overwriting one count. Shared by the Node tests and the browser test.
 */
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { writeDta, type DtaSpec } from './dta-writer.ts';

/** Byte position just after the first occurrence of an ASCII tag. */
function after(bytes: Uint8Array, tag: string): number {
  const needle = new TextEncoder().encode(tag);
  for (let i = 0; i + needle.length <= bytes.length; i++) {
    if (needle.every((b, j) => bytes[i + j] === b)) return i + needle.length;
  }
  throw new Error(`no ${tag} in the file`);
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function smallSpec(release: 117 | 118 | 119): DtaSpec {
  return {
    release,
    byteOrder: 'LSF',
    label: 'Invented',
    variables: [{ name: 'ccode', type: 'byte', format: '%8.0g', values: [2, 20, 31] }],
    valueLabels: { ccode_lbl: { 2: 'Freedonia', 20: 'Sylvania' } },
  };
}

/** A format-118 file with no variables whose header claims `rows` observations. */
export function stataWithoutVariables(rows: bigint): Uint8Array {
  const bytes = writeDta({ release: 118, byteOrder: 'LSF', label: 'Invented', variables: [] });
  view(bytes).setBigUint64(after(bytes, '<N>'), rows, true);
  return bytes;
}

/** A one-variable file (3 real rows) whose header claims `rows` observations. */
export function stataClaimingRows(rows: bigint): Uint8Array {
  const bytes = writeDta(smallSpec(118));
  view(bytes).setBigUint64(after(bytes, '<N>'), rows, true);
  return bytes;
}

/** A format-119 file whose header claims 2^32 − 1 variables. */
export function stataClaimingVariables(): Uint8Array {
  const bytes = writeDta(smallSpec(119));
  view(bytes).setUint32(after(bytes, '<K>'), 0xffffffff, true);
  return bytes;
}

/** A file whose value-label set claims 2^31 − 1 labels. */
export function stataClaimingLabels(): Uint8Array {
  const bytes = writeDta({
    ...smallSpec(118),
    variables: [{ ...smallSpec(118).variables[0], valueLabel: 'ccode_lbl' }],
  });
  // <lbl>, then its length (4), name (129) and padding (3): the label count.
  view(bytes).setInt32(after(bytes, '<lbl>') + 4 + 129 + 3, 0x7fffffff, true);
  return bytes;
}

const ARROW_ROWS = 12_345;

/**
 * An Arrow IPC file whose record batch and field nodes all claim `rows` rows (every int64
 * equal to the real row count is overwritten, as a hand-edited file would be).
 */
export function arrowClaimingRows(rows: bigint, format: 'file' | 'stream' = 'file'): Uint8Array {
  const table = tableFromArrays({
    id: Int32Array.from({ length: ARROW_ROWS }, (_, i) => i),
    name: Array.from({ length: ARROW_ROWS }, (_, i) => `case ${i}`),
  });
  const bytes = tableToIPC(table, format);
  const data = view(bytes);
  for (let i = 0; i + 8 <= bytes.length; i += 8) {
    if (data.getBigUint64(i, true) === BigInt(ARROW_ROWS)) data.setBigUint64(i, rows, true);
  }
  return bytes;
}

/**
 * The .dta header and variable descriptors, with every count checked against the file's size
 * before anything is allocated or looped over.
 */
import { decoderFor } from '../cp1252.ts';
import { IngestError } from '../errors.ts';
import { formatBytes } from '../limits.ts';
import { count, type Reader } from './dta-byte-reader.ts';
import type { Layout, StataType, StataVariable } from './dta-types.ts';

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

export interface DtaHeader {
  release: number;
  label: string;
  layout: Layout;
  /** Number of observations. */
  n: number;
  /** The 14 section offsets of `<map>`. */
  map: number[];
  variables: StataVariable[];
}

/** Reads from `<stata_dta>` through the variable labels, and checks the data fits the file. */
export function readDtaHeader(r: Reader, fileName: string): DtaHeader {
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
  if (k * perVariable > r.size) {
    throw r.damaged(
      `the header claims ${count(k)} variables, whose descriptions alone take ${count(k * perVariable)} bytes, but the file has ${count(r.size)} bytes`,
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
  return { release, label, layout, n, map, variables };
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

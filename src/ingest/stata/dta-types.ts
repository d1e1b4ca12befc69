/** The shapes a parsed Stata .dta file is returned in, and the header's layout. */

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

/** Field widths and byte order, which differ between formats 117, 118 and 119. */
export interface Layout {
  release: number;
  little: boolean;
  nameBytes: number;
  formatBytes: number;
  labelBytes: number;
}

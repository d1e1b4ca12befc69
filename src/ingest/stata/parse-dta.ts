/**
 * A reader for Stata .dta formats 117 (Stata 13), 118 (Stata 14–18) and 119 (more than
 * 32,767 variables). Written from Stata's published file-format description ("dta"
 * help file); no Stata library is needed in the browser or on the command line.
 */
import { Reader } from './dta-byte-reader.ts';
import type { StataFile } from './dta-types.ts';
import { readData, readStrls } from './read-dta-data.ts';
import { readDtaHeader } from './read-dta-header.ts';
import { readValueLabels } from './read-value-labels.ts';

export type { StataFile, StataType, StataValue, StataVariable } from './dta-types.ts';

/**
 * Every count and offset in the header is checked against the file's size before anything is
 * allocated or looped over: a 1 kB file claiming 2^50 rows must fail at once with a message,
 * not freeze the tab or die in `new Array`.
 */
export function parseDta(bytes: Uint8Array, fileName = 'The file'): StataFile {
  const r = new Reader(bytes, fileName);
  const { release, label, layout, n, map, variables } = readDtaHeader(r, fileName);
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

import { writeDta } from './dta-writer.ts';

/**
 * Files that write missing values the way exports do, shared by the Node tests and the
 * browser parity check so both engines read the same bytes.
 */

/** A Stata export's CSV: `.` for missing in numbers, an empty field and a quoted "." in text. */
export const STATA_CSV = [
  'caseid,year,share,region,note',
  '1,1990,0.5,Europe,"."',
  '2,.,.,.,plain',
  '3,2001,-2.25,,',
  '4,.,1.75,Asia,"NA"',
  '',
].join('\n');

/** A Stata 118 file whose numbers hold `.`, `.a` and `.b` (reasons for missing, as surveys code them). */
export function stataWithExtendedMissing(): Uint8Array {
  return writeDta({
    release: 118,
    byteOrder: 'LSF',
    label: 'Survey with coded non-response',
    variables: [
      { name: 'id', type: 'long', format: '%8.0g', values: [1, 2, 3, 4, 5] },
      {
        name: 'trust',
        type: 'byte',
        format: '%8.0g',
        values: [3, { missing: 'a' }, { missing: 'a' }, null, { missing: 'b' }],
      },
      {
        name: 'income',
        type: 'double',
        format: '%10.0g',
        values: [1200.5, { missing: 'b' }, 800, 950.25, { missing: 'z' }],
      },
      { name: 'country', type: { str: 8 }, format: '%8s', values: ['NA', 'ZA', '', 'BW', 'AO'] },
    ],
  });
}

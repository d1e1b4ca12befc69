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

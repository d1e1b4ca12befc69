/** A Stata file whose variables carry labels, as researchers' files do; for the label tests. */
import { writeDta } from '../ingest/dta-writer.ts';

export function labelledDta(): Uint8Array {
  return writeDta({
    release: 118,
    byteOrder: 'LSF',
    label: 'sanctions',
    variables: [
      {
        name: 'EU',
        type: 'double',
        format: '%9.0g',
        label: 'EU SANCTION',
        valueLabel: 'yesno',
        values: [0, 1, 1, 0, 1, 0],
      },
      {
        name: 'cost',
        type: 'double',
        format: '%9.0g',
        label: 'Cost to target (bn USD)',
        values: [1.5, 2, 3.25, 0.5, 4, 1],
      },
    ],
    valueLabels: { yesno: { 0: 'No', 1: 'Yes' } },
  });
}

/** A notebook over sanctions.dta: a derived table keeping `EU`, and `chart` (its body lines). */
export function labelledNotebook(chart: string[]): string {
  return [
    '---',
    'datasets:',
    '  sanctions:',
    '    file: sanctions.dta',
    '---',
    '',
    '```sql by_eu',
    'SELECT EU, avg(cost) AS cost, count(*) AS n FROM sanctions GROUP BY EU ORDER BY EU',
    '```',
    '',
    '```chart costs',
    ...chart,
    '```',
    '',
  ].join('\n');
}

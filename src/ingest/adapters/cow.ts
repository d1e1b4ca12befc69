import { COW_LABELS } from './cow-names.ts';
import type { LabelledBuilder, Labels } from './kit.ts';

export const REPRESENTATION: Labels = [
  [0, 'none'],
  [1, "chargé d'affaires"],
  [2, 'minister'],
  [3, 'ambassador'],
  [9, 'other'],
];

/** COW country codes: the list repeats a state once per membership spell. */
export function cowStatesAdapter(b: LabelledBuilder): void {
  b.describe('StateAbb', 'COW state abbreviation');
  b.describe('CCode', 'COW state code');
  b.describe('StateNme', 'COW state name');
  b.add(
    'spells',
    (c) => `count(*) OVER (PARTITION BY ${c.q('CCode')})`,
    'Rows the file holds for this code (one per state-system membership spell)',
  );
}

/** COW Diplomatic Exchange v2006.1: directed dyad-years. */
export function diplomaticExchangeAdapter(b: LabelledBuilder): void {
  b.describe('ccode1', 'COW code of state 1');
  b.describe('ccode2', 'COW code of state 2');
  b.describe('year', 'Year (38 sample years, 1817–2005)');
  b.describe('DR_at_1', 'Level of representation of state 2 in state 1', REPRESENTATION);
  b.describe('DR_at_2', 'Level of representation of state 1 in state 2', REPRESENTATION);
  b.describe('DE', 'Any diplomatic exchange between the two', [
    [0, 'no'],
    [1, 'yes'],
  ]);
  b.describe('version', 'Data set version (stored as a float)');
  b.add(
    'DR_at_1_label',
    (c) => c.label('DR_at_1', REPRESENTATION),
    'DR_at_1, labelled',
    REPRESENTATION,
  );
  b.add(
    'DR_at_2_label',
    (c) => c.label('DR_at_2', REPRESENTATION),
    'DR_at_2, labelled',
    REPRESENTATION,
  );
  b.add('exchange', (c) => c.flag('DE'), 'Any diplomatic exchange (DE = 1)');
  b.add(
    'ambassador_2_in_1',
    (c) => `${c.num('DR_at_1')} = 3`,
    'State 2 has an ambassador in state 1 (DR_at_1 = 3)',
  );
  b.add(
    'ambassador_1_in_2',
    (c) => `${c.num('DR_at_2')} = 3`,
    'State 1 has an ambassador in state 2 (DR_at_2 = 3)',
  );
  b.add('ccode1_name', (c) => c.label('ccode1', COW_LABELS), 'State 1 (COW name)');
  b.add('ccode2_name', (c) => c.label('ccode2', COW_LABELS), 'State 2 (COW name)');
}

import { describe, expect, it } from 'vitest';
import { cleanColumnNames, tableNameFromFile } from '../../src/ingest/names.ts';

describe('tableNameFromFile', () => {
  it('derives DuckDB-friendly names from the files academics have', () => {
    expect(tableNameFromFile('TIESv4-1.xls')).toBe('tiesv4_1');
    expect(tableNameFromFile('DCID_2.0_Release_update_February_2023.xlsx')).toBe(
      'dcid_2_0_release_update_february_2023',
    );
    expect(tableNameFromFile('COW country codes.csv')).toBe('cow_country_codes');
    expect(tableNameFromFile('/home/me/data/Données été.csv')).toBe('donnees_ete');
    expect(tableNameFromFile('2019 sanctions.csv')).toBe('t_2019_sanctions');
    expect(tableNameFromFile('.csv')).toBe('data');
  });
});

describe('cleanColumnNames', () => {
  it('trims, names blanks by position and suffixes duplicates without regard to case', () => {
    expect(cleanColumnNames(['Concession ', ' x', 'x', '', null, 'X', 'Crit Inf'])).toEqual([
      'Concession',
      'x',
      'x_2',
      'column4',
      'column5',
      'X_3',
      'Crit Inf',
    ]);
  });

  it('never renames a column onto a name that appears later as written', () => {
    expect(cleanColumnNames(['a', 'a', 'a_2'])).toEqual(['a', 'a_3', 'a_2']);
  });
});

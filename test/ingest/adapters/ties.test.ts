import * as XLSX from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NativeEngine } from '../../../src/engine/NativeEngine.ts';
import { loadFile } from '../../../src/ingest/index.ts';
import { bytes, createEngine, rows } from '../helpers.ts';

let engine: NativeEngine;
beforeAll(async () => {
  engine = await createEngine();
});
afterAll(async () => {
  await engine.close();
});

/** TIES's real column names; the rows are invented. */
const TIES_HEADER = [
  'caseid',
  'startmonth',
  'startday',
  'startyear',
  'sender1',
  'sender2',
  'sender3',
  'sender4',
  'sender5',
  'primarysender',
  'targetstate',
  'institution',
  'issue1',
  'issue2',
  'issue3',
  'threat',
  'sanctiontypethreat',
  'dsanctions',
  'carrots',
  'imposition',
  'sanctiontype',
  'implementationofdiplomaticsancti',
  'carrotsduringsanction',
  'targetcosts',
  'finaloutcome',
  'settlementnaturesender',
];
const TIES_ROWS = [
  [
    1990050301,
    5,
    3,
    1990,
    2,
    200,
    null,
    null,
    null,
    2,
    365,
    0,
    2,
    null,
    null,
    1,
    '3 5',
    null,
    null,
    1,
    '2 7',
    4,
    '3 0',
    3,
    7,
    -9,
  ],
  [
    1991010101,
    1,
    1,
    1991,
    710,
    null,
    null,
    null,
    null,
    710,
    713,
    1,
    15,
    8,
    null,
    1,
    1,
    2,
    null,
    0,
    null,
    null,
    0,
    null,
    3,
    4,
  ],
  [
    1992060101,
    6,
    null,
    1992,
    null,
    null,
    null,
    null,
    null,
    null,
    2,
    0,
    9,
    null,
    null,
    1,
    null,
    null,
    '1  3',
    0,
    null,
    null,
    null,
    null,
    null,
    null,
  ],
];

function tiesWorkbook(): Uint8Array {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([TIES_HEADER, ...TIES_ROWS]), 'TIES');
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'biff8' }) as ArrayBuffer);
}

describe('TIES adapter', () => {
  it('TIES: labelled outcome, success, stage, names, multi-code splits and a dictionary', async () => {
    const result = await loadFile(engine, {
      table: 'ties',
      fileName: 'TIESv4-1.xls',
      source: bytes(tiesWorkbook()),
    });
    expect(result.adapter).toEqual({
      id: 'ties-4.1',
      name: 'Threat and Imposition of Economic Sanctions (TIES)',
      citation: expect.stringContaining('Morgan, T. Clifton'),
    });
    expect(result.warnings.join('\n')).toContain('not a catalogued release');
    expect(result.tables.map((t) => [t.name, t.role])).toEqual([
      ['ties', 'raw'],
      ['ties_labelled', 'labelled'],
      ['ties_dictionary', 'dictionary'],
    ]);
    // The raw table is untouched: codes as written, "2 7" kept as text.
    expect(
      await rows(engine, 'SELECT sanctiontype, finaloutcome FROM ties ORDER BY caseid'),
    ).toEqual([
      { sanctiontype: '2 7', finaloutcome: 7 },
      { sanctiontype: null, finaloutcome: 3 },
      { sanctiontype: null, finaloutcome: null },
    ]);
    expect(
      await rows(
        engine,
        `SELECT finaloutcome_label, success, stage, CAST(start_date AS VARCHAR) AS start_date,
           primarysender_name, targetstate_name, senders, sender_names, multilateral,
           us_primary_sender, us_sender, institution_involved, issue_labels,
           sanctiontype_codes, sanctiontype_labels, sanction_termination_of_foreign_aid,
           sanctiontypethreat_labels, carrots_codes, carrots_offered, carrots_during_sanction,
           diplomatic_sanctions_implemented, targetcosts_label, settlement_sender
         FROM ties_labelled ORDER BY caseid`,
      ),
    ).toEqual([
      {
        finaloutcome_label: 'total acquiescence by target after imposition',
        success: true,
        stage: 'imposed',
        start_date: '1990-05-03',
        primarysender_name: 'United States',
        targetstate_name: 'Russia (Soviet Union)',
        senders: [2, 200],
        sender_names: ['United States', 'United Kingdom'],
        multilateral: true,
        us_primary_sender: true,
        us_sender: true,
        institution_involved: false,
        issue_labels: ['contain military behaviour'],
        sanctiontype_codes: [2, 7],
        sanctiontype_labels: ['partial economic embargo', 'termination of foreign aid'],
        sanction_termination_of_foreign_aid: true,
        sanctiontypethreat_labels: ['partial economic embargo', 'export restriction'],
        carrots_codes: null,
        carrots_offered: false,
        carrots_during_sanction: true,
        diplomatic_sanctions_implemented: true,
        targetcosts_label: 'high',
        settlement_sender: null,
      },
      {
        finaloutcome_label: 'sender capitulation in threat stage',
        success: false,
        stage: 'threat only',
        start_date: '1991-01-01',
        primarysender_name: 'China',
        targetstate_name: 'Taiwan',
        senders: [710],
        sender_names: ['China'],
        multilateral: false,
        us_primary_sender: false,
        us_sender: false,
        institution_involved: true,
        issue_labels: ['other', 'improve human rights'],
        sanctiontype_codes: null,
        sanctiontype_labels: null,
        sanction_termination_of_foreign_aid: null,
        sanctiontypethreat_labels: ['unspecified'],
        carrots_codes: null,
        carrots_offered: false,
        carrots_during_sanction: false,
        diplomatic_sanctions_implemented: false,
        targetcosts_label: null,
        settlement_sender: 4,
      },
      {
        finaloutcome_label: null,
        success: null,
        stage: 'threat only',
        start_date: null,
        primarysender_name: null,
        targetstate_name: 'United States',
        senders: [],
        sender_names: [],
        multilateral: false,
        us_primary_sender: null,
        us_sender: false,
        institution_involved: false,
        issue_labels: ['end weapons/materials proliferation'],
        sanctiontype_codes: null,
        sanctiontype_labels: null,
        sanction_termination_of_foreign_aid: null,
        sanctiontypethreat_labels: null,
        carrots_codes: [1, 3],
        carrots_offered: true,
        carrots_during_sanction: null,
        diplomatic_sanctions_implemented: false,
        targetcosts_label: null,
        settlement_sender: null,
      },
    ]);
    expect(
      await rows(
        engine,
        "SELECT value, label FROM ties_dictionary WHERE variable = 'finaloutcome' AND value IN ('1', '10')",
      ),
    ).toEqual([
      { value: '1', label: 'partial acquiescence by target to threat' },
      { value: '10', label: 'negotiated settlement after imposition' },
    ]);
    expect(
      await rows(engine, "SELECT description FROM ties_dictionary WHERE variable = 'success'"),
    ).toEqual([
      {
        description:
          'TRUE when the target complied (finaloutcome 1, 2, 5, 6, 7 or 10); NULL when finaloutcome is missing',
      },
    ]);
  });

  it('COW Diplomatic Exchange × TIES: representation in the last sample year before the start', async () => {
    const dipex = [
      '"ccode1","ccode2","year","DR_at_1","DR_at_2","DE","version"',
      '2,365,1985,3,3,1,2006.0999755859375',
      '365,2,1985,3,3,1,2006.0999755859375',
      '2,365,1990,2,3,1,2006.0999755859375',
      '365,2,1990,3,2,1,2006.0999755859375',
      '710,713,1990,0,0,0,2006.0999755859375',
      '713,710,1990,0,0,0,2006.0999755859375',
    ].join('\r\n');
    // Loaded after TIES: the helper appears with the second file, whichever order.
    const result = await loadFile(engine, {
      table: 'dipex',
      fileName: 'dipex.csv',
      source: bytes(dipex),
    });
    expect(result.adapter?.id).toBe('cow-diplomatic-exchange-2006.1');
    expect(result.tables.map((t) => [t.name, t.role])).toEqual([
      ['dipex', 'raw'],
      ['dipex_labelled', 'labelled'],
      ['dipex_dictionary', 'dictionary'],
      ['ties_diplomatic', 'helper'],
    ]);
    expect(
      await rows(
        engine,
        'SELECT DR_at_1_label, ccode2_name FROM dipex_labelled WHERE ccode1 = 2 AND year = 1990',
      ),
    ).toEqual([{ DR_at_1_label: 'minister', ccode2_name: 'Russia (Soviet Union)' }]);
    expect(
      await rows(
        engine,
        `SELECT caseid, sender, target, dipex_year, sender_rep_in_target_label, target_rep_in_sender_label,
           sender_embassy_in_target, target_embassy_in_sender, sender_mission_in_target, exchange
         FROM ties_diplomatic ORDER BY caseid`,
      ),
    ).toEqual([
      // 1990 episode, US → Russia: the 1990 sample (US ambassador in Moscow, Soviet minister in Washington).
      {
        caseid: 1990050301,
        sender: 2,
        target: 365,
        dipex_year: 1990,
        sender_rep_in_target_label: 'ambassador',
        target_rep_in_sender_label: 'minister',
        sender_embassy_in_target: true,
        target_embassy_in_sender: false,
        sender_mission_in_target: true,
        exchange: true,
      },
      // 1991 episode: the last sample at or before 1991 is 1990.
      {
        caseid: 1991010101,
        sender: 710,
        target: 713,
        dipex_year: 1990,
        sender_rep_in_target_label: 'none',
        target_rep_in_sender_label: 'none',
        sender_embassy_in_target: false,
        target_embassy_in_sender: false,
        sender_mission_in_target: false,
        exchange: false,
      },
      // No sender coded: nothing to look up.
      {
        caseid: 1992060101,
        sender: null,
        target: 2,
        dipex_year: null,
        sender_rep_in_target_label: null,
        target_rep_in_sender_label: null,
        sender_embassy_in_target: null,
        target_embassy_in_sender: null,
        sender_mission_in_target: null,
        exchange: null,
      },
    ]);
  });
});

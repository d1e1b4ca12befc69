import * as XLSX from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NativeEngine } from '../../src/engine/NativeEngine.ts';
import { loadFile } from '../../src/ingest/index.ts';
import { bytes, createEngine, rows } from './helpers.ts';

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

describe('known-dataset adapters', () => {
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

  it('DCID: the trailing-space header is trimmed and codes are labelled', async () => {
    const csv = [
      'Cyberincidentnum,Dyadpair,StateA,StateB,Name,method,targettype,initiator,cyber_objective,information_operation,objective_achievement,Concession ,3rdpartyinitiator,severity,damage type,Crit Inf,Supply Ch,Ransomware',
      '1,1001002,Atlantis,Borduria,Invented op one,4.2,3,2,2,1,0,1,0,4,2,13,0,1',
      '2,1001002,Atlantis,Borduria,Invented op two,3,1,365,4,0,1,0,1,5,4,17,1,0',
    ].join('\r\n');
    const result = await loadFile(engine, {
      table: 'dcid',
      fileName: 'dcid.csv',
      source: bytes(csv),
    });
    expect(result.adapter?.id).toBe('dcid-2.0-incidents');
    expect(result.tables[0].columns.map((c) => c.name)).toContain('Concession');
    expect(
      await rows(
        engine,
        `SELECT method_label, method_family, targettype_label, cyber_objective_label, damage_type_label,
           crit_inf_label, severity_label, initiator_name, information_operation_flag,
           objective_achieved, concession_made, supply_chain, ransomware_flag
         FROM dcid_labelled ORDER BY Cyberincidentnum`,
      ),
    ).toEqual([
      {
        method_label: 'network infiltration: virus',
        method_family: 'network infiltration',
        targettype_label: 'government military',
        cyber_objective_label: 'short-term espionage',
        damage_type_label: 'direct-delayed',
        crit_inf_label: 'information technology',
        severity_label: 'widespread intrusion',
        initiator_name: 'United States',
        information_operation_flag: true,
        objective_achieved: false,
        concession_made: true,
        supply_chain: false,
        ransomware_flag: true,
      },
      {
        method_label: 'network intrusion',
        method_family: 'network intrusion',
        targettype_label: 'private/non-state',
        cyber_objective_label: 'degrade',
        damage_type_label: 'indirect-delayed',
        crit_inf_label: null,
        severity_label: 'infiltration with attempted destruction',
        initiator_name: 'Russia (Soviet Union)',
        information_operation_flag: false,
        objective_achieved: true,
        concession_made: false,
        supply_chain: true,
        ransomware_flag: false,
      },
    ]);
  });

  it('GSDB: sanction-type flags, split lists, success apart from ongoing', async () => {
    const csv = [
      'case_id,sanctioned_state,sanctioning_state,begin,end,trade,descr_trade,arms,military,financial,travel,other,target_mult,sender_mult,objective,success',
      '1,Borduria,Syldavia,1990,1995,1,"exp_part, imp_compl",0,0,1,0,0,0,0,"democracy,human_rights","success_part,failed"',
      '2,Syldavia,Atlantis,2000,2003,0,,1,0,0,0,0,0,1,policy_change,nego_settlement',
      '3,Atlantis,Borduria,2019,2022,0,,0,0,0,1,0,0,0,"end_war,prevent_war","ongoing,ongoing"',
      '4,Elbonia,Atlantis,2001,2002,0,,0,1,0,0,0,0,0,terrorism,failed',
    ].join('\n');
    const result = await loadFile(engine, {
      table: 'gsdb',
      fileName: 'GSDB_V3.csv',
      source: bytes(csv),
    });
    expect(result.adapter?.id).toBe('gsdb-v3');
    expect(
      await rows(
        engine,
        `SELECT sanction_trade, sanction_financial, multiple_senders, trade_measures, export_partial,
           import_complete, objectives, objective_human_rights, success_codes, outcome, succeeded, ongoing
         FROM gsdb_labelled ORDER BY case_id`,
      ),
    ).toEqual([
      {
        sanction_trade: true,
        sanction_financial: true,
        multiple_senders: false,
        trade_measures: ['exp_part', 'imp_compl'],
        export_partial: true,
        import_complete: true,
        objectives: ['democracy', 'human_rights'],
        objective_human_rights: true,
        success_codes: ['success_part', 'failed'],
        outcome: 'success',
        succeeded: true,
        ongoing: false,
      },
      {
        sanction_trade: false,
        sanction_financial: false,
        multiple_senders: true,
        trade_measures: null,
        export_partial: false,
        import_complete: false,
        objectives: ['policy_change'],
        objective_human_rights: false,
        success_codes: ['nego_settlement'],
        outcome: 'negotiated settlement',
        succeeded: false,
        ongoing: false,
      },
      {
        sanction_trade: false,
        sanction_financial: false,
        multiple_senders: false,
        trade_measures: null,
        export_partial: false,
        import_complete: false,
        objectives: ['end_war', 'prevent_war'],
        objective_human_rights: false,
        success_codes: ['ongoing', 'ongoing'],
        outcome: 'ongoing',
        succeeded: null,
        ongoing: true,
      },
      {
        sanction_trade: false,
        sanction_financial: false,
        multiple_senders: false,
        trade_measures: null,
        export_partial: false,
        import_complete: false,
        objectives: ['terrorism'],
        objective_human_rights: false,
        success_codes: ['failed'],
        outcome: 'failed',
        succeeded: false,
        ongoing: false,
      },
    ]);
  });

  it('CFR: dates parsed with the unparseable ones counted, response split from its URL, lists', async () => {
    const csv = [
      'Title,Date,Affiliations,Description,Response,Victims,Sponsor,Type,Category,Sources_1,Sources_2,Sources_3',
      'Invented op A,1/20/2022,Group A,"Text, with comma",Denouncement   https://example.org/a?x=1,"Ministries, banks and hospitals","Palestine, State of",Espionage,Government,https://example.org/s,,',
      'Invented op B,sometime in 2019,Group B,Text,,Dissidents; journalists,"United States, Israel",Sabotage,"Government, Military",,,',
      'Invented op C,,Group C,Text,Confirmation,,,Doxing,Civil society,,,',
    ].join('\n');
    const result = await loadFile(engine, {
      table: 'cfr',
      fileName: 'cfr.csv',
      source: bytes(csv),
    });
    expect(result.adapter?.id).toBe('cfr-cyber-operations');
    expect(result.warnings).toContain(
      'CFR tracker: 1 date(s) could not be parsed; 1 row(s) have no date.',
    );
    expect(
      await rows(
        engine,
        `SELECT CAST(incident_date AS VARCHAR) AS d, year, response_type, response_url, sponsor_list AS sponsors, victim_list AS victims, category_list AS categories
         FROM cfr_labelled ORDER BY Title`,
      ),
    ).toEqual([
      {
        d: '2022-01-20',
        year: 2022,
        response_type: 'Denouncement',
        response_url: 'https://example.org/a?x=1',
        sponsors: ['Palestine, State of'],
        victims: ['Ministries', 'banks and hospitals'],
        categories: ['Government'],
      },
      {
        d: null,
        year: null,
        response_type: null,
        response_url: null,
        sponsors: ['United States', 'Israel'],
        victims: ['Dissidents', 'journalists'],
        categories: ['Government', 'Military'],
      },
      {
        d: null,
        year: null,
        response_type: 'Confirmation',
        response_url: null,
        sponsors: null,
        victims: null,
        categories: ['Civil society'],
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

  it('COW codes: recognised and labelled without changing the raw rows', async () => {
    const result = await loadFile(engine, {
      table: 'cow',
      fileName: 'states.csv',
      source: bytes(
        'StateAbb,CCode,StateNme\rATL,1001,Atlantis\rATL,1001,Atlantis\rBOR,1002,Borduria',
      ),
    });
    expect(result.adapter?.id).toBe('cow-states');
    expect(
      await rows(engine, 'SELECT StateAbb, spells FROM cow_labelled ORDER BY CCode, StateAbb'),
    ).toEqual([
      { StateAbb: 'ATL', spells: 2 },
      { StateAbb: 'ATL', spells: 2 },
      { StateAbb: 'BOR', spells: 1 },
    ]);
  });

  it('an adapter that fails never blocks the raw table', async () => {
    // A user table already holds the name the labelled view needs.
    await engine.exec('CREATE OR REPLACE TABLE gsdb2_labelled AS SELECT 1 AS mine');
    const csv =
      'case_id,sanctioned_state,sanctioning_state,trade,arms,military,financial,travel,objective,success\n1,A,B,1,0,0,0,0,democracy,failed\n';
    const result = await loadFile(engine, {
      table: 'gsdb2',
      fileName: 'g.csv',
      source: bytes(csv),
    });
    expect(result.tables.map((t) => t.name)).toEqual(['gsdb2']);
    expect(result.warnings.join('\n')).toMatch(
      /the labelled view could not be built .*gsdb2 is loaded as is/,
    );
    expect(await rows(engine, 'SELECT mine FROM gsdb2_labelled')).toEqual([{ mine: 1 }]);
    expect(await rows(engine, 'SELECT sanctioned_state FROM gsdb2')).toEqual([
      { sanctioned_state: 'A' },
    ]);
  });

  it('a file no adapter knows loads with generic types and no adapter', async () => {
    const result = await loadFile(engine, {
      table: 'plain',
      fileName: 'p.csv',
      source: bytes('a,b\n1,x\n'),
    });
    expect(result.adapter).toBeUndefined();
    expect(result.tables.map((t) => t.name)).toEqual(['plain']);
  });
});

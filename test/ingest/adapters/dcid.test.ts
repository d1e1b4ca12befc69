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

describe('DCID adapter', () => {
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
});

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

describe('GSDB adapter', () => {
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
});

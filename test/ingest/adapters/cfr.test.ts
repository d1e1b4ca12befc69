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

describe('CFR adapter', () => {
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
});

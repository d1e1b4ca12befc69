/**
 * Integration tests on the real files in ../shared/datasets (never copied into the repo).
 * Expected counts and hashes come from that folder's README; labelled values are checked
 * against the codebook facts listed there or against the raw cells themselves.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NativeEngine } from '../../src/engine/NativeEngine.ts';
import { loadFile, type LoadResult } from '../../src/ingest/index.ts';
import { createEngine, datasetsDir, hasDatasets, rows } from './helpers.ts';

if (!hasDatasets) {
  console.warn(`[ingest] ${datasetsDir} is absent: skipping the real-dataset integration tests.`);
}

/** sha256 per file name, read from the datasets README's table. */
function readmeHashes(): Map<string, string> {
  const text = readFileSync(resolve(datasetsDir, 'README.md'), 'utf8');
  const hashes = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^\| (\S+) \|.*\| ([0-9a-f]{64}) \|$/.exec(line);
    if (m) hashes.set(m[1], m[2]);
  }
  return hashes;
}

describe.skipIf(!hasDatasets)('real datasets (../shared/datasets)', () => {
  let engine: NativeEngine;
  let hashes: Map<string, string>;
  const results = new Map<string, LoadResult>();
  const timings: string[] = [];

  async function load(table: string, fileName: string): Promise<LoadResult> {
    const started = performance.now();
    const result = await loadFile(engine, {
      table,
      fileName,
      source: { kind: 'path', path: resolve(datasetsDir, fileName) },
    });
    timings.push(`${fileName}: ${(performance.now() - started).toFixed(0)} ms`);
    results.set(fileName, result);
    return result;
  }

  beforeAll(async () => {
    engine = await createEngine();
    hashes = readmeHashes();
  });
  afterAll(async () => {
    console.log(`[ingest] native DuckDB load times:\n  ${timings.join('\n  ')}`);
    await engine.close();
  });

  it('TIES v4.1: 1,412 × 66, catalogued release, labels, success and split multi-code cells', async () => {
    const r = await load('ties', 'TIESv4-1.xls');
    expect(r.sha256).toBe(hashes.get('TIESv4-1.xls'));
    expect(r.adapter).toMatchObject({ id: 'ties-4.1', version: '4.1' });
    expect(r.tables[0]).toMatchObject({ name: 'ties', rows: 1412, sheet: 'TIESv4.1.raw' });
    expect(r.tables[0].columns).toHaveLength(66);
    expect(r.warnings).toEqual([]);

    // Labels and success follow the codebook, row by row.
    const outcomes = await rows(
      engine,
      'SELECT DISTINCT finaloutcome, finaloutcome_label, success FROM ties_labelled ORDER BY finaloutcome',
    );
    expect(outcomes.find((o) => o.finaloutcome === 7)).toEqual({
      finaloutcome: 7,
      finaloutcome_label: 'total acquiescence by target after imposition',
      success: true,
    });
    expect(outcomes.find((o) => o.finaloutcome === 8)?.success).toBe(false);
    expect(outcomes.find((o) => o.finaloutcome === null)).toEqual({
      finaloutcome: null,
      finaloutcome_label: null,
      success: null,
    });
    expect(outcomes.filter((o) => o.success === true).map((o) => o.finaloutcome)).toEqual([
      1, 2, 5, 6, 7, 10,
    ]);

    // Every multi-code cell ("2 7") splits into exactly the numbers written in it.
    const split = await rows(
      engine,
      'SELECT sanctiontype, sanctiontype_codes FROM ties_labelled WHERE sanctiontype IS NOT NULL',
    );
    const multi = split.filter((s) => /\s/.test(String(s.sanctiontype).trim()));
    expect(multi.length).toBeGreaterThan(100);
    for (const s of split) {
      expect(s.sanctiontype_codes).toEqual(String(s.sanctiontype).trim().split(/\s+/).map(Number));
    }

    // Sender names: every code is named except 1000, which is not a COW state code.
    const unnamed = await rows(
      engine,
      `SELECT DISTINCT code FROM (
         SELECT unnest(senders) AS code, unnest(sender_names) AS name FROM ties_labelled
         UNION ALL SELECT targetstate, targetstate_name FROM ties_labelled)
       WHERE CAST(code AS VARCHAR) = name OR name IS NULL`,
    );
    expect(unnamed).toEqual([{ code: 1000 }]);
    const us = await rows(
      engine,
      'SELECT count(*) FILTER (WHERE us_primary_sender) AS us, count(*) FILTER (WHERE primarysender = 2) AS coded FROM ties_labelled',
    );
    expect(us[0].us).toBe(us[0].coded);
  });

  it('TIES v4.0: recognised as the 4.0 release by its hash', async () => {
    const r = await load('ties40', 'TIESv4.xls');
    expect(r.sha256).toBe(hashes.get('TIESv4.xls'));
    expect(r.adapter).toMatchObject({ id: 'ties-4.0', version: '4.0' });
    expect(r.tables[0].rows).toBe(1412);
  });

  it('DCID 2.0: incidents 429 × 29 with the "Concession " header trimmed; campaigns sheet', async () => {
    const file = 'DCID_2.0_Release_update_February_2023.xlsx';
    const r = await load('dcid', file);
    expect(r.sha256).toBe(hashes.get(file));
    expect(r.adapter?.id).toBe('dcid-2.0-incidents');
    expect(r.tables[0]).toMatchObject({ name: 'dcid', rows: 429 });
    expect(r.tables[0].columns).toHaveLength(29);
    const names = r.tables[0].columns.map((c) => c.name);
    expect(names).toContain('Concession');
    expect(names).not.toContain('Concession ');
    expect(r.tables[0].columns.find((c) => c.name === 'interactionstartdate')?.type).toBe('DATE');

    // The README's 1,233 × 42 counts 371 empty rows and one empty, header-less column that
    // the sheet's used range includes; the loader skips them and says so.
    const campaigns = r.tables.find((t) => t.role === 'raw' && t.name !== 'dcid');
    expect(campaigns).toMatchObject({ rows: 862, sheet: 'DCID_2.0_Release_update_Februar' });
    expect(campaigns?.columns).toHaveLength(41);
    expect(r.warnings).toContain(
      'Sheet "DCID_2.0_Release_update_Februar": 371 empty row(s) skipped.',
    );
    expect(r.warnings).toContain(
      'Sheet "DCID_2.0_Release_update_Februar": 1 empty column(s) without a header at the right edge skipped.',
    );
    expect(r.tables.filter((t) => t.role === 'labelled')).toHaveLength(2);

    // Method labels as the README describes them: family from the integer part, tool from the
    // decimal.
    const family = [
      '',
      'vandalism (defacement)',
      'denial of service',
      'network intrusion',
      'network infiltration',
    ];
    const tool = ['', 'logic bomb/wiper', 'virus', 'worm', 'keystroke logging'];
    const methods = await rows(engine, 'SELECT DISTINCT method, method_label FROM dcid_labelled');
    expect(methods.length).toBeGreaterThan(5);
    for (const { method, method_label: label } of methods) {
      const whole = Math.floor(Number(method));
      const decimal = Math.round((Number(method) - whole) * 10);
      expect(label).toBe(decimal === 0 ? family[whole] : `${family[whole]}: ${tool[decimal]}`);
    }
    const booleans = await rows(
      engine,
      `SELECT count(concession_made) AS known, count(*) FILTER (WHERE concession_made) AS yes,
         count(*) FILTER (WHERE concession_made IS DISTINCT FROM ("Concession" = 1)) AS wrong
       FROM dcid_labelled`,
    );
    expect(booleans[0]).toMatchObject({ known: 429, wrong: 0 });
    expect(Number(booleans[0].yes)).toBeGreaterThan(0);
    const objective = await rows(
      engine,
      'SELECT DISTINCT cyber_objective, cyber_objective_label FROM dcid_labelled ORDER BY 1',
    );
    expect(objective).toEqual([
      { cyber_objective: 1, cyber_objective_label: 'disruption' },
      { cyber_objective: 2, cyber_objective_label: 'short-term espionage' },
      { cyber_objective: 3, cyber_objective_label: 'long-term espionage' },
      { cyber_objective: 4, cyber_objective_label: 'degrade' },
    ]);
  });

  it('COW country codes: CR-only line endings read as 243 rows of three fields', async () => {
    const r = await load('cow', 'COW-country-codes.csv');
    expect(r.sha256).toBe(hashes.get('COW-country-codes.csv'));
    expect(r.adapter?.id).toBe('cow-states');
    expect(r.tables[0]).toMatchObject({ rows: 243 });
    expect(r.tables[0].columns).toEqual([
      { name: 'StateAbb', type: 'VARCHAR' },
      { name: 'CCode', type: 'BIGINT' },
      { name: 'StateNme', type: 'VARCHAR' },
    ]);
    const stray = await rows(
      engine,
      "SELECT count(*) AS n FROM cow WHERE StateNme LIKE '%' || chr(13) || '%' OR StateAbb IS NULL",
    );
    expect(stray).toEqual([{ n: 0 }]);
    expect(await rows(engine, 'SELECT StateNme FROM cow WHERE CCode = 2 LIMIT 1')).toEqual([
      { StateNme: 'United States of America' },
    ]);
  });

  it('Diplomatic Exchange 2006v1: 310,820 × 7, labelled levels, and the TIES embassy helper', async () => {
    const r = await load('dipex', 'Diplomatic_Exchange_2006v1.csv');
    expect(r.sha256).toBe(hashes.get('Diplomatic_Exchange_2006v1.csv'));
    expect(r.adapter).toMatchObject({ id: 'cow-diplomatic-exchange-2006.1', version: '2006.1' });
    expect(r.tables[0]).toMatchObject({ rows: 310_820 });
    expect(r.tables[0].columns).toHaveLength(7);
    expect(r.tables.filter((t) => t.role === 'helper').map((t) => [t.name, t.rows])).toEqual([
      ['ties_diplomatic', 1412],
      ['ties40_diplomatic', 1412],
    ]);
    const levels = await rows(
      engine,
      'SELECT DISTINCT DR_at_1, DR_at_1_label FROM dipex_labelled ORDER BY DR_at_1',
    );
    expect(levels).toEqual([
      { DR_at_1: 0, DR_at_1_label: 'none' },
      { DR_at_1: 1, DR_at_1_label: "chargé d'affaires" },
      { DR_at_1: 2, DR_at_1_label: 'minister' },
      { DR_at_1: 3, DR_at_1_label: 'ambassador' },
      { DR_at_1: 9, DR_at_1_label: 'other' },
    ]);
    // The helper picks the last sample year at or before the start, never a later one, and
    // reports the sender's representation from the directed row (sender, target).
    const check = await rows(
      engine,
      `SELECT count(*) AS n,
         count(*) FILTER (WHERE h.dipex_year > h.startyear) AS later,
         count(*) FILTER (WHERE h.dipex_year IS NOT NULL AND h.sender_rep_in_target IS DISTINCT FROM d.DR_at_2) AS mismatched,
         count(*) FILTER (WHERE h.dipex_year IS NOT NULL AND EXISTS (
           SELECT 1 FROM dipex x WHERE x.ccode1 = h.sender AND x.ccode2 = h.target
             AND x.year > h.dipex_year AND x.year <= h.startyear)) AS skipped_newer,
         count(*) FILTER (WHERE h.sender_embassy_in_target) AS embassies
       FROM ties_diplomatic h
       LEFT JOIN dipex d ON d.ccode1 = h.sender AND d.ccode2 = h.target AND d.year = h.dipex_year`,
    );
    expect(check[0]).toMatchObject({ n: 1412, later: 0, mismatched: 0, skipped_newer: 0 });
    expect(Number(check[0].embassies)).toBeGreaterThan(100);
  });

  it('GSDB V3: 1,325 × 16, flags and outcome lists', async () => {
    const r = await load('gsdb', 'GSDB_V3.csv');
    expect(r.sha256).toBe(hashes.get('GSDB_V3.csv'));
    expect(r.adapter?.id).toBe('gsdb-v3');
    expect(r.tables[0]).toMatchObject({ rows: 1325 });
    expect(r.tables[0].columns).toHaveLength(16);
    const check = await rows(
      engine,
      `SELECT
         count(*) FILTER (WHERE succeeded IS DISTINCT FROM (CASE
           WHEN success LIKE '%success_total%' OR success LIKE '%success_part%' THEN TRUE
           WHEN success LIKE '%failed%' OR success LIKE '%nego_settlement%' THEN FALSE END)) AS wrong,
         count(*) FILTER (WHERE outcome = 'ongoing') AS ongoing_only,
         count(*) FILTER (WHERE succeeded IS NULL) AS undecided,
         count(*) FILTER (WHERE sanction_trade IS DISTINCT FROM (trade = 1)) AS wrong_flags,
         count(*) FILTER (WHERE len(objectives) <> len(string_split(objective, ','))) AS wrong_split
       FROM gsdb_labelled`,
    );
    expect(check[0]).toMatchObject({ wrong: 0, wrong_flags: 0, wrong_split: 0 });
    expect(check[0].ongoing_only).toBe(check[0].undecided);
  });

  it('CFR tracker: 768 × 12, dates parsed and counted, response type split from its URL', async () => {
    const file = 'cfr_cyber_operations_incidents_2005-2022.csv';
    const r = await load('cfr', file);
    expect(r.sha256).toBe(hashes.get(file));
    expect(r.adapter?.id).toBe('cfr-cyber-operations');
    expect(r.tables[0]).toMatchObject({ rows: 768 });
    expect(r.tables[0].columns).toHaveLength(12);
    expect(
      r.warnings.some((w) => /date\(s\) could not be parsed; \d+ row\(s\) have no date/.test(w)),
    ).toBe(true);
    const responses = await rows(
      engine,
      `SELECT count(*) FILTER (WHERE response_type LIKE '%http%') AS urls_left,
         count(*) FILTER (WHERE Response LIKE '%http%' AND response_url IS NULL) AS urls_lost,
         count(*) FILTER (WHERE response_type = 'Denouncement') AS denouncements
       FROM cfr_labelled`,
    );
    expect(responses[0]).toMatchObject({ urls_left: 0, urls_lost: 0 });
    expect(Number(responses[0].denouncements)).toBeGreaterThan(0);
    const multi = await rows(
      engine,
      "SELECT count(*) AS n FROM cfr_labelled WHERE Sponsor LIKE '%,%' AND len(sponsor_list) < 2 AND Sponsor NOT LIKE '%, State of%'",
    );
    expect(multi).toEqual([{ n: 0 }]);
  });
});

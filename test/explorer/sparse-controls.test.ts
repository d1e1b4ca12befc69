/**
 * A control with many levels, most of them a row or two (an initiator country, a dyad), makes
 * the logit separate. The explorer names that control in one sentence, and "group rare levels"
 * writes the grouping into its sql cell, after which the model fits without separation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Row } from '../../src/engine/Engine.ts';
import { NativeEngine } from '../../src/engine/NativeEngine.ts';
import { createTableFromRows } from '../../src/engine/tables.ts';
import { planExplorer, type ExplorerChoices } from '../../src/explorer/plan.ts';
import { previewExplorer, RARE_LEVEL_ROWS } from '../../src/explorer/preview.ts';

let engine: NativeEngine;
const COLUMNS = [
  { name: 'won', type: 'BOOLEAN' },
  { name: 'engaged', type: 'BOOLEAN' },
  { name: 'initiator', type: 'VARCHAR' },
  { name: 'region', type: 'VARCHAR' },
];

/** 300 rows: four common initiators, then 60 that appear once or twice. */
function rows(): Row[] {
  return Array.from({ length: 300 }, (_, i) => ({
    won: (i * 7919 + 13) % 17 < 8,
    engaged: i % 3 === 0,
    initiator: i < 200 ? `big${i % 4}` : `small${Math.floor((i - 200) / 1.7)}`,
    region: ['north', 'south', 'east'][i % 3],
  }));
}

beforeAll(async () => {
  engine = await NativeEngine.create();
  await createTableFromRows(engine, 'incidents', COLUMNS, rows());
});
afterAll(() => engine.close());

const choices: ExplorerChoices = {
  table: 'incidents',
  outcome: 'won',
  coding: { kind: 'binary' },
  engagement: 'engaged',
  controls: ['initiator', 'region'],
};

describe('a control with many sparse levels', () => {
  it('is named once, with its level counts, and not the few-level control', async () => {
    const plan = planExplorer(choices, { columns: COLUMNS, notebookText: '' });
    const preview = await previewExplorer(engine, plan);
    expect(preview.sparse).toHaveLength(1);
    const [sparse] = preview.sparse;
    expect(sparse.column).toBe('initiator');
    expect(sparse.levels).toBe(63);
    // Every single-row level is pure; so are some two-row ones.
    expect(sparse.pure).toBeGreaterThan(30);
    expect(preview.model.ok && preview.model.warnings.join(' ')).toMatch(/separation/);
  });

  it('groups rare levels in the sql cell, after which the logit fits without separation', async () => {
    const plan = planExplorer(
      { ...choices, collapse: { initiator: RARE_LEVEL_ROWS } },
      { columns: COLUMNS, notebookText: '' },
    );
    expect(plan.sql).toContain(
      `WHEN count(*) OVER (PARTITION BY "initiator") >= ${RARE_LEVEL_ROWS} THEN CAST("initiator" AS VARCHAR) ELSE 'other' END AS "initiator"`,
    );
    expect(plan.markdown).toContain('groups the levels of `initiator` with fewer than 10 rows');
    const preview = await previewExplorer(engine, plan);
    expect(preview.sparse).toEqual([]);
    if (!preview.model.ok) throw new Error(preview.model.error);
    const terms = preview.model.tables[''].rows.map((r) => r.term);
    expect(terms).toEqual([
      '(Intercept)',
      'engagedTRUE',
      'initiatorbig1',
      'initiatorbig2',
      'initiatorbig3',
      'initiatorother',
      'regionnorth',
      'regionsouth',
    ]);
    expect(preview.model.warnings.join(' ')).not.toMatch(/separation/);
  });
});

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

describe('adapter registry', () => {
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

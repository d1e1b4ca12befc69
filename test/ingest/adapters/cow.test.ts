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

describe('COW adapters', () => {
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
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeEngine } from '../../../src/engine/NativeEngine.ts';
import { runLogit } from '../../../src/stats/logit/run-logit.ts';
import { expectModelMatches, loadModelTables, MODELS } from './model-reference.ts';

let engine: NativeEngine;

beforeAll(async () => {
  engine = await NativeEngine.create();
  await loadModelTables(engine);
});
afterAll(async () => engine.close());

describe('logit options against R (sandwich 3.0.2, brglm2 0.9; test/fixtures/stats/models.R)', () => {
  for (const ref of MODELS.filter((m) => m.kind === 'logit' && m.cell.method !== 'firth')) {
    it(`${ref.name}: se ${ref.fit.se_type}${ref.cell.weights ? `, weights ${ref.cell.weights}` : ''}`, async () => {
      const result = await runLogit(engine, ref.cell);
      expectModelMatches(result.tables, ref, 1e-8);
    });
  }

  for (const ref of MODELS.filter((m) => m.cell.method === 'firth')) {
    it(`${ref.name}: Firth's penalised logit (brglmFit AS_mean)`, async () => {
      const result = await runLogit(engine, ref.cell);
      expectModelMatches(result.tables, ref, 1e-8);
      expect(result.tables._fit.rows[0].method).toBe('firth');
    });
  }
});

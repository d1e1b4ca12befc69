import { afterAll, beforeAll, describe, it } from 'vitest';
import { NativeEngine } from '../../../src/engine/NativeEngine.ts';
import { runProbit } from '../../../src/stats/logit/run-logit.ts';
import { expectModelMatches, loadModelTables, MODELS } from '../logit/model-reference.ts';

let engine: NativeEngine;

beforeAll(async () => {
  engine = await NativeEngine.create();
  await loadModelTables(engine);
});
afterAll(async () => engine.close());

describe('runProbit against R glm(family = binomial(link = "probit"))', () => {
  for (const ref of MODELS.filter((m) => m.kind === 'probit')) {
    it(`${ref.name}: se ${ref.fit.se_type}${ref.cell.weights ? `, weights ${ref.cell.weights}` : ''}`, async () => {
      const result = await runProbit(engine, ref.cell);
      expectModelMatches(result.tables, ref, 1e-8);
    });
  }
});

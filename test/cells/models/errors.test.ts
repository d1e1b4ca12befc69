/**
 * What a models cell says when its table cannot be made: a likelihood-ratio test between
 * models fitted on different rows or not nested (naming the first difference), a name that
 * is no cell or no model, and a model cell that failed.
 */
import { describe, expect, it } from 'vitest';
import { parseNotebook } from '../../../src/notebook/parse.ts';
import { fence, MODEL_CELLS, runModels } from './run-notebook.ts';

async function tableError(...cells: string[]) {
  const run = await runModels(cells.join('\n'));
  return run.cell('table');
}

const lrTable = (models: string) => fence('models table', `models: [${models}]`, 'compare: lr');

describe('models cell errors', () => {
  it('refuses a likelihood-ratio test on different rows, saying how many each model used', async () => {
    const state = await tableError(
      MODEL_CELLS[0],
      fence('logit gaps', 'from: d', 'formula: y ~ x1 + gappy'),
      lrTable('m1, gaps'),
    );
    expect(state.status).toBe('error');
    expect(state.error?.message).toContain('compare: lr cannot test gaps against m1');
    expect(state.error?.message).toContain('fitted on different rows: m1 on 600, gaps on 575');
  });

  it('refuses models that are not nested, naming the term the larger one lacks', async () => {
    const state = await tableError(
      fence('logit a', 'from: d', 'formula: y ~ x1 + x2'),
      fence('logit b', 'from: d', 'formula: y ~ x1 + flag'),
      lrTable('a, b'),
    );
    expect(state.error?.message).toBe(
      'compare: lr cannot test b against a: the models are not nested: a\'s term "x2" is not in b',
    );
  });

  it('refuses to test a probit against a logit', async () => {
    const state = await tableError(
      MODEL_CELLS[0],
      fence('probit p', 'from: d', 'formula: y ~ x1 + x2'),
      lrTable('m1, p'),
    );
    expect(state.error?.message).toBe(
      'compare: lr cannot test p against m1: m1 is a logit model, p a probit one',
    );
  });

  it('refuses models of different outcomes', async () => {
    const state = await tableError(
      MODEL_CELLS[0],
      fence('logit other', 'from: d', 'formula: flag ~ x1 + x2'),
      lrTable('m1, other'),
    );
    expect(state.error?.message).toContain('m1 models "y", other models "flag"');
  });

  it('still tabulates non-nested models when no test is asked for', async () => {
    const run = await runModels(
      [
        fence('logit a', 'from: d', 'formula: y ~ x1 + x2'),
        fence('logit b', 'from: d', 'formula: y ~ x1 + flag'),
        fence('models table', 'models: [a, b]'),
      ].join('\n'),
    );
    expect(run.cell('table').status).toBe('ok');
    expect(Object.keys((run.results.table_fit as object[])[0])).not.toContain('lr_statistic');
  });

  it('finds a model cell whatever the case its name is written in, as DuckDB does', async () => {
    const run = await runModels([...MODEL_CELLS.slice(0, 2), lrTable('M1, m2')].join('\n'));
    expect(run.cell('table').status).toBe('ok');
    expect((run.results.table_fit as { lr_df: number }[])[1].lr_df).toBe(3);
  });

  it('says a name is no cell, or not a model', async () => {
    const unknown = await tableError(MODEL_CELLS[0], fence('models table', 'models: [m1, m9]'));
    expect(unknown.error?.message).toBe(
      'models: "m9" names no cell in this notebook; list model cells by name',
    );
    const notModel = await tableError(
      fence('sql m1', 'SELECT 1 AS term'),
      fence('models table', 'models: [m1]'),
    );
    expect(notModel.error?.message).toBe(
      'models: "m1" is a sql cell, not a model: list logit, probit or ologit cells',
    );
  });

  it('is not run when a model cell failed, and says which', async () => {
    const run = await runModels(
      [
        MODEL_CELLS[0],
        fence('logit broken', 'from: d', 'formula: y ~ nonesuch'),
        lrTable('m1, broken'),
      ].join('\n'),
    );
    expect(run.cell('broken').status).toBe('error');
    expect(run.cell('table')).toMatchObject({ status: 'stale', blockedBy: 'broken' });
  });

  it('checks its keys where they are written', async () => {
    const errors = (body: string[]) =>
      parseNotebook(fence('models table', ...body)).errors.map((e) => `${e.line}: ${e.message}`);
    expect(errors(['models: [m1, m1]'])).toEqual(['1: models lists "m1" twice in models cell']);
    expect(errors(['models: [m1]', 'show: [estimate, t]'])).toEqual([
      '1: show: "t" is not one of estimate, odds_ratio, std_error, conf_int, p_value, z in models cell',
    ]);
    expect(errors(['models: [m1, m2]', 'labels: {m3: Third}'])).toEqual([
      '1: labels names "m3", which is not in models in models cell',
    ]);
    expect(errors(['models: [m1, m2]', 'stars: [5]'])).toHaveLength(1);
    expect(errors(['models: [m1, m2]', 'compare: wald'])[0]).toContain('compare must be lr');
    expect(errors(['models: [m1]', 'compare: lr'])[0]).toContain('at least two models');
    expect(errors(['models: [m1, m2]', 'show: [odds_ratio, conf_int]', 'stars: []'])).toEqual([]);
    // What "Add cell" writes parses.
    const { modelsCell } = await import('../../../src/cells/models/index.ts');
    expect(errors(modelsCell.template(undefined).split('\n'))).toEqual([]);
  });
});

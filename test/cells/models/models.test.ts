/**
 * The `models` cell against R (models-table.R): three nested logits side by side, their
 * estimates, logLik, AIC and BIC, and anova(m1, m2, m3, test = "Chisq"), to 1e-8 relative.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Row } from '../../../src/engine/Engine.ts';
import { expectRelative, readJson } from '../../stats/helpers.ts';
import { fence, MODEL_CELLS, runModels, type ModelsRun } from './run-notebook.ts';

interface RModel {
  name: string;
  n: number;
  log_likelihood: number;
  aic: number;
  bic: number;
  terms: { term: string; estimate: number; std_error: number; p_value: number }[];
}
const reference = readJson<{
  models: RModel[];
  anova: { df: number | null; deviance: number | null; p_value: number | null }[];
}>('models-table.json');

const TABLE = fence(
  'models table',
  'models: [m1, m2, m3]',
  'labels: {m1: Baseline, m2: "+ controls"}',
  'show: [estimate, std_error, conf_int]',
  'compare: lr',
);

let run: ModelsRun;
beforeAll(async () => {
  run = await runModels([...MODEL_CELLS, TABLE].join('\n'));
}, 60_000);

const rows = (table: string) => run.results[table] as Row[];

describe('a models cell over three nested logits', () => {
  it('runs after the model cells it reads, which the graph knows from its models', async () => {
    expect(run.cell('table').status).toBe('ok');
    const { buildGraph } = await import('../../../src/notebook/graph.ts');
    const { cellsOf, parseNotebook } = await import('../../../src/notebook/parse.ts');
    const graph = buildGraph(cellsOf(parseNotebook([...MODEL_CELLS, TABLE].join('\n')).notebook));
    expect(graph.upstream.get('table')?.sort()).toEqual(['m1', 'm2', 'm3']);
  });

  it('lists every model’s terms with R’s estimates, standard errors and p-values', () => {
    const long = rows('table');
    expect(long.map((r) => `${String(r.model)}:${String(r.term)}`)).toEqual(
      reference.models.flatMap((m) => m.terms.map((t) => `${m.name}:${t.term}`)),
    );
    for (const m of reference.models) {
      for (const t of m.terms) {
        const row = long.find((r) => r.model === m.name && r.term === t.term)!;
        for (const key of ['estimate', 'std_error', 'p_value'] as const) {
          expectRelative(row[key], t[key], 1e-8, `${m.name} ${t.term} ${key}`);
        }
        expect(typeof row.conf_low, 'show: conf_int adds the interval').toBe('number');
      }
    }
  });

  it('gives each model R’s n, logLik, AIC and BIC', () => {
    const fit = rows('table_fit');
    expect(fit.map((f) => f.model)).toEqual(['m1', 'm2', 'm3']);
    for (const [i, m] of reference.models.entries()) {
      expect(fit[i].n).toBe(m.n);
      for (const key of ['log_likelihood', 'aic', 'bic'] as const) {
        expectRelative(fit[i][key], m[key], 1e-8, `${m.name} ${key}`);
      }
      expect(fit[i].se_type).toBe('model');
      expect(fit[i].clusters).toBeNull();
    }
  });

  it('tests each model against the previous one as anova(…, test = "Chisq")', () => {
    const fit = rows('table_fit');
    expect(fit[0]).toMatchObject({ lr_statistic: null, lr_df: null, lr_p_value: null });
    for (const i of [1, 2]) {
      const r = reference.anova[i];
      expect(fit[i].lr_df).toBe(r.df);
      expectRelative(fit[i].lr_statistic, r.deviance, 1e-8, `LR statistic ${i}`);
      expectRelative(fit[i].lr_p_value, r.p_value, 1e-8, `LR p ${i}`);
    }
  });

  it('lays the table out as papers print it: estimates over standard errors, fit below', async () => {
    const { tableOfOutputs } = await import('../../../src/cells/models/index.ts');
    const state = run.cell('table');
    const spec = {
      models: ['m1', 'm2', 'm3'],
      labels: { m1: 'Baseline', m2: '+ controls' },
      show: ['estimate', 'std_error', 'conf_int'],
      compare: 'lr',
    };
    const table = tableOfOutputs(
      spec,
      (s) => state.outputs.find((o) => o.table === `table${s}`)?.result,
    )!;
    expect(table.columns).toEqual(['Baseline', '+ controls', 'm3']);
    const x1 = table.terms.findIndex((r) => r.term === 'x1');
    const m1x1 = reference.models[0].terms[1];
    expect(table.terms[x1].cells[0]).toEqual({ text: m1x1.estimate.toFixed(3), stars: '***' });
    expect(table.terms[x1 + 1].cells[0].text).toBe(`(${m1x1.std_error.toFixed(3)})`);
    expect(table.terms[x1 + 2].cells[0].text).toMatch(/^\[0\.\d{3}, 0\.\d{3}\]$/);
    // flagTRUE is only in m3: empty in the other columns.
    const flag = table.terms.find((r) => r.term === 'flagTRUE')!;
    expect(flag.cells.map((c) => c.text === '')).toEqual([true, true, false]);
    expect(table.fit.map((r) => r.label)).toEqual([
      'N',
      'Log-likelihood',
      'AIC',
      'BIC',
      'LR χ² vs. previous',
      'LR df',
      'LR p-value',
    ]);
    expect(table.fit[0].cells.map((c) => c.text)).toEqual(['600', '600', '600']);
    expect(table.notes[0]).toContain('* p < 0.05, ** p < 0.01, *** p < 0.001');
  });
});

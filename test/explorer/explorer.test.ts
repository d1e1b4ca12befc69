import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ColumnInfo, Row } from '../../src/engine/Engine.ts';
import { NativeEngine } from '../../src/engine/NativeEngine.ts';
import { createTableFromRows, describeTable, listTables } from '../../src/engine/tables.ts';
import { loadFile } from '../../src/ingest/index.ts';
import { CellError } from '../../src/shared/errors.ts';
import {
  appendToNotebook,
  planExplorer,
  readFilters,
  readFilterValue,
  type ExplorerChoices,
} from '../../src/explorer/plan.ts';
import {
  columnValues,
  likelyOutcome,
  previewExplorer,
  rateDifferences,
  SCRATCH_PREFIX,
  suggestCoding,
  type PreviewPart,
} from '../../src/explorer/preview.ts';
import { allocateAliases } from '../../src/explorer/names.ts';
import { cellsOf, parseNotebook } from '../../src/notebook/parse.ts';
import { Runner } from '../../src/notebook/Runner.ts';
import { Session } from '../../src/notebook/Session.ts';
import type { CellTables } from '../../src/shared/table-data.ts';
import { runCrosstab, runLogit, runRate } from '../../src/stats/index.ts';
import { runMargins } from '../../src/stats/margins/run-margins.ts';

const DEMO = 'data/demo-sanctions-synthetic.csv';

let engine: NativeEngine;
let columns: ColumnInfo[];

beforeAll(async () => {
  engine = await NativeEngine.create();
  await loadFile(engine, {
    table: 'episodes',
    fileName: 'demo-sanctions-synthetic.csv',
    source: { kind: 'path', path: DEMO },
  });
  columns = await describeTable(engine, 'episodes');
});

afterAll(() => engine.close());

function column(name: string): ColumnInfo {
  return columns.find((c) => c.name === name)!;
}

/** Parses and runs a notebook on the shared engine; every cell must run. */
async function runNotebook(text: string): Promise<{
  runner: Runner;
  results: Record<string, unknown>;
}> {
  const parsed = parseNotebook(text);
  expect(parsed.errors.map((e) => e.message)).toEqual([]);
  const runner = new Runner(engine, {
    resolveDataset: async () => undefined,
    datasetLocation: 'nowhere',
  });
  runner.setNotebook(parsed);
  await runner.run();
  const failed = [...runner.cells.values()].filter((c) => c.status !== 'ok');
  expect(failed.map((c) => `${c.label}: ${c.error?.message}`)).toEqual([]);
  return { runner, results: await runner.results('explorer.md') };
}

function ok(part: PreviewPart): CellTables {
  if (!part.ok) throw new Error(part.error);
  return part;
}

async function tiesChoices(): Promise<ExplorerChoices> {
  const { values } = await columnValues(engine, 'episodes', 'finaloutcome');
  return {
    table: 'episodes',
    outcome: 'finaloutcome',
    coding: suggestCoding(column('finaloutcome'), values),
    engagement: 'embassy_closed',
    controls: ['target_costs', 'target_regime'],
    filters: [{ column: 'us_primary_sender', op: '=', value: true }],
  };
}

describe('the engagement explorer writes cells', () => {
  it('codes TIES final outcomes 1, 2, 5, 6, 7 and 10 as success', async () => {
    const choices = await tiesChoices();
    expect(choices.coding).toEqual({ kind: 'values', success: [1, 2, 5, 6, 7, 10] });
    const { values } = await columnValues(engine, 'episodes', 'success');
    expect(suggestCoding(column('success'), values)).toEqual({ kind: 'binary' });
    const regions = await columnValues(engine, 'episodes', 'target_region');
    expect(suggestCoding(column('target_region'), regions.values)).toEqual({
      kind: 'values',
      success: [],
    });
  });

  it('that parse, run with the Runner and equal the statistics functions run directly', async () => {
    const plan = planExplorer(await tiesChoices(), {
      columns,
      notebookText: '# My analysis\n',
      tables: await listTables(engine),
    });
    const text = appendToNotebook('# My analysis\n', plan);
    expect(text.startsWith('# My analysis\n\n## ')).toBe(true);
    const cells = cellsOf(parseNotebook(text).notebook);
    expect(cells.map((c) => [c.kind, c.name])).toEqual([
      ['sql', 'embassy_closed_data'],
      ['rate', 'embassy_closed_rates'],
      ['chart', undefined],
      ['crosstab', 'embassy_closed_crosstab'],
      ['logit', 'embassy_closed_model'],
      ['chart', undefined],
      ['margins', 'embassy_closed_effects'],
    ]);
    expect(plan.logit).toMatchObject({
      formula: 'success ~ embassy_closed + target_costs + target_regime',
      predict: 'embassy_closed',
    });

    const { runner, results } = await runNotebook(text);
    const direct = {
      rates: await runRate(engine, plan.rate),
      crosstab: await runCrosstab(engine, plan.crosstab),
      model: await runLogit(engine, plan.logit),
    };
    expect(results[plan.names.rates]).toEqual(direct.rates.tables[''].rows);
    expect(results[plan.names.crosstab]).toEqual(direct.crosstab.tables[''].rows);
    expect(results[`${plan.names.crosstab}_test`]).toEqual(direct.crosstab.tables._test.rows);
    expect(results[plan.names.model]).toEqual(direct.model.tables[''].rows);
    expect(results[`${plan.names.model}_fit`]).toEqual(direct.model.tables._fit.rows);
    expect(results[`${plan.names.model}_predicted`]).toEqual(direct.model.tables._predicted.rows);
    expect(plan.margins).toEqual({ model: 'embassy_closed_model', variables: ['embassy_closed'] });
    const model = { name: plan.names.model, spec: plan.logit };
    const effects = await runMargins(engine, model, 'logit', plan.margins);
    expect(results[plan.names.effects]).toEqual(effects.tables[''].rows);
    // The effect of closing the embassy is the difference of the two predicted probabilities
    // shown above it (both average over the sample with every control as observed).
    const [effect] = results[plan.names.effects] as Row[];
    const predicted = results[`${plan.names.model}_predicted`] as Row[];
    const at = (level: boolean) =>
      Number(predicted.find((r) => r.embassy_closed === level)!.predicted);
    expect(effect).toMatchObject({ term: 'embassy_closed', contrast: 'TRUE - FALSE' });
    expect(Number(effect.estimate)).toBeCloseTo(at(true) - at(false), 12);
    expect(Number(effect.conf_low)).toBeLessThan(Number(effect.estimate));
    expect(Number(effect.conf_high)).toBeGreaterThan(Number(effect.estimate));

    // The coding agrees with the demo's own success column, and with the welcome notebook's
    // receipt: 105 US-led episodes with the embassy closed, 77 of them failures.
    const check = await engine.query(
      `SELECT embassy_closed, count(*) AS n, count_if(success) AS successes FROM episodes
       WHERE us_primary_sender GROUP BY ALL ORDER BY embassy_closed`,
    );
    const rates = results[plan.names.rates] as Row[];
    expect(rates.map((r) => [r.embassy_closed, r.n, r.successes])).toEqual(
      check.rows.map((r) => [r.embassy_closed, r.n, r.successes]),
    );
    expect(rates[1]).toMatchObject({ embassy_closed: true, n: 105, successes: 105 - 77 });
    const [difference] = rateDifferences(direct.rates.tables[''], 'embassy_closed');
    expect(difference.difference).toBeCloseTo(28 / 105 - 309 / 532, 12);

    const charts = [...runner.cells.values()].filter((c) => c.kind === 'chart');
    expect(charts.map((c) => c.chart?.rows.length)).toEqual([2, 2]);
  });

  it('and the live preview gives the same numbers, leaving no scratch table behind', async () => {
    const plan = planExplorer(await tiesChoices(), {
      columns,
      notebookText: '',
      tables: await listTables(engine),
    });
    const preview = await previewExplorer(engine, plan);
    const { results } = await runNotebook(appendToNotebook('', plan));
    expect(preview.rows).toBe(637);
    expect(ok(preview.rates).tables[''].rows).toEqual(results[plan.names.rates]);
    expect(ok(preview.crosstab).tables._test.rows).toEqual(results[`${plan.names.crosstab}_test`]);
    expect(ok(preview.model).tables[''].rows).toEqual(results[plan.names.model]);
    expect(ok(preview.model).tables._predicted.rows).toEqual(
      results[`${plan.names.model}_predicted`],
    );
    expect(ok(preview.effects).tables[''].rows).toEqual(results[plan.names.effects]);
    const tables = await engine.query('SELECT table_name FROM information_schema.tables');
    expect(tables.rows.filter((r) => String(r.table_name).startsWith(SCRATCH_PREFIX))).toEqual([]);
  });

  it('on a cell of the welcome notebook, reproducing its failure rates', async () => {
    const own = await NativeEngine.create();
    try {
      const session = new Session(own);
      await session.addFiles([
        new File([await readFile(DEMO)], 'demo-sanctions-synthetic.csv'),
        new File([await readFile('notebooks/welcome.md')], 'welcome.md'),
      ]);
      const plan = planExplorer(
        {
          table: 'us_episodes',
          outcome: 'failed',
          coding: { kind: 'binary' },
          engagement: 'embassy_closed',
          controls: ['target_costs'],
        },
        {
          columns: await describeTable(own, 'us_episodes'),
          notebookText: session.text,
          tables: await listTables(own),
        },
      );
      expect(plan.sql).toBe(
        'SELECT\n  "failed",\n  "embassy_closed",\n  "target_costs"\nFROM "us_episodes"',
      );
      await session.setText(appendToNotebook(session.text, plan));
      expect(session.runner.succeeded).toBe(true);
      const results = await session.results();
      expect(results[plan.names.rates]).toEqual(results.failure_by_embassy);
      const direct = await runLogit(own, {
        from: 'us_episodes',
        formula: 'failed ~ embassy_closed + target_costs',
        predict: 'embassy_closed',
      });
      expect(results[plan.names.model]).toEqual(direct.tables[''].rows);
      expect(results[`${plan.names.model}_predicted`]).toEqual(direct.tables._predicted.rows);
    } finally {
      await own.close();
    }
  });

  it('with names that clash with nothing in the notebook or the session', async () => {
    const existing = [
      '```sql embassy_closed_rates',
      'SELECT 1 AS x',
      '```',
      '',
      '```sql other',
      'SELECT 1 AS embassy_closed_2_model',
      '```',
    ].join('\n');
    const choices = await tiesChoices();
    const tables = [...(await listTables(engine)), 'embassy_closed_3_model_fit'];
    const first = planExplorer(choices, { columns, notebookText: existing, tables });
    // _2 is taken by a word the notebook's SQL uses, _3 by a table in the session.
    expect(first.names.sample).toBe('embassy_closed_4_data');
    const once = appendToNotebook(existing, first);
    const second = planExplorer(choices, { columns, notebookText: once, tables });
    expect(second.names.sample).toBe('embassy_closed_5_data');
    const twice = appendToNotebook(once, second);
    const names = cellsOf(parseNotebook(twice).notebook).map((c) => c.name ?? '');
    const named = names.filter((n) => n !== '');
    expect(new Set(named.map((n) => n.toLowerCase())).size).toBe(named.length);
    await runNotebook(twice);
  });

  it('refuses choices that cannot make a model', () => {
    const base: ExplorerChoices = {
      table: 'episodes',
      outcome: 'success',
      coding: { kind: 'binary' },
      engagement: 'embassy_closed',
    };
    const plan = (changes: Partial<ExplorerChoices>) => () =>
      planExplorer({ ...base, ...changes }, { columns, notebookText: '' });
    expect(plan({ engagement: 'success' })).toThrow(/different column/);
    expect(plan({ controls: ['success'] })).toThrow(/cannot also be a control/);
    expect(plan({ controls: ['no_such'] })).toThrow(CellError);
    expect(plan({ outcome: 'finaloutcome', coding: { kind: 'values', success: [] } })).toThrow(
      /count as success/,
    );
    expect(plan({ filters: [{ column: 'stage', op: 'in', value: [] }] })).toThrow(/at least one/);
  });

  it('reports an outcome that is not 0/1 in the preview, as the rate cell would', async () => {
    const plan = planExplorer(
      {
        table: 'episodes',
        outcome: 'finaloutcome',
        coding: { kind: 'binary' },
        engagement: 'embassy_closed',
      },
      { columns, notebookText: '' },
    );
    const preview = await previewExplorer(engine, plan);
    expect(preview.rates).toMatchObject({ ok: false });
    expect(!preview.rates.ok && preview.rates.error).toMatch(/must be boolean or 0\/1; found 2, 3/);
  });

  it('reads filters typed in a form, lists split at commas', () => {
    expect(
      readFilters(columns, [
        { column: 'target_region', op: 'in', text: 'Europe, Asia' },
        { column: 'start_year', op: '>=', text: '1970' },
        { column: 'sender', op: 'is null', text: 'ignored' },
        { column: '', op: '=', text: 'a row not filled in yet' },
      ]),
    ).toEqual([
      { column: 'target_region', op: 'in', value: ['Europe', 'Asia'] },
      { column: 'start_year', op: '>=', value: 1970 },
      { column: 'sender', op: 'is null' },
    ]);
    expect(likelyOutcome(columns)).toBe('success');
    expect(likelyOutcome([column('finaloutcome'), column('stage')])).toBe('finaloutcome');
  });

  it('reads typed filter values as the column type', () => {
    expect(readFilterValue(column('start_year'), ' 1970 ')).toBe(1970);
    expect(readFilterValue(column('embassy_closed'), 'TRUE')).toBe(true);
    expect(readFilterValue(column('target_region'), 'Europe')).toBe('Europe');
    expect(() => readFilterValue(column('start_year'), 'nineteen')).toThrow(/numeric/);
    expect(() => readFilterValue(column('embassy_closed'), 'yes')).toThrow(/true or false/);
  });
});

describe('hostile column names and values', () => {
  const TABLE = 'my table"; DROP TABLE episodes; --';
  const OUTCOME = `out"come'`;
  const ENGAGEMENT = 'emb"; DROP TABLE episodes; --';
  const CONTROL = 'cost `s`';
  const REGION = 'reg"ion\n```\n';
  const NASTY = "x'); DROP TABLE episodes; --\n```\n~~~";
  // Invented rows: outcome text coded by value, a boolean engagement, a numeric control.
  const rows: Row[] = Array.from({ length: 24 }, (_, i) => ({
    [OUTCOME]: ['yes', "it's partial", 'no'][i % 3],
    [ENGAGEMENT]: i % 5 < 2,
    [CONTROL]: (i * 7) % 5,
    [REGION]: [NASTY, 'Europe', '$from_year', 'Asia'][i % 4],
  }));

  it('stay quoted: the cells parse, run, and count what plain JavaScript counts', async () => {
    await createTableFromRows(
      engine,
      TABLE,
      [
        { name: OUTCOME, type: 'VARCHAR' },
        { name: ENGAGEMENT, type: 'BOOLEAN' },
        { name: CONTROL, type: 'DOUBLE' },
        { name: REGION, type: 'VARCHAR' },
      ],
      rows,
    );
    const plan = planExplorer(
      {
        table: TABLE,
        outcome: OUTCOME,
        coding: { kind: 'values', success: ['yes', "it's partial"] },
        engagement: ENGAGEMENT,
        controls: [CONTROL],
        filters: [{ column: REGION, op: 'not in', value: [NASTY, '$from_year'] }],
      },
      { columns: await describeTable(engine, TABLE), notebookText: '' },
    );
    expect(plan.sql).toContain('FROM "my table""; DROP TABLE episodes; --"');
    expect(plan.sql).toContain(`"emb""; DROP TABLE episodes; --" AS "emb_DROP_TABLE_episodes"`);
    expect(plan.sql).toContain(`'x''); DROP TABLE episodes; --\n\`\`\`\n~~~'`);
    for (const alias of [plan.columns.outcome, plan.columns.engagement, ...plan.columns.controls]) {
      expect(alias).toMatch(/^[A-Za-z][A-Za-z0-9_]*$/);
    }

    const text = appendToNotebook('', plan);
    expect(cellsOf(parseNotebook(text).notebook).map((c) => c.kind)).toEqual([
      'sql',
      'rate',
      'chart',
      'crosstab',
      'logit',
      'chart',
      'margins',
    ]);
    const { results } = await runNotebook(text);
    expect((await listTables(engine)).includes('episodes')).toBe(true);

    const kept = rows.filter((r) => r[REGION] === 'Europe' || r[REGION] === 'Asia');
    const expected = [false, true].map((level) => {
      const group = kept.filter((r) => r[ENGAGEMENT] === level);
      return {
        n: group.length,
        successes: group.filter((r) => r[OUTCOME] !== 'no').length,
      };
    });
    const rates = results[plan.names.rates] as Row[];
    expect(rates.map((r) => ({ n: r.n, successes: r.successes }))).toEqual(expected);
    const preview = await previewExplorer(engine, plan);
    expect(ok(preview.rates).tables[''].rows).toEqual(rates);
  });
});

describe('allocateAliases', () => {
  it('keeps plain names, and steps past result columns, R reserved words and clashes', () => {
    const { columns, outcome } = allocateAliases(['year', 'n', 'if', 'TRUE', 'a b', 'a_b'], 'rate');
    expect([...columns.values()]).toEqual(['year', 'n_2', 'if_2', 'TRUE_2', 'a_b', 'a_b_2']);
    expect(outcome).toBe('rate_2');
  });
});

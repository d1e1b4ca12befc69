import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replaceCellSource } from '../../src/notebook/edit.ts';
import { cellsOf, parseNotebook } from '../../src/notebook/parse.ts';
import type { Cell } from '../../src/notebook/types.ts';
import { parseFormula } from '../../src/stats/logit/formula.ts';
import {
  applyField,
  columnOptions,
  formFields,
  formatFormula,
  OUTCOME_KEY,
  PREDICTORS_KEY,
  type FieldValue,
} from '../../src/ui/cell-form.ts';
import { hasForm } from '../../src/ui/cells/registry.ts';

const WELCOME = readFileSync(join(import.meta.dirname, '../../notebooks/welcome.md'), 'utf8');

function cells(text: string): Cell[] {
  const parsed = parseNotebook(text);
  expect(parsed.errors).toEqual([]);
  return cellsOf(parsed.notebook);
}

const welcomeCells = cells(WELCOME);
const named = (name: string) => welcomeCells.find((c) => c.name === name)!;

function values(cell: Cell): Record<string, FieldValue> {
  if (!hasForm(cell.kind)) throw new Error(`${cell.kind} has no form`);
  const form = formFields(cell.kind, cell.source);
  expect(form.problem).toBeUndefined();
  return Object.fromEntries(form.fields.map((f) => [f.key, f.value]));
}

/** The cell's spec as the notebook parser reads it after `body` replaces its source. */
function reparsed(cell: Cell, body: string): Cell {
  const text = replaceCellSource(WELCOME, cell, body);
  return cells(text).find((c) => c.line === cell.line)!;
}

describe('reading a cell body into form fields', () => {
  it('offers forms for the four spec kinds only', () => {
    expect(['rate', 'crosstab', 'logit', 'chart'].every((k) => hasForm(k as Cell['kind']))).toBe(
      true,
    );
    expect(hasForm('sql') || hasForm('input') || hasForm('expect')).toBe(false);
  });

  it('reads the welcome rate cell as the parser does', () => {
    const rate = named('failure_by_embassy');
    expect(values(rate)).toEqual({
      from: 'us_episodes',
      outcome: 'failed',
      by: ['embassy_closed'],
      level: '',
    });
    const form = formFields('rate', rate.source);
    expect(form.from).toBe('us_episodes');
    expect(form.fields.find((f) => f.key === 'by')).toMatchObject({
      kind: 'columns',
      required: true,
    });
    expect(form.fields.find((f) => f.key === 'level')?.required).toBe(false);
  });

  it('splits the welcome logit formula into outcome and predictors', () => {
    const logit = named('failure_model');
    if (logit.kind !== 'logit') throw new Error('not a logit');
    const form = formFields('logit', logit.source);
    const parsed = parseFormula(logit.spec.formula);
    expect(values(logit)[OUTCOME_KEY]).toBe('failed');
    expect(values(logit)[PREDICTORS_KEY]).toEqual(parsed.predictors);
    expect(parsed.predictors).toHaveLength(6);
    const predict = form.fields.find((f) => f.key === 'predict')!;
    expect(predict.value).toBe('embassy_closed');
    expect(predict.options).toEqual(parsed.predictors);
  });

  it('reads both welcome charts, with the marks the chart spec allows', () => {
    const charts = welcomeCells.filter((c) => c.kind === 'chart');
    expect(charts).toHaveLength(2);
    const first = values(charts[0]);
    expect(first).toMatchObject({
      from: 'failure_by_embassy',
      mark: 'barY',
      x: 'embassy_closed',
      y: 'rate',
      fill: 'embassy_closed',
      ci: ['lower', 'upper'],
      fx: '',
    });
    const mark = formFields('chart', charts[1].source).fields.find((f) => f.key === 'mark')!;
    expect(mark.value).toBe('dot');
    expect(mark.options).toContain('barY');
    expect(mark.options).toContain('ruleY');
  });

  it('reports a body it cannot read instead of guessing', () => {
    expect(formFields('rate', 'from: [unclosed').problem).toMatch(/YAML view/);
    expect(formFields('logit', 'from: t\nformula: y ~ a * b').problem).toMatch(/YAML view/);
    expect(formFields('logit', 'from: t\nformula: y ~ a +').problem).toMatch(/at the end/);
  });

  it('lists the from table columns, keeping a current value that is not one of them', () => {
    const schema = { us_episodes: ['a', 'b'] };
    expect(columnOptions(schema, 'us_episodes', 'b')).toEqual(['a', 'b']);
    expect(columnOptions(schema, 'us_episodes', 'steelblue')).toEqual(['a', 'b', 'steelblue']);
    expect(columnOptions(schema, 'missing', ['x'])).toEqual(['x']);
  });
});

describe('writing a field back into the body', () => {
  it('changes the rate grouping and the parser reads the new value, other keys intact', () => {
    const rate = named('failure_by_embassy');
    const one = applyField(rate.source, 'by', ['target_region']);
    expect(one).toBe('from: us_episodes\noutcome: failed\nby: target_region');
    const two = reparsed(rate, applyField(rate.source, 'by', ['target_region', 'multilateral']));
    expect(two.kind === 'rate' && two.spec).toEqual({
      from: 'us_episodes',
      outcome: 'failed',
      by: ['target_region', 'multilateral'],
    });
  });

  it('keeps comments and untouched lines, and removes an optional key when emptied', () => {
    const body = [
      '# failures by group',
      'from: us_episodes   # the query above',
      'outcome: failed',
      'by:',
      '  - embassy_closed',
      '  - target_region',
      'level: 0.9  # narrower',
    ].join('\n');
    expect(applyField(body, 'by', ['multilateral'])).toBe(
      [
        '# failures by group',
        'from: us_episodes   # the query above',
        'outcome: failed',
        'by: multilateral',
        'level: 0.9  # narrower',
      ].join('\n'),
    );
    expect(applyField(body, 'from', 'episodes').split('\n')[1]).toBe(
      'from: episodes   # the query above',
    );
    expect(applyField(body, 'level', '0.99').split('\n').at(-1)).toBe('level: 0.99  # narrower');
    expect(applyField(body, 'level', '')).toBe(body.split('\n').slice(0, -1).join('\n'));
    // A required key cannot be emptied from the form.
    expect(applyField(body, 'by', [])).toBe(body);
    expect(applyField(body, 'outcome', '')).toBe(body);
  });

  it('adds a chart key, quotes values YAML would misread, and writes ci as a pair', () => {
    const chart = welcomeCells.filter((c) => c.kind === 'chart')[0];
    const faceted = applyField(chart.source, 'fx', 'target_region');
    expect(faceted).toBe(`${chart.source}\nfx: target_region`);
    const odd = applyField(faceted, 'fy', 'true');
    expect(odd.endsWith('\nfy: "true"')).toBe(true);
    const spec = reparsed(chart, applyField(odd, 'ci', ['lo', 'hi']));
    expect(spec.kind === 'chart' && spec.spec).toMatchObject({
      fx: 'target_region',
      fy: 'true',
      ci: ['lo', 'hi'],
      title: 'Failure rate of US-led sanctions by embassy closure',
    });
    expect(applyField(chart.source, 'fill', '')).not.toMatch(/fill/);
    expect(applyField(chart.source, 'mark', 'dot')).toBe(
      chart.source.replace('mark: barY', 'mark: dot'),
    );
  });

  it('writes the logit formula from outcome and predictors, backticking unusual names', () => {
    const logit = named('failure_model');
    const fewer = applyField(logit.source, PREDICTORS_KEY, ['target_costs', 'multilateral']);
    // predict named a predictor that is gone, so it goes too.
    expect(fewer).toBe('from: us_episodes\nformula: failed ~ target_costs + multilateral');
    const kept = applyField(logit.source, PREDICTORS_KEY, ['embassy_closed', 'Crit Inf', 'TRUE']);
    expect(kept).toContain('predict: embassy_closed');
    const back = reparsed(logit, kept);
    if (back.kind !== 'logit') throw new Error('not a logit');
    expect(back.spec.formula).toBe('failed ~ embassy_closed + `Crit Inf` + `TRUE`');
    expect(parseFormula(back.spec.formula)).toMatchObject({
      outcome: 'failed',
      predictors: ['embassy_closed', 'Crit Inf', 'TRUE'],
    });
    expect(values(back)[PREDICTORS_KEY]).toEqual(['embassy_closed', 'Crit Inf', 'TRUE']);

    const outcome = applyField(logit.source, OUTCOME_KEY, 'embassy_closed');
    expect(parseFormula(readFormula(outcome))).toMatchObject({
      outcome: 'embassy_closed',
      predictors: parseFormula(readFormula(logit.source)).predictors.filter(
        (p) => p !== 'embassy_closed',
      ),
    });
    expect(formatFormula('a b', [])).toBe('`a b` ~ 1');
    expect(parseFormula(formatFormula('y', ['back`tick', 'x\\y'])).predictors).toEqual([
      'back`tick',
      'x\\y',
    ]);
  });
});

function readFormula(body: string): string {
  const line = body.split('\n').find((l) => l.startsWith('formula:'))!;
  const text = line.slice('formula:'.length).trim();
  return text.startsWith('"') ? (JSON.parse(text) as string) : text;
}

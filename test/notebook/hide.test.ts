import { describe, expect, it } from 'vitest';
import { cellsOf, parseNotebook } from '../../src/notebook/parse.ts';

const parse = (text: string) => parseNotebook(text);

describe('the hide and show options', () => {
  it('reads hide: from a YAML body, out of the spec the kind checks and runs', () => {
    const { notebook, errors } = parse(
      ['```chart', 'hide: [code, report]', 'from: t', 'mark: barY', 'x: a', 'y: b', '```'].join(
        '\n',
      ),
    );
    expect(errors).toEqual([]);
    const [chart] = cellsOf(notebook);
    expect(chart.hide).toEqual(['code', 'report']);
    expect(chart.kind === 'chart' && chart.spec).not.toHaveProperty('hide');
  });

  it('takes one part without brackets, and an empty list shows everything', () => {
    const text = ['```chart', 'hide: slides', 'from: t', 'mark: barY', '```'].join('\n');
    expect(cellsOf(parse(text).notebook)[0].hide).toEqual(['slides']);
    const none = ['```chart', 'hide: []', 'from: t', 'mark: barY', '```'].join('\n');
    expect(cellsOf(parse(none).notebook)[0].hide).toEqual([]);
  });

  it('reads hide: and show: from the comment lines that open a sql cell, and runs the same query', () => {
    const text = ['```sql q', '-- hide: [code]', '--  show: rows', 'SELECT 1 AS x', '```'].join(
      '\n',
    );
    const [q] = cellsOf(parse(text).notebook);
    expect(q.hide).toEqual(['code']);
    expect(q.show).toEqual(['rows']);
    expect(q.source).toBe('-- hide: [code]\n--  show: rows\nSELECT 1 AS x');
  });

  it('ignores an option-like comment inside the query', () => {
    const text = ['```sql q', 'SELECT 1 AS x', '-- hide: [code]', '```'].join('\n');
    expect(cellsOf(parse(text).notebook)[0].hide).toBeUndefined();
  });

  it('reports an unknown part at its line', () => {
    const yaml = parse(['```chart', 'from: t', 'hide: [chart]', 'mark: barY', '```'].join('\n'));
    expect(yaml.errors.map((e) => [e.line, e.message])).toEqual([
      [3, '"hide" must list some of code, output, report, slides (such as hide: [code])'],
    ]);
    const sql = parse(['```sql q', '-- show: [everything]', 'SELECT 1', '```'].join('\n'));
    expect(sql.errors.map((e) => [e.line, e.message])).toEqual([
      [2, '"show" must list some of rows (such as show: [rows])'],
    ]);
  });

  it('takes the front matter hide: as the default of every cell without its own', () => {
    const text = [
      '---',
      'hide: [code]',
      '---',
      '```sql a',
      'SELECT 1 AS x',
      '```',
      '```sql b',
      '-- hide: [report]',
      'SELECT 2 AS x',
      '```',
      '```input c',
      'hide: []',
      'type: checkbox',
      'value: true',
      '```',
    ].join('\n');
    const { notebook, errors } = parse(text);
    expect(errors).toEqual([]);
    expect(cellsOf(notebook).map((c) => c.hide)).toEqual([['code'], ['report'], []]);
    const bad = parse(['---', 'hide: [everything]', '---', 'Text'].join('\n'));
    expect(bad.errors.map((e) => e.message)).toEqual([
      'Front matter: "hide" must list some of code, output, report, slides (such as hide: [code])',
    ]);
  });
});

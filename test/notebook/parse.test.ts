import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cellsOf, parseFrontMatter, parseNotebook } from '../../src/notebook/parse.ts';
import { buildGraph, cellKey } from '../../src/notebook/graph.ts';

const NOTEBOOK = `---
title: Diplomatic sanctions and sanction success
datasets:
  ties:
    file: TIESv4-1.xls
    sheet: 1
    sha256: 03F703
---

# Intro

Some prose with a code sample:

\`\`\`python
print("not a cell")
\`\`\`

\`\`\`sql episodes
SELECT *, finaloutcome IN (1, 2, 5, 6, 7, 10) AS success FROM ties WHERE startyear >= $from_year
\`\`\`

\`\`\`input from_year
type: range
min: 1945
max: 2005
value: 1970
\`\`\`

\`\`\`rate by_inst
from: episodes
outcome: success
by: [institution]
\`\`\`

\`\`\`chart
from: by_inst
mark: barY
x: institution
y: rate
ci: [lower, upper]
\`\`\`
`;

describe('parseNotebook', () => {
  it('reads front matter, datasets, cells and prose', () => {
    const { notebook, errors } = parseNotebook(NOTEBOOK);
    expect(errors).toEqual([]);
    expect(notebook.title).toBe('Diplomatic sanctions and sanction success');
    expect(notebook.datasets).toEqual([
      {
        name: 'ties',
        file: 'TIESv4-1.xls',
        sheet: 1,
        sha256: '03f703',
        encoding: undefined,
        line: 4,
      },
    ]);
    const cells = cellsOf(notebook);
    expect(cells.map((c) => [c.kind, c.name, c.line])).toEqual([
      ['sql', 'episodes', 18],
      ['input', 'from_year', 22],
      ['rate', 'by_inst', 29],
      ['chart', undefined, 35],
    ]);
    const prose = notebook.blocks.filter((b) => b.kind === 'markdown');
    expect(prose[0].kind === 'markdown' && prose[0].text).toContain('print("not a cell")');
  });

  it('orders cells by dependency, not by position', () => {
    const cells = cellsOf(parseNotebook(NOTEBOOK).notebook);
    const graph = buildGraph(cells);
    expect(graph.order).toEqual(['from_year', 'episodes', 'by_inst', '#3']);
    expect(graph.upstream.get('by_inst')).toEqual(['episodes']);
    expect(cells.map(cellKey)).toEqual(['episodes', 'from_year', 'by_inst', '#3']);
  });

  it('points at the line of an unknown key', () => {
    const text = NOTEBOOK.replace('outcome: success', 'outcom: success');
    const { errors } = parseNotebook(text);
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toMatch(/Unknown key "outcom" in rate cell/);
    expect(errors[0].line).toBe(31);
  });

  it('names a missing key', () => {
    const { errors } = parseNotebook(NOTEBOOK.replace('outcome: success\n', ''));
    expect(errors[0].message).toMatch(/missing required key outcome/);
    expect(errors[0].line).toBe(29);
  });

  it('points into broken YAML', () => {
    const { errors } = parseNotebook(NOTEBOOK.replace('by: [institution]', 'by: [institution'));
    expect(errors[0].message).toMatch(/Invalid YAML in the rate cell by_inst/);
    expect(errors[0].line).toBe(32);
  });

  it('reports broken front matter at its line', () => {
    const { errors } = parseNotebook(NOTEBOOK.replace('    sheet: 1', '   sheet: [1'));
    expect(errors[0].message).toMatch(/Invalid YAML in the front matter/);
    expect(errors[0].line).toBeGreaterThanOrEqual(5);
  });

  it('rejects duplicate names, including a clash with a dataset', () => {
    const text = NOTEBOOK.replace('sql episodes', 'sql ties');
    const { errors } = parseNotebook(text);
    expect(errors[0].message).toMatch(/"ties" is already used on line 4/);
    expect(errors[0].line).toBe(18);
  });

  it('detects dependency cycles', () => {
    const text = `\`\`\`sql a\nSELECT * FROM b\n\`\`\`\n\n\`\`\`sql b\nSELECT * FROM a\n\`\`\`\n`;
    const graph = buildGraph(cellsOf(parseNotebook(text).notebook));
    expect([...graph.cycles.keys()].sort()).toEqual(['a', 'b']);
    expect(graph.cycles.get('a')!.message).toMatch(/Dependency cycle/);
    expect(graph.cycles.get('b')!.line).toBe(5);
  });

  it('rejects an unknown chart mark and a bad input', () => {
    const { errors } = parseNotebook(
      NOTEBOOK.replace('mark: barY', 'mark: pie').replace('value: 1970', 'value: late'),
    );
    const messages = errors.map((e) => e.message).join('\n');
    expect(messages).toMatch(/unknown mark "pie"/);
    expect(messages).toMatch(/range input needs a numeric value/);
  });
});

describe('parseNotebook: YAML alias bombs (issue 14, finding 9)', () => {
  const bad = (name: string) => readFileSync(`test/fixtures/bad/${name}`, 'utf8');
  const lineOf = (text: string, needle: string) =>
    text.split('\n').findIndex((l) => l.includes(needle)) + 1;

  it('a bomb in one cell fails only that cell, at its line, and the other cells parse', () => {
    const text = bad('yaml-bomb.md');
    const { notebook, errors, cellErrors } = parseNotebook(text);
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toMatch(
      /^Invalid YAML in the chart cell boom: aliases \(\*a …\) repeat anchored values more than 100 times/,
    );
    expect(errors[0].line).toBe(lineOf(text, 'b: &b [*a'));
    const cells = cellsOf(notebook);
    expect(cells.map((c) => c.name)).toEqual(['before', 'boom', 'after']);
    expect([...cellErrors.keys()]).toEqual([1]);
  });

  it('a bomb in the front matter is a front-matter error with its line', () => {
    const text = bad('yaml-bomb-front-matter.md');
    const { notebook, errors } = parseNotebook(text);
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toMatch(/^Invalid YAML in the front matter: aliases \(\*a …\)/);
    expect(errors[0].line).toBe(lineOf(text, 'b: &b [*a'));
    expect(cellsOf(notebook).map((c) => c.name)).toEqual(['one']);
  });

  it('an alias to no anchor names it, on its line, instead of throwing', () => {
    const text = '```chart c\nfrom: t\nmark: barY\nx: *nowhere\n```\n';
    const { errors } = parseNotebook(text);
    expect(errors[0].message).toBe(
      'Invalid YAML in the chart cell c: the alias *nowhere names no anchor (&nowhere) set before it',
    );
    expect(errors[0].line).toBe(4);
  });

  it('a few aliases, as a person writes them, still work', () => {
    const text = '```chart c\nfrom: t\nmark: barY\nx: &col region\ny: n\nfill: *col\n```\n';
    const { notebook, errors } = parseNotebook(text);
    expect(errors).toEqual([]);
    const [cell] = cellsOf(notebook);
    expect(cell.kind === 'chart' && cell.spec.fill).toBe('region');
  });
});

describe('parseNotebook: a dataset entry’s missing codes', () => {
  const parsed = (yaml: string) =>
    parseNotebook(`---\ndatasets:\n  d:\n    file: d.csv\n    missing: ${yaml}\n---\n`);
  const missingOf = (yaml: string) => parsed(yaml).notebook.datasets[0]?.missing;

  it('takes a list for every column, codes per column, and [] to turn the tokens off', () => {
    expect(missingOf('[-9, -99]')).toEqual([-9, -99]);
    expect(missingOf("{intensity: [-9], start_date: ['']}")).toEqual({
      intensity: [-9],
      start_date: [''],
    });
    expect(missingOf('{intensity: -9}')).toEqual({ intensity: [-9] });
    expect(missingOf('[]')).toEqual([]);
    expect(
      parseNotebook('---\ndatasets:\n  d: d.csv\n---\n').notebook.datasets[0].missing,
    ).toBeUndefined();
  });

  it('refuses a code that is neither a number nor a text, at the entry’s line', () => {
    const list = parsed('[[1]]').errors;
    expect(list[0]?.message).toMatch(/missing must list numbers or texts/);
    expect(list[0]?.line).toBe(3);
    expect(parsed('true').errors[0]?.message).toMatch(/missing must be a list of codes/);
  });
});

describe('parseFrontMatter', () => {
  const bundled = readdirSync('notebooks').filter((f) => f.endsWith('.md'));

  it("gives parseNotebook's title and datasets for every bundled notebook", () => {
    expect(bundled.length).toBeGreaterThan(3);
    for (const file of bundled) {
      const text = readFileSync(`notebooks/${file}`, 'utf8');
      const { title, datasets } = parseNotebook(text).notebook;
      expect(parseFrontMatter(text), file).toEqual({ title, datasets });
      expect(datasets.length, file).toBeGreaterThan(0);
    }
  });

  it('reads the example above, CRLF line ends included, and nothing from a broken header', () => {
    const expected = {
      title: 'Diplomatic sanctions and sanction success',
      datasets: parseNotebook(NOTEBOOK).notebook.datasets,
    };
    expect(expected.datasets.map((d) => d.file)).toEqual(['TIESv4-1.xls']);
    expect(parseFrontMatter(NOTEBOOK)).toEqual(expected);
    expect(parseFrontMatter(NOTEBOOK.replaceAll('\n', '\r\n'))).toEqual(expected);
    expect(parseFrontMatter('---\ntitle: never closed\n')).toEqual({ datasets: [] });
    expect(parseFrontMatter('no front matter')).toEqual({ datasets: [] });
  });
});

// @vitest-environment jsdom
/**
 * What the HTML report leaves out (issue 21): cells hidden from it, hidden code and output, a
 * query's rows unless the cell asks for them, and a model warning said twice; and the title
 * it shows when the front matter names none. Run on native DuckDB through the real Session.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartSvgString } from '../../src/charts/svg-string.ts';
import { NativeEngine } from '../../src/engine/NativeEngine.ts';
import { Session } from '../../src/notebook/Session.ts';
import { renderMarkdown } from '../../src/ui/markdown.ts';
import { inlineSvg, notebookReportHtml } from '../../src/ui/report-html.ts';

const NOTEBOOK = [
  '# Sanctions at a glance',
  '',
  '```sql raw',
  '-- hide: [report]',
  'SELECT 1 AS secret_column',
  '```',
  '',
  '```sql quiet',
  '-- hide: [code]',
  'SELECT 2 AS y',
  '```',
  '',
  '```sql shown',
  '-- show: [rows]',
  'SELECT 3 AS z',
  '```',
  '',
  '```sql d',
  'SELECT * FROM (VALUES (0, false), (1, false), (2, false), (3, true), (4, true), (5, true)) t(x, y)',
  '```',
  '',
  '```rate r',
  'hide: [output]',
  'from: d',
  'outcome: y',
  'by: x',
  '```',
  '',
  '```logit sep',
  'from: d',
  'formula: y ~ x',
  '```',
].join('\n');

let engine: NativeEngine;
let doc: Document;
let html: string;

beforeAll(async () => {
  engine = await NativeEngine.create();
  const session = new Session(engine);
  await session.addFiles([new File([NOTEBOOK], 'untitled.md')]);
  const { runner } = session;
  html = notebookReportHtml(
    {
      title: runner.notebook.title,
      notebookFile: session.notebookFile,
      blocks: runner.notebook.blocks,
      cells: runner.cells,
      datasets: [],
    },
    {
      markdown: renderMarkdown,
      chartSvg: (spec, rows) => inlineSvg(chartSvgString(spec, rows, document), document),
    },
  );
  doc = new DOMParser().parseFromString(html, 'text/html');
});

afterAll(() => engine.close());

describe('the report honours hide: and show:', () => {
  it('leaves out a cell hidden from the report, with its code and results', () => {
    expect(doc.querySelector('#cell-raw')).toBeNull();
    expect(html).not.toContain('secret_column');
  });

  it('keeps the results of a cell whose code is hidden, without the code', () => {
    const quiet = doc.querySelector('#cell-quiet');
    expect(quiet?.querySelector('.table-summary')?.textContent).toContain('Table quiet: 1 row');
    expect(quiet?.querySelector('details.code')).toBeNull();
  });

  it('shows a query’s rows only when the cell asks for them', () => {
    expect(doc.querySelector('#cell-quiet table')).toBeNull();
    expect(doc.querySelector('#cell-shown table.result tbody td')?.textContent).toBe('3');
  });

  it('keeps the code of a cell whose output is hidden, without the output', () => {
    const rate = doc.querySelector('#cell-r');
    expect(rate?.querySelector('table')).toBeNull();
    expect(rate?.querySelector('details.code pre')?.textContent).toContain('outcome: y');
  });

  it('says a model warning once', () => {
    const sep = doc.querySelector('#cell-sep')!;
    const warnings = [...sep.querySelectorAll('.warning, .warnings li')].map((w) => w.textContent);
    expect(
      warnings.filter((w) => /separat/i.test(w ?? '')),
      JSON.stringify(warnings),
    ).toHaveLength(1);
  });

  it('titles the report with the notebook’s heading when the front matter has no title', () => {
    expect(doc.querySelector('.report-head h1')?.textContent).toBe('Sanctions at a glance');
    expect(doc.title).toBe('Sanctions at a glance');
  });
});

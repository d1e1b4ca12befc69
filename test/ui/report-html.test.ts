// @vitest-environment jsdom
/**
 * The HTML report built from a real run (native DuckDB, the welcome notebook and its bundled
 * synthetic data), rendered through the page's own sanitized Markdown path and chart SVG.
 * jsdom provides the DOM those two renderers need, and parses the report back.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartSvgString } from '../../src/charts/svg-string.ts';
import { NativeEngine } from '../../src/engine/NativeEngine.ts';
import { Session } from '../../src/notebook/Session.ts';
import { renderMarkdown } from '../../src/ui/markdown.ts';
import { inlineSvg, notebookReportHtml, REPORT_CSP } from '../../src/ui/report-html.ts';

const render = {
  markdown: renderMarkdown,
  chartSvg: (
    spec: Parameters<typeof chartSvgString>[0],
    rows: Parameters<typeof chartSvgString>[1],
  ) => inlineSvg(chartSvgString(spec, rows, document), document),
};

let engine: NativeEngine;

beforeAll(async () => {
  engine = await NativeEngine.create();
});

afterAll(() => engine.close());

async function run(notebook: string, fileName: string, data: File[]): Promise<Session> {
  await engine.exec('DROP TABLE IF EXISTS episodes');
  const session = new Session(engine);
  await session.addFiles([...data, new File([notebook], fileName)]);
  return session;
}

function report(session: Session): string {
  const { runner } = session;
  return notebookReportHtml(
    {
      title: runner.notebook.title,
      notebookFile: session.notebookFile,
      blocks: runner.notebook.blocks,
      cells: runner.cells,
      datasets: [...runner.datasets.values()],
      engine: 'DuckDB v1.4.3 (native)',
      generatedAt: new Date('2025-01-02T03:04:05Z'),
    },
    render,
  );
}

const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');
const text = (el: Element | null) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
/** A table row's cells, one string each. */
const cells = (tr: Element | null | undefined) => [...(tr?.children ?? [])].map(text);

describe('notebookReportHtml', () => {
  let html: string;
  let doc: Document;

  beforeAll(async () => {
    const csv = new File(
      [await readFile('data/demo-sanctions-synthetic.csv')],
      'demo-sanctions-synthetic.csv',
    );
    const session = await run(await readFile('notebooks/welcome.md', 'utf8'), 'welcome.md', [csv]);
    expect(session.state).toBe('ready');
    html = report(session);
    doc = parse(html);
  });

  it('is one file with no script, no event handler and no address of anything to load', () => {
    expect(html).not.toMatch(/<script/i);
    expect(doc.querySelectorAll('script, iframe, object, embed, img, link').length).toBe(0);
    const handlers = [...doc.querySelectorAll('*')].flatMap((el) =>
      [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => a.name),
    );
    expect(handlers).toEqual([]);
    // The welcome notebook's prose has no links, so no address may appear anywhere.
    expect(html).not.toMatch(/https?:/i);
    const csp = doc.querySelector('meta[http-equiv="Content-Security-Policy"]');
    expect(csp?.getAttribute('content')).toBe(REPORT_CSP);
    expect(REPORT_CSP).toContain("default-src 'none'");
    expect(REPORT_CSP).not.toMatch(/script-src|connect-src/);
  });

  it('renders the prose from Markdown', () => {
    expect(text(doc.querySelector('title'))).toBe('Welcome to Statecraft Notebook');
    expect(text(doc.querySelector('h1'))).toBe('Welcome to Statecraft Notebook');
    expect([...doc.querySelectorAll('h2')].map(text)).toContain(
      '3. Failure rate by embassy closure',
    );
    expect(text(doc.querySelector('.prose strong'))).toMatch(/1,240 invented sanctions episodes/);
  });

  it('has the statistics tables with the numbers the notebook computes', () => {
    const rate = doc.querySelector('#cell-failure_by_embassy table.stats');
    const rows = [...(rate?.querySelectorAll('tbody tr') ?? [])].map((tr) =>
      [...tr.children].map(text),
    );
    expect(rows).toEqual([
      ['false', '532', '223', '41.9%', '[37.8%, 46.2%]'],
      ['true', '105', '77', '73.3%', '[64.2%, 80.9%]'],
    ]);
    const logit = doc.querySelector('#cell-failure_model');
    const embassy = [...(logit?.querySelectorAll('tbody tr') ?? [])].find((tr) =>
      text(tr).startsWith('embassy_closedTRUE'),
    );
    expect(cells(embassy)).toEqual([
      'embassy_closedTRUE',
      '0.993***',
      '(0.284)',
      '3.49',
      '< 0.001',
      '[0.435, 1.551]',
      '2.699 [1.546, 4.714]',
    ]);
    expect(text(logit?.querySelector('dl.fit') ?? null)).toContain('AIC768.515');
    expect(text(doc.querySelector('.receipt'))).toBe('✓ Reproduced: all 18 expected values match.');
    expect(text(doc.querySelector('#cell-from_year .input'))).toBe(
      'Episodes starting in or after $from_year: 1945 (from 1945 to 2000, step 5)',
    );
  });

  it('names a query’s table, its size and columns, and leaves its rows to the notebook', () => {
    const result = doc.querySelector('#cell-us_episodes');
    expect(result?.querySelector('table')).toBeNull();
    expect(text(result?.querySelector('.table-summary') ?? null)).toBe(
      'Table us_episodes: 637 rows, 11 columns: episode_id, start_year, target, target_region, ' +
        'target_regime, embassy_closed, target_costs, multilateral, institution_involved, ' +
        'decades_since_1945, failed.',
    );
    expect(text(result?.querySelector('details.code pre') ?? null)).toMatch(
      /^SELECT episode_id,.*start_year >= \$from_year$/,
    );
  });

  it('draws each chart as inline SVG with its accessible title', () => {
    const svgs = [...doc.querySelectorAll('figure.chart > svg')];
    expect(svgs.length).toBe(2);
    expect(svgs.map((s) => s.getAttribute('aria-label'))).toEqual([
      'Failure rate of US-led sanctions by embassy closure',
      'Predicted probability of failure, holding the controls at their observed values',
    ]);
    for (const svg of svgs) {
      expect(svg.namespaceURI).toBe('http://www.w3.org/2000/svg');
      expect(svg.querySelectorAll('rect, circle, path').length).toBeGreaterThan(2);
    }
    // Every id is defined once across the page, so one chart's clip paths never apply to another.
    const ids = [...doc.querySelectorAll('[id]')].map((el) => el.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('lists the data files with their sha256', () => {
    const row = doc.querySelector('table.datasets tbody tr');
    expect(cells(row)).toEqual([
      'episodes',
      'demo-sanctions-synthetic.csv',
      '1,240 rows',
      '58c9e372727f227b54cee9ba13878b3c2cffe41e8819cdaf025f42eca55138d8',
    ]);
  });
});

describe('hostile notebooks', () => {
  it('keeps script out of prose and escapes values, names and code', async () => {
    const notebook = [
      '# Report <script>alert(1)</script>',
      '',
      '<img src="https://tracker.example/pixel.gif"> <iframe src="https://evil.example"></iframe>',
      '<a href="javascript:alert(1)" onclick="alert(2)">click</a> [source](https://example.org/data)',
      '',
      '```sql odd',
      '-- show: [rows]',
      `FROM (VALUES ('<b>bold</b>', 1, '<u>'), ('plain', 2, 'v')) t("<i>col</i>", k, g)`,
      '```',
      '',
      '```crosstab tab',
      'from: odd',
      'rows: g',
      'cols: k',
      '```',
      '',
      '```sql broken',
      'SELECT * FROM nowhere_</script>',
      '```',
    ].join('\n');
    const session = await run(notebook, 'hostile.md', []);
    const html = report(session);
    const doc = parse(html);
    expect(doc.querySelectorAll('script, img, iframe').length).toBe(0);
    expect(html).not.toMatch(/<script|javascript:|onclick|tracker\.example|evil\.example/i);
    // A link the author wrote stays: following it is the reader's choice, and loads nothing.
    expect(doc.querySelector('a[href="https://example.org/data"]')).not.toBeNull();
    const table = doc.querySelector('#cell-odd table');
    expect(cells(table?.querySelector('thead tr'))).toEqual(['<i>col</i>', 'k', 'g']);
    expect(cells(table?.querySelector('tbody tr'))).toEqual(['<b>bold</b>', '1', '<u>']);
    expect(table?.querySelector('i, b')).toBeNull();
    expect(text(doc.querySelector('#cell-tab caption'))).toBe('Counts (row %) of g by k');
    const first = cells(doc.querySelector('#cell-tab tbody tr'));
    expect([first[0], first[1], first.at(-1)]).toEqual(['<u>', '1 (100.0%)', '1']);
    expect(doc.querySelector('#cell-tab u')).toBeNull();
    expect(text(doc.querySelector('#cell-broken .error'))).toMatch(/nowhere_/);
    expect(doc.querySelector('#cell-broken pre')?.textContent).toBe(
      'SELECT * FROM nowhere_</script>',
    );
  });
});

describe('inlineSvg', () => {
  it('drops the XML prolog and namespace declarations, nothing else', () => {
    const file =
      '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" ' +
      'xmlns:xlink="http://www.w3.org/1999/xlink" width="10"><g><text>a</text></g></svg>\n';
    expect(inlineSvg(file, document)).toBe('<svg width="10"><g><text>a</text></g></svg>');
  });

  it('keeps markup-like text as text and drops what a chart never holds', () => {
    const file =
      '<svg xmlns="http://www.w3.org/2000/svg"><text>a xmlns="</text><g onclick="x()">' +
      '<script>alert(1)</script><rect width="1"/><text>&lt;b&gt; &amp; "q"</text></g></svg>';
    expect(inlineSvg(file, document)).toBe(
      '<svg><text>a xmlns="</text><g><rect width="1"></rect><text>&lt;b&gt; &amp; "q"</text></g></svg>',
    );
  });
});

describe('a chart whose values look like markup (issue 14, finding 8)', () => {
  it('keeps every mark, label and title in the report', async () => {
    const notebook = [
      '```sql odd',
      '-- show: [rows]',
      `FROM (VALUES ('a xmlns="', 3), ('b', 5), ('c" xmlns:x="d', 2)) t(k, n)`,
      '```',
      '',
      '```chart',
      'from: odd',
      'mark: barY',
      'x: k',
      'y: n',
      'fill: k',
      `title: 'Counts xmlns="title'`,
      '```',
    ].join('\n');
    const session = await run(notebook, 'odd-chart.md', []);
    const doc = parse(report(session));
    const svg = doc.querySelector('figure.chart > svg');
    expect(svg?.namespaceURI).toBe('http://www.w3.org/2000/svg');
    // The chart file the app downloads is the reference: the report shows the same drawing.
    const state = [...session.runner.cells.values()].find((c) => c.chart)!;
    const file = new DOMParser().parseFromString(
      chartSvgString(state.chart!.spec, state.chart!.rows, document),
      'image/svg+xml',
    ).documentElement;
    const shape = (root: Element) =>
      [...root.querySelectorAll('*')].map((el) => `${el.localName} ${el.textContent?.length}`);
    expect(shape(svg!)).toEqual(shape(file));
    expect(svg!.querySelectorAll('rect[fill]:not([fill="white"])').length).toBeGreaterThanOrEqual(
      3,
    );
    const labels = [...svg!.querySelectorAll('text')].map((t) => t.textContent);
    expect(labels).toContain('a xmlns="');
    expect(labels).toContain('c" xmlns:x="d');
    expect(svg!.getAttribute('aria-label')).toBe('Counts xmlns="title');
    expect(svg!.querySelector('title')?.textContent).toBe('Counts xmlns="title');
  });
});

describe('the report names the notebook from its front matter', () => {
  it('shows title, authors and description at the top, escaped', () => {
    const html = notebookReportHtml(
      {
        title: 'Sanctions <and> success',
        authors: ['A. Author', 'B. Author'],
        description: 'What it shows & why.',
        notebookFile: 'sanctions.md',
        blocks: [],
        cells: new Map(),
        datasets: [],
      },
      render,
    );
    expect(html).toContain('<h1 class="report-title">Sanctions &lt;and&gt; success</h1>');
    expect(html).toContain('<p class="report-authors">A. Author, B. Author</p>');
    expect(html).toContain('<p class="report-description">What it shows &amp; why.</p>');
  });
});

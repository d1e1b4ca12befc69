/**
 * The whole notebook as one self-contained HTML file: its prose, every result and statistics
 * table, charts as inline SVG, and each cell's code folded away under it. The file has no
 * script and names no other address (its Content-Security-Policy forbids loading anything),
 * so it opens offline, in a mail client or an archive, and cannot phone out.
 *
 * Plain TypeScript without the DOM: the caller supplies the two renderers that need one (the
 * sanitized Markdown of markdown.ts, and the chart SVG of charts/svg-string.ts made inline by
 * inlineSvg below), so the page and a Node test build the same file.
 */
import { Lexer } from 'marked';
import { cellKey } from '../notebook/graph.ts';
import { hides } from '../notebook/hide.ts';
import type { CellState, DatasetState } from '../notebook/state.ts';
import type { Block, Cell } from '../notebook/types.ts';
import { uiKindOf } from './cells/registry.ts';
import type { ReportRenderers } from './cells/types.ts';
import { formatCount } from './format.ts';
import { escapeHtml as e } from './report-tables.ts';

export interface ReportInput {
  title?: string;
  /** From the front matter: shown above the notebook, as its title page. */
  authors?: readonly string[];
  description?: string;
  notebookFile: string;
  blocks: readonly Block[];
  cells: ReadonlyMap<string, CellState>;
  datasets: readonly DatasetState[];
  /** e.g. `DuckDB v1.4.3 (WebAssembly)`. */
  engine?: string;
  /** When the report was made; now by default. */
  generatedAt?: Date;
}

/** Nothing may load: no script, no fetch, no font, no image from anywhere, not even itself. */
export const REPORT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/**
 * The report's title: the front matter's, else the notebook's first `#` heading (a notebook
 * made without the details form still has one), else the file name.
 */
export function reportTitle(input: Pick<ReportInput, 'title' | 'blocks' | 'notebookFile'>): string {
  if (input.title) return input.title;
  for (const block of input.blocks) {
    if (block.kind !== 'markdown') continue;
    const heading = new Lexer({ gfm: true })
      .lex(block.text)
      .find((t) => t.type === 'heading' && t.depth === 1);
    if (heading && heading.type === 'heading' && heading.text.trim()) return heading.text.trim();
  }
  return input.notebookFile;
}

/** The notebook's title, authors and description, above everything else. */
function titleHtml(input: ReportInput): string {
  return [
    `<h1 class="report-title">${e(reportTitle(input))}</h1>`,
    input.authors?.length ? `<p class="report-authors">${e(input.authors.join(', '))}</p>` : '',
    input.description ? `<p class="report-description">${e(input.description)}</p>` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

export function notebookReportHtml(input: ReportInput, render: ReportRenderers): string {
  const title = reportTitle(input);
  const body = input.blocks
    // A cell hidden from the report (`hide: [report]`) leaves no trace in it.
    .filter((block) => block.kind === 'markdown' || !hides(block, 'report'))
    .map((block) =>
      block.kind === 'markdown'
        ? `<section class="prose">${render.markdown(block.text)}</section>`
        : cellHtml(block, input.cells.get(cellKey(block)), render),
    )
    .join('\n');
  const made = (input.generatedAt ?? new Date()).toISOString().replace('T', ' ').slice(0, 16);
  const meta = [
    `From <code>${e(input.notebookFile)}</code>`,
    `made ${e(made)} UTC`,
    input.engine ? e(input.engine) : '',
  ].filter(Boolean);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Statecraft Notebook">
<title>${e(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header class="report-head">${titleHtml(input)}<p>${meta.join(' · ')}</p></header>
<main>
${body}
</main>
<footer>
${datasetsHtml(input.datasets)}
<p>Made with Statecraft Notebook. Re-run it with the same data files to check every number:
<code>npx statecraft run ${e(input.notebookFile)} --data &lt;folder with the files&gt;</code>.</p>
</footer>
</body>
</html>
`;
}

function cellHtml(cell: Cell, state: CellState | undefined, render: ReportRenderers): string {
  const label = cell.name ?? state?.label ?? cell.kind;
  const id = `cell-${label.replace(/[^\w-]/g, '_')}`;
  const showOutput = !hides(cell, 'output');
  const parts = [
    `<h3><span class="kind">${e(cell.kind)}</span> ${e(label)}</h3>`,
    showOutput ? outputHtml(cell, state, render) : '',
  ];
  if (showOutput && state && state.warnings.length > 0) {
    parts.push(
      `<ul class="warnings">${state.warnings.map((w) => `<li>${e(w)}</li>`).join('')}</ul>`,
    );
  }
  if (!uiKindOf(cell.kind).hidesCode && !hides(cell, 'code')) {
    parts.push(
      `<details class="code"><summary>Code</summary><pre><code>${e(cell.source)}</code></pre></details>`,
    );
  }
  return `<section class="cell kind-${cell.kind}" id="${e(id)}">${parts.filter(Boolean).join('\n')}</section>`;
}

function outputHtml(cell: Cell, state: CellState | undefined, render: ReportRenderers): string {
  if (!state || state.status === 'stale' || state.status === 'running') {
    const why = state?.blockedBy
      ? `it depends on <code>${e(state.blockedBy)}</code>, which failed`
      : 'it had not run when the report was made';
    return `<p class="not-run">Not run: ${why}.</p>`;
  }
  if (state.error) {
    const line =
      state.error.line !== undefined ? `<strong>Line ${state.error.line}:</strong> ` : '';
    return `<p class="error">${line}${e(state.error.message)}</p>`;
  }
  const output = (suffix: string) =>
    state.outputs.find((o) => o.table === `${cell.name}${suffix}`)?.result;
  return uiKindOf(cell.kind).report(cell, state, output, render);
}

const SVG_NS = 'http://www.w3.org/2000/svg';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';
/** Elements a chart never has, and which could run or embed something if one did. */
const UNSAFE_SVG = new Set(['script', 'foreignObject', 'iframe', 'image', 'use', 'a']);

/**
 * A standalone .svg file's text as an <svg> element written for an HTML page, made with the
 * DOM of `document` (the page's, or jsdom's in a test). The file is parsed as XML and
 * written out again by the HTML serializer: the XML prolog and the namespace declarations go
 * (HTML puts <svg> in its namespace by itself; they are the only addresses a chart file
 * contains), and the chart's text — category values, titles, which a notebook's data decides
 * — is escaped for HTML. Text is never edited as a string: a value such as `a xmlns="` is
 * only text in the tree.
 *
 * Charts come from our own renderer, so nothing below is expected to be removed; it is there
 * so that a value can never become an element, an event handler or an address.
 */
export function inlineSvg(svgFile: string, document: Document): string {
  const view = document.defaultView;
  if (view === null) throw new Error('inlineSvg needs a document with a window');
  const parsed = new view.DOMParser().parseFromString(svgFile, 'image/svg+xml');
  const root = parsed.documentElement;
  if (
    root.namespaceURI !== SVG_NS ||
    root.localName !== 'svg' ||
    parsed.getElementsByTagName('parsererror').length > 0
  ) {
    throw new Error('the chart file is not a well-formed SVG drawing');
  }
  const svg = document.implementation.createHTMLDocument('').importNode(root, true);
  for (const el of [svg, ...svg.querySelectorAll('*')]) {
    if (el.namespaceURI !== SVG_NS || UNSAFE_SVG.has(el.localName)) {
      el.remove();
      continue;
    }
    for (const attr of [...el.attributes]) {
      const unsafe =
        attr.namespaceURI === XMLNS_NS ||
        /^on/i.test(attr.localName) ||
        (/^(href|src)$/i.test(attr.localName) && !attr.value.startsWith('#'));
      if (unsafe) el.removeAttributeNode(attr);
    }
  }
  // An element of an HTML document serializes as HTML: text and attribute values escaped.
  return svg.outerHTML;
}

function datasetsHtml(datasets: readonly DatasetState[]): string {
  if (datasets.length === 0) return '';
  const rows = datasets.map((d) => {
    const status =
      d.status === 'ok'
        ? `${formatCount(d.rows ?? 0)} rows`
        : d.status === 'missing'
          ? 'not opened'
          : 'could not be read';
    return (
      `<tr><th scope="row"><code>${e(d.name)}</code></th><td>${e(d.file)}</td>` +
      `<td class="num">${e(status)}</td><td><code class="hash">${e(d.sha256 ?? '—')}</code></td></tr>`
    );
  });
  return (
    '<table class="stats datasets"><caption>Data files this report was computed from</caption>' +
    '<thead><tr><th scope="col">Table</th><th scope="col">File</th><th scope="col" class="num">Rows</th>' +
    `<th scope="col">sha256</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
  );
}

const STYLE = `
:root { color-scheme: light; --fg: #1d1d1b; --muted: #5f5f5a; --border: #d9d9d3; --code-bg: #efefea; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 60rem; padding: 1.5rem; color: var(--fg); background: #fff;
  font: 16px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, 'Liberation Sans', sans-serif; }
code, pre { font-family: ui-monospace, Menlo, Consolas, 'DejaVu Sans Mono', monospace; font-size: 0.88em; }
code { background: var(--code-bg); padding: 0.05em 0.3em; border-radius: 3px; }
pre { background: var(--code-bg); padding: 0.6rem 0.8rem; overflow-x: auto; border-radius: 4px; }
pre code { padding: 0; background: none; }
a { color: #0b62a4; }
.report-head, footer { color: var(--muted); font-size: 0.85rem; }
.report-head .report-title { color: CanvasText; font-size: 1.8rem; margin: 0 0 0.25rem; }
.report-head .report-authors { font-style: italic; font-size: 1rem; margin: 0; }
.report-head .report-description { color: CanvasText; font-size: 1rem; }
footer { border-top: 1px solid var(--border); margin-top: 2rem; padding-top: 0.8rem; }
.cell { margin: 1.2rem 0; }
.cell h3 { font-size: 0.95rem; margin: 0 0 0.4rem; color: var(--muted); font-weight: 600; }
.cell h3 .kind { text-transform: uppercase; font-size: 0.72rem; letter-spacing: 0.05em; border: 1px solid var(--border); border-radius: 3px; padding: 0 0.3em; }
details.code summary { cursor: pointer; color: var(--muted); font-size: 0.8rem; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; font-size: 0.88rem; margin: 0.3rem 0; }
caption { text-align: left; font-size: 0.85rem; color: var(--muted); padding-bottom: 0.3rem; }
th, td { padding: 0.22rem 0.7rem; text-align: left; white-space: nowrap; }
table.result th, table.result td { border-bottom: 1px solid var(--border); }
table.result thead th { font-weight: 600; }
table.stats { border-top: 2px solid var(--fg); border-bottom: 2px solid var(--fg); }
table.stats thead th { border-bottom: 1px solid var(--fg); font-weight: 600; }
table.stats tbody th { font-weight: 400; }
table.stats tfoot th, table.stats tfoot td { border-top: 1px solid var(--border); }
.num { text-align: right; }
.strong { font-weight: 600; }
.stars { display: inline-block; min-width: 1.8em; text-align: left; padding-left: 0.1em; }
.null, .muted { color: var(--muted); }
.null { font-style: italic; }
.note { font-size: 0.78rem; color: var(--muted); margin: 0.2rem 0 0.6rem; }
.column-name { display: block; font-weight: normal; color: var(--muted); }
dl.fit { display: flex; flex-wrap: wrap; gap: 0.3rem 1.4rem; font-size: 0.86rem; }
dl.fit div { display: flex; gap: 0.4rem; }
dl.fit dt { color: var(--muted); }
dl.fit dd { margin: 0; font-weight: 600; }
.error { color: #b42318; }
.inline-value[data-state="pending"] { color: var(--muted); border-bottom: 1px dotted var(--muted); }
.inline-value[data-state="error"] { color: #b42318; font-size: 0.9em; }
.warning, .warnings { color: #6b4800; }
.not-run { color: var(--muted); font-style: italic; }
.table-summary { font-size: 0.88rem; color: var(--muted); }
.receipt.ok { color: #1a7f37; }
.receipt.bad { color: #b42318; }
figure.chart { margin: 0.5rem 0; }
figure.chart svg { max-width: 100%; height: auto; }
code.hash { font-size: 0.75em; word-break: break-all; white-space: normal; }
@media print { details.code { display: none; } body { padding: 0; } }
`;

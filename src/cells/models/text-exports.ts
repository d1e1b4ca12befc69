/**
 * A regression table as Markdown (a pipe table, for a README or a Quarto document), as CSV
 * (the cells as shown, for a spreadsheet) and as HTML that pastes into Word and Google Docs
 * as a real table: inline styles only (the rules of a journal table), since neither keeps a
 * stylesheet from the clipboard.
 */
import type { GridCell, GridRow, RegressionTable } from './layout.ts';

const shown = (c: GridCell) => c.text + (c.stars ?? '');

/** Characters Markdown would read as syntax: table pipes, emphasis, escapes, code. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\|*_`[\]<>]/g, (c) => `\\${c}`);
}

export function regressionMarkdown(table: RegressionTable): string {
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const body = (r: GridRow) =>
    row([escapeMarkdown(r.label), ...r.cells.map((c) => escapeMarkdown(shown(c)))]);
  return (
    [
      row(['', ...table.columns.map(escapeMarkdown)]),
      row([':---', ...table.columns.map(() => ':---:')]),
      ...table.terms.map(body),
      // A pipe table has no rule inside it: a row of dashes marks where the fit statistics begin.
      row(['—', ...table.columns.map(() => '—')]),
      ...table.fit.map(body),
    ].join('\n') +
    '\n\n' +
    table.notes.map(escapeMarkdown).join('\n\n') +
    '\n'
  );
}

/** Text a spreadsheet would read as a formula is kept as text (OWASP's CSV-injection advice). */
function csvField(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function regressionCsv(table: RegressionTable): string {
  const lines = [
    ['', ...table.columns],
    ...[...table.terms, ...table.fit].map((r) => [r.label, ...r.cells.map(shown)]),
    ...table.notes.map((n) => [n]),
  ];
  return lines.map((l) => l.map(csvField).join(',')).join('\r\n') + '\r\n';
}

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

const RULE = '1px solid #000';
const THICK = '1.5px solid #000';
const FONT = 'font-family:Times New Roman,serif;font-size:11pt';

/** A table for the clipboard: Word and Docs keep inline borders and alignment, not classes. */
export function regressionWordHtml(table: RegressionTable): string {
  const td = (html: string, style: string) => `<td style="padding:1pt 6pt;${style}">${html}</td>`;
  const rowHtml = (label: string, cells: string[], border: string) =>
    '<tr>' +
    td(label, `text-align:left;${border}`) +
    cells.map((c) => td(c, `text-align:center;${border}`)).join('') +
    '</tr>';
  const cellHtml = (c: GridCell) => escapeHtml(c.text) + (c.stars ? `<sup>${c.stars}</sup>` : '');
  const last = table.fit.length - 1;
  const rows = [
    rowHtml('', table.columns.map(escapeHtml), `border-top:${THICK};border-bottom:${RULE};`),
    ...table.terms.map((r) => rowHtml(escapeHtml(r.label), r.cells.map(cellHtml), '')),
    // The rule above the fit statistics, and the closing rule under the last of them.
    ...table.fit.map((r, i) =>
      rowHtml(
        escapeHtml(r.label),
        r.cells.map(cellHtml),
        (i === 0 ? `border-top:${RULE};` : '') + (i === last ? `border-bottom:${THICK};` : ''),
      ),
    ),
  ];
  const notes = table.notes
    .map((n) => `<p style="${FONT};font-size:9pt;margin:2pt 0">${escapeHtml(n)}</p>`)
    .join('');
  return `<table style="border-collapse:collapse;${FONT}">${rows.join('')}</table>${notes}`;
}

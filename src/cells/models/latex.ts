/**
 * A regression table as a LaTeX `tabular` with booktabs rules (\toprule, \midrule,
 * \bottomrule), ready for \input{} in a paper that loads \usepackage{booktabs}. Every text
 * from the notebook (labels, term names) is escaped, so `region_Asia` or `50% & up` set as
 * written.
 */
import type { GridCell, GridRow, RegressionTable } from './layout.ts';

const ESCAPES: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '{': '\\{',
  '}': '\\}',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
  // Text-mode < > | print as ¡ ¿ — in LaTeX's default font encoding: set them as maths.
  '<': '$<$',
  '>': '$>$',
  '|': '$|$',
  '−': '$-$',
  χ: '$\\chi$',
  '²': '$^2$',
  '∞': '$\\infty$',
};

export function escapeLatex(text: string): string {
  return [...text].map((c) => ESCAPES[c] ?? c).join('');
}

function cell(c: GridCell): string {
  return escapeLatex(c.text) + (c.stars ? `$^{${c.stars}}$` : '');
}

function line(row: GridRow): string {
  return [escapeLatex(row.label), ...row.cells.map(cell)].join(' & ') + ' \\\\';
}

export function regressionLatex(table: RegressionTable, name?: string): string {
  const width = table.columns.length + 1;
  const lines = [
    `% ${name ? `${name}: ` : ''}regression table from Statecraft Notebook; needs \\usepackage{booktabs}`,
    `\\begin{tabular}{l${'c'.repeat(table.columns.length)}}`,
    '\\toprule',
    [' ', ...table.columns.map(escapeLatex)].join(' & ') + ' \\\\',
    '\\midrule',
    ...table.terms.map(line),
    '\\midrule',
    ...table.fit.map(line),
    '\\bottomrule',
    // One row per sentence: a note in one \multicolumn{l} would not wrap.
    ...table.notes
      .flatMap((n) => n.split(/(?<=\.) (?=\S)/))
      .map((n) => `\\multicolumn{${width}}{l}{\\footnotesize ${escapeLatex(n)}} \\\\`),
    '\\end{tabular}',
  ];
  return lines.join('\n') + '\n';
}

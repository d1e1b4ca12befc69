/**
 * The page's side of the HTML report: the browser's document draws the charts and sanitizes
 * the prose, report-html.ts lays out the file. Loaded on demand, when the reader asks for it.
 */
import { chartSvgString } from '../charts/svg-string.ts';
import { labelsFor, type LabelIndex } from '../ingest/column-labels.ts';
import { renderMarkdown } from './markdown.ts';
import { inlineSvg, notebookReportHtml, type ReportInput } from './report-html.ts';

export function reportHtml(input: ReportInput, labels?: LabelIndex): string {
  return notebookReportHtml(input, {
    markdown: renderMarkdown,
    chartSvg: (spec, rows) => inlineSvg(chartSvgString(spec, rows, document), document),
    columnLabels: labels ? (table, columns) => labelsFor(labels, table, columns) : undefined,
  });
}

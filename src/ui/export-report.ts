/**
 * The page's side of the HTML report: the browser's document draws the charts and sanitizes
 * the prose, report-html.ts lays out the file. Loaded on demand, when the reader asks for it.
 */
import { chartSvgString } from '../charts/svg-string.ts';
import { renderMarkdown } from './markdown.ts';
import { inlineSvg, notebookReportHtml, type ReportInput } from './report-html.ts';

export function reportHtml(input: ReportInput): string {
  return notebookReportHtml(input, {
    markdown: renderMarkdown,
    chartSvg: (spec, rows) => inlineSvg(chartSvgString(spec, rows, document), document),
  });
}

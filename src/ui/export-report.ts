/**
 * The page's side of the HTML report: the browser's document draws the charts and sanitizes
 * the prose, report-html.ts lays out the file. Loaded on demand, when the reader asks for it.
 */
import { chartSvgString } from '../charts/svg-string.ts';
import { labelsFor, type LabelIndex } from '../ingest/column-labels.ts';
import type { ProseFills } from './model/inline-values.svelte.ts';
import { renderProse } from './prose-html.ts';
import { inlineSvg, notebookReportHtml, type ReportInput } from './report-html.ts';

/** The report; the caller has loaded the Markdown renderer (loadMarkdown). */
export function reportHtml(input: ReportInput, labels?: LabelIndex, fills?: ProseFills): string {
  return notebookReportHtml(input, {
    // Inline values as the run left them; one the run did not reach shows as pending.
    markdown: (text) => {
      const html = renderProse(
        text,
        fills && ((ref) => fills.get(ref.source) ?? { state: 'pending', message: 'not computed' }),
      );
      if (html === undefined) throw new Error('the Markdown renderer is not loaded');
      return html;
    },
    chartSvg: (spec, rows) => inlineSvg(chartSvgString(spec, rows, document), document),
    columnLabels: labels ? (table, columns) => labelsFor(labels, table, columns) : undefined,
  });
}

/** An ordered logit in the HTML report: coefficients and cut-points, fit, rows left out, predictions. */
import type { QueryResult } from '../../../engine/Engine.ts';
import type { OlogitSpec } from '../../../stats/ologit/run-ologit.ts';
import { describeMissing } from '../../../stats/missing.ts';
import { attr, escapeHtml as e, layoutHtml, note } from '../../report-tables.ts';
import { logitFit } from '../logit/layout.ts';
import { OLOGIT_NOTE, ologitPredictedTable, ologitTable } from './layout.ts';

export function ologitTablesHtml(
  coefficients: QueryResult,
  output: (suffix: string) => QueryResult | undefined,
  spec: OlogitSpec,
  shownWarnings: readonly string[],
): string {
  let html = layoutHtml(ologitTable(coefficients, spec.formula, spec.level)) + note(OLOGIT_NOTE);
  const stats = logitFit(output('_fit'));
  if (stats) {
    if (stats.warning && !stats.warning.split('; ').every((w) => shownWarnings.includes(w))) {
      html += `<p class="warning"><strong>Model warning:</strong> ${e(stats.warning)}</p>`;
    }
    const items = stats.items.map(
      (i) => `<div><dt>${e(i.label)}</dt><dd${attr(i.bad ? 'bad' : '')}>${e(i.value)}</dd></div>`,
    );
    html += `<dl class="fit">${items.join('')}</dl>`;
  }
  const leftOut = describeMissing(output('_missing')?.rows ?? []);
  if (leftOut) html += note(leftOut);
  const prediction = ologitPredictedTable(output('_predicted'), spec.predict, spec.level);
  return prediction ? html + layoutHtml(prediction) : html;
}

/** A logit cell in the HTML report: coefficients, fit statistics, rows left out, predicted rates. */
import type { QueryResult } from '../../../engine/Engine.ts';
import type { LogitSpec } from '../../../stats/logit/run-logit.ts';
import { describeMissing } from '../../../stats/missing.ts';
import { attr, escapeHtml as e, layoutHtml, note } from '../../report-tables.ts';
import { LOGIT_NOTE, logitFit, logitPredictedTable, logitTable } from './layout.ts';

export function logitTablesHtml(
  coefficients: QueryResult,
  fit: QueryResult | undefined,
  predicted: QueryResult | undefined,
  spec: LogitSpec,
  missing?: QueryResult,
): string {
  let html = layoutHtml(logitTable(coefficients, spec.formula, spec.level)) + note(LOGIT_NOTE);
  const stats = logitFit(fit);
  if (stats) {
    if (stats.warning) {
      html += `<p class="warning"><strong>Model warning:</strong> ${e(stats.warning)}</p>`;
    }
    const items = stats.items.map(
      (i) => `<div><dt>${e(i.label)}</dt><dd${attr(i.bad ? 'bad' : '')}>${e(i.value)}</dd></div>`,
    );
    html += `<dl class="fit">${items.join('')}</dl>`;
  }
  const leftOut = describeMissing(missing?.rows ?? []);
  if (leftOut) html += note(leftOut);
  const prediction = logitPredictedTable(predicted, spec.predict, spec.level);
  return prediction ? html + layoutHtml(prediction) : html;
}

/** A logit cell in the HTML report: coefficients, fit statistics, rows left out, predicted rates. */
import type { QueryResult } from '../../../engine/Engine.ts';
import type { ProbitSpec } from '../../../stats/logit/run-logit.ts';
import { describeMissing } from '../../../stats/missing.ts';
import { attr, escapeHtml as e, layoutHtml, note } from '../../report-tables.ts';
import {
  logitFit,
  logitPredictedTable,
  logitTable,
  modelNote,
  type BinomialStyle,
} from './layout.ts';

export function logitTablesHtml(
  coefficients: QueryResult,
  fit: QueryResult | undefined,
  predicted: QueryResult | undefined,
  spec: ProbitSpec,
  missing?: QueryResult,
  /** Warnings the report already lists under the cell; the model's own is not repeated. */
  shownWarnings: readonly string[] = [],
  style?: BinomialStyle,
): string {
  let html =
    layoutHtml(logitTable(coefficients, spec.formula, spec.level, style)) +
    note(modelNote(fit, spec.cluster));
  const stats = logitFit(fit);
  if (stats) {
    if (stats.warning && !repeats(stats.warning, shownWarnings)) {
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

/**
 * The fit's warning is the run's problems joined with "; ", and the run's warnings list the same
 * problems one by one (after any note about rows left out), so their joined text contains it.
 */
function repeats(warning: string, shown: readonly string[]): boolean {
  return shown.join('; ').includes(warning);
}

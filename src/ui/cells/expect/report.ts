/** An expect cell in the HTML report: the receipt, and the values that differ. */
import type { ExpectationResult } from '../../../cells/expect/spec.ts';
import { code, table, td, th } from '../../report-tables.ts';

export function expectationsHtml(expectations: readonly ExpectationResult[]): string {
  const failed = expectations.filter((x) => !x.pass);
  if (failed.length === 0) {
    return `<p class="receipt ok">✓ <strong>Reproduced</strong>: all ${expectations.length} expected values match.</p>`;
  }
  const show = (v: unknown): string =>
    typeof v === 'number' || typeof v === 'string'
      ? String(v)
      : v === null || v === undefined
        ? 'NULL'
        : JSON.stringify(v);
  const where = (w: Record<string, unknown>) =>
    Object.entries(w)
      .map(([k, v]) => `${k} = ${JSON.stringify(v)}`)
      .join(', ') || '(the only row)';
  const body = failed.map(
    (x) =>
      `<td>${code(x.table)}</td><td>${code(where(x.where))}</td><td>${code(x.column)}</td>` +
      td(show(x.expected)) +
      td(x.message ? '—' : show(x.actual)) +
      td(String(x.tolerance)),
  );
  return (
    `<p class="receipt bad">✗ <strong>Not reproduced</strong>: ${failed.length} of ${expectations.length} values differ.</p>` +
    table(
      'stats differences',
      'Values that differ from the notebook’s expectations',
      [
        th('Table'),
        th('Where'),
        th('Column'),
        th('Expected', 'num'),
        th('Actual', 'num'),
        th('Tolerance', 'num'),
      ],
      body,
    )
  );
}

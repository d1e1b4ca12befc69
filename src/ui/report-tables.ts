/**
 * The tables of the HTML report, as HTML text, for a file that has no script to render them:
 * the statistics tables from the layouts the page renders too (stat-tables.ts), results with
 * the page's number formatting (format.ts). Every value passes through `escapeHtml`.
 */
import type { QueryResult } from '../engine/Engine.ts';
import type { ExpectationResult } from '../notebook/state.ts';
import type { InputSpec, InputValue } from '../notebook/types.ts';
import type { LogitSpec } from '../stats/logit/run-logit.ts';
import type { RateSpec } from '../stats/rate.ts';
import { isNumericType } from '../shared/column-types.ts';
import { formatCount, formatValue } from './format.ts';
import {
  crosstabTable,
  crosstabTestTable,
  LOGIT_NOTE,
  logitFit,
  logitPredictedTable,
  logitTable,
  rateTable,
  STARS_NOTE,
  type Span,
  type StatCell,
  type TableLayout,
} from './stat-tables.ts';

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

const e = escapeHtml;
const code = (text: string) => `<code>${e(text)}</code>`;
const th = (html: string, cls = '') =>
  `<th scope="col"${cls ? ` class="${cls}"` : ''}>${html}</th>`;
const td = (text: string, cls = 'num') => `<td class="${cls}">${e(text)}</td>`;
const rowHead = (text: string) => `<th scope="row">${text}</th>`;

function table(cls: string, caption: string, head: string[], body: string[], foot = ''): string {
  return (
    `<table class="${cls}"><caption>${caption}</caption>` +
    `<thead><tr>${head.join('')}</tr></thead>` +
    `<tbody>${body.map((r) => `<tr>${r}</tr>`).join('')}</tbody>${foot}</table>`
  );
}

/** A result table's first `maxRows` rows, with the count of all of them. */
export function resultTableHtml(
  name: string,
  result: QueryResult,
  rowCount: number,
  maxRows: number,
): string {
  const numeric = result.columns.map((c) => isNumericType(c.type));
  const shown = result.rows.slice(0, maxRows);
  const head = result.columns.map((c, i) => th(e(c.name), numeric[i] ? 'num' : ''));
  const body = shown.map((row) =>
    result.columns
      .map((c, i) => {
        const value = row[c.name];
        const cls = [numeric[i] ? 'num' : '', value === null ? 'null' : ''].join(' ').trim();
        return `<td${cls ? ` class="${cls}"` : ''}>${e(formatValue(value))}</td>`;
      })
      .join(''),
  );
  const count = `${formatCount(rowCount)} ${rowCount === 1 ? 'row' : 'rows'}`;
  const note = rowCount > shown.length ? `${count}; the first ${shown.length} are shown` : count;
  return (
    `<div class="scroll">${table('result', `Table ${code(name)}`, head, body)}</div>` +
    `<p class="note" data-row-count="${rowCount}">${e(note)}</p>`
  );
}

/** A table laid out by stat-tables.ts, as the page's StatTable.svelte renders it. */
function layoutHtml(layout: TableLayout): string {
  const cell = (c: StatCell) =>
    c.rowHead ? rowHead(spansHtml(c.spans)) : `<td${attr(c.cls)}>${spansHtml(c.spans)}</td>`;
  const foot = layout.foot ? `<tfoot><tr>${layout.foot.map(cell).join('')}</tr></tfoot>` : '';
  return table(
    layout.cls,
    spansHtml(layout.caption),
    layout.head.map((c) => th(spansHtml(c.spans), c.cls)),
    layout.body.map((cells) => cells.map(cell).join('')),
    foot,
  );
}

function spansHtml(spans: readonly Span[]): string {
  return spans
    .map((s) =>
      s.as === 'code'
        ? code(s.text)
        : s.as
          ? `<span class="${s.as}">${e(s.text)}</span>`
          : e(s.text),
    )
    .join('');
}

const attr = (cls: string | undefined) => (cls ? ` class="${cls}"` : '');
const note = (text: string) => `<p class="note">${e(text)}</p>`;

export function rateTableHtml(result: QueryResult, spec: RateSpec): string {
  return layoutHtml(rateTable(result, spec.outcome, spec.level));
}

export function crosstabTablesHtml(
  counts: QueryResult,
  test: QueryResult | undefined,
  rows: string,
  cols: string,
): string {
  const tests = crosstabTestTable(test);
  return (
    layoutHtml(crosstabTable(counts, rows, cols)) +
    (tests ? layoutHtml(tests) + note(STARS_NOTE) : '')
  );
}

export function logitTablesHtml(
  coefficients: QueryResult,
  fit: QueryResult | undefined,
  predicted: QueryResult | undefined,
  spec: LogitSpec,
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
  const prediction = logitPredictedTable(predicted, spec.predict, spec.level);
  return prediction ? html + layoutHtml(prediction) : html;
}

/** The value an input had when the report was made: the numbers depend on it. */
export function inputHtml(name: string, spec: InputSpec, value: InputValue): string {
  const range =
    spec.type === 'range'
      ? ` (from ${spec.min ?? '?'} to ${spec.max ?? '?'}${spec.step !== undefined ? `, step ${spec.step}` : ''})`
      : spec.type === 'select' && spec.options
        ? ` (one of ${spec.options.map((o) => String(o)).join(', ')})`
        : '';
  return (
    `<p class="input">${e(spec.label ?? name)} ${code(`$${name}`)}: ` +
    `<strong>${e(formatValue(value))}</strong>${e(range)}</p>`
  );
}

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

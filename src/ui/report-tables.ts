/**
 * The HTML report's building blocks, as HTML text, for a file that has no script to render
 * them: statistics tables from the layouts the page renders too (stat-tables.ts), results with
 * the page's number formatting (format.ts). Each kind's `report.ts` (src/ui/cells) puts its
 * output together from these. Every value passes through `escapeHtml`.
 */
import type { QueryResult } from '../engine/Engine.ts';
import { isNumericType } from '../shared/column-types.ts';
import { formatCount, formatValue } from './format.ts';
import type { Span, StatCell, TableLayout } from './stat-tables.ts';

/** Rows of a result table shown in the report; the row count says how many there are. */
export const REPORT_ROWS = 20;

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

const e = escapeHtml;
export const code = (text: string) => `<code>${e(text)}</code>`;
export const th = (html: string, cls = '') =>
  `<th scope="col"${cls ? ` class="${cls}"` : ''}>${html}</th>`;
export const td = (text: string, cls = 'num') => `<td class="${cls}">${e(text)}</td>`;
const rowHead = (text: string) => `<th scope="row">${text}</th>`;

export function table(
  cls: string,
  caption: string,
  head: string[],
  body: string[],
  foot = '',
): string {
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
  /** Variable labels by column: the header shows the label, the name in small print. */
  labels: Record<string, string> = {},
): string {
  const numeric = result.columns.map((c) => isNumericType(c.type));
  const shown = result.rows.slice(0, maxRows);
  const head = result.columns.map((c, i) =>
    th(
      Object.hasOwn(labels, c.name)
        ? `${e(labels[c.name])} <small class="column-name">${code(c.name)}</small>`
        : e(c.name),
      numeric[i] ? 'num' : '',
    ),
  );
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
export function layoutHtml(layout: TableLayout): string {
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

export const attr = (cls: string | undefined) => (cls ? ` class="${cls}"` : '');
export const note = (text: string) => `<p class="note">${e(text)}</p>`;

/**
 * Statistics tables as plain data: each kind's `layout.ts` (src/ui/cells/rate, crosstab,
 * logit) says what its table shows, with these cells and spans. The page (StatTable.svelte)
 * and the HTML report (report-tables.ts) both render these, so the two cannot drift apart.
 */
import type { Row } from '../engine/Engine.ts';
import { stars } from './format.ts';

/**
 * A run of text: plain, a column or term name (`code`), a headline number (`strong`), an
 * aside (`muted`) or significance stars (`stars`).
 */
export interface Span {
  text: string;
  as?: 'code' | 'strong' | 'muted' | 'stars';
}

export interface StatCell {
  spans: Span[];
  /** Class of the cell: `num` for numbers (right-aligned), `num strong` for the headline one. */
  cls?: string;
  /** The row's label, a `<th scope="row">`. */
  rowHead?: boolean;
}

export interface TableLayout {
  cls: string;
  caption: Span[];
  head: StatCell[];
  body: StatCell[][];
  foot?: StatCell[];
}

export interface FitItem {
  label: string;
  value: string;
  /** The model did not converge. */
  bad?: boolean;
}

export const STARS_NOTE = '* p < 0.05, ** p < 0.01, *** p < 0.001';

export const text = (t: string): Span => ({ text: t });
export const code = (t: string): Span => ({ text: t, as: 'code' });
/** A column as people read it: its variable label when it has one, else its name as code. */
export const columnName = (name: string, labels: Readonly<Record<string, string>> = {}): Span =>
  labels[name] ? text(labels[name]) : code(name);
export const head = (spans: Span[] | string, cls = ''): StatCell => ({
  spans: typeof spans === 'string' ? [text(spans)] : spans,
  cls,
});
export const num = (t: string, cls = 'num'): StatCell => ({ spans: [text(t)], cls });
export const rowHead = (spans: Span[] | string): StatCell => ({
  spans: typeof spans === 'string' ? [text(spans)] : spans,
  rowHead: true,
});
/** A number followed by its stars (the span is there, empty, when there are none). */
export const starred = (t: string, p: Row[string], cls = 'num'): StatCell => ({
  spans: [text(t), { text: stars(p), as: 'stars' }],
  cls,
});

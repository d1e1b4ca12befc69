/**
 * How result tables, the presentation and the report find a column's display name (its
 * variable label) without every component in between passing the session's labels on.
 * App provides it from SessionTables; outside the app every column is shown by its name.
 */
import { getContext, setContext } from 'svelte';
import type { ColumnLabels } from '../ingest/column-labels.ts';

const KEY = Symbol('statecraft-column-labels');

export type LabelLookup = (table: string, columns: readonly string[]) => ColumnLabels;

export function provideColumnLabels(lookup: LabelLookup): void {
  setContext(KEY, lookup);
}

export function useColumnLabels(): LabelLookup {
  return getContext<LabelLookup | undefined>(KEY) ?? (() => ({}));
}

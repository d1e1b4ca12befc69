/**
 * Charts kept from a notebook's last finished run, so the next visit shows them while DuckDB
 * starts (issue 20, warm start), as Jupyter shows a notebook's saved outputs before its kernel.
 * They are kept in this browser's storage beside the autosaved notebook, per notebook file and
 * with the exact text they came from: they are shown only for that text, only until this
 * page's first run ends, and marked as kept (`data-stale="kept"`) until the live chart replaces
 * them. Only a chart's own rows (an aggregate the notebook drew) are kept, never a dataset, and
 * a notebook whose charts need more than MAX_CHARS keeps none.
 */
import type { ChartSpec } from '../../charts/spec.ts';
import type { Row } from '../../engine/Engine.ts';
import type { CellState } from '../../notebook/state.ts';
import type { KeyValueStore } from '../autosave.ts';

export interface KeptChart {
  spec: ChartSpec;
  rows: Row[];
}

const PREFIX = 'statecraft:kept-charts:';
/** About 1 MB of storage (UTF-16): a few charts' rows, not a table. */
const MAX_CHARS = 500_000;

const textKey = (file: string) => `${PREFIX}${file}:text`;
const chartsKey = (file: string) => `${PREFIX}${file}:charts`;

/** The charts kept for this notebook file and exactly this text, by cell key. */
export function readKeptCharts(
  store: KeyValueStore | undefined,
  file: string,
  text: string,
): ReadonlyMap<string, KeptChart> {
  try {
    if (!store || !file || store.getItem(textKey(file)) !== text) return new Map();
    const charts = JSON.parse(store.getItem(chartsKey(file)) ?? '{}') as Record<string, KeptChart>;
    return new Map(Object.entries(charts));
  } catch {
    return new Map();
  }
}

/** Keeps the charts of a finished run (or forgets them when they are too big to keep). */
export function keepCharts(
  store: KeyValueStore | undefined,
  file: string,
  text: string,
  cells: ReadonlyMap<string, CellState>,
): void {
  if (!store || !file) return;
  const charts: Record<string, KeptChart> = {};
  for (const [key, state] of cells) {
    if (state.status === 'ok' && state.chart) charts[key] = state.chart;
  }
  try {
    const json = JSON.stringify(charts);
    if (Object.keys(charts).length === 0 || json.length > MAX_CHARS) throw new Error('not kept');
    store.setItem(chartsKey(file), json);
    store.setItem(textKey(file), text);
  } catch {
    // Too big, not JSON (a BIGINT in a row) or storage full: keep nothing rather than a part.
    store.removeItem(textKey(file));
    store.removeItem(chartsKey(file));
  }
}

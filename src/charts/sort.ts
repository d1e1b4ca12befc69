/**
 * The `sort` key: the order of the categories on the category axis (x of a vertical chart,
 * y of a horizontal one, both axes of a heatmap). Without it, numbers run ascending and text
 * keeps the order of the rows (docs/notebook-format.md).
 */
import type { Row } from '../engine/Engine.ts';
import { toCategory, type Category } from './columns.ts';
import type { ChartSort } from './spec.ts';
import { MISSING_LABEL } from './theme.ts';

export interface SortInput {
  sort: ChartSort;
  rows: readonly Row[];
  /** The category column. */
  column: string;
  /** The measured column, for `value` and `-value`. */
  valueColumn?: string;
  /** A category as the axis writes it (value labels included), for `label` and `-label`. */
  text: (value: Category) => string;
}

/** `categories` (one domain) in the order `sort` asks for; the missing label stays last. */
export function sortCategories(categories: readonly Category[], how: SortInput): Category[] {
  const present = categories.filter((c) => c !== MISSING_LABEL);
  const missing = present.length < categories.length ? [MISSING_LABEL] : [];
  return [...order(present, how), ...missing];
}

function order(categories: Category[], how: SortInput): Category[] {
  switch (how.sort) {
    case 'rows':
      return rowOrder(categories, how);
    case 'label':
    case '-label': {
      const sorted = [...categories].sort((a, b) => compareText(a, b, how.text));
      return how.sort === 'label' ? sorted : sorted.reverse();
    }
    case 'value':
    case '-value': {
      const largest = largestValues(how);
      const key = (c: Category) => largest.get(c) ?? Number.NaN;
      // Categories without a value go last either way; ties keep their row order.
      const sign = how.sort === 'value' ? 1 : -1;
      return rowOrder(categories, how).sort((a, b) => {
        const [ka, kb] = [key(a), key(b)];
        if (Number.isNaN(ka) || Number.isNaN(kb))
          return Number(Number.isNaN(ka)) - Number(Number.isNaN(kb));
        return sign * (ka - kb);
      });
    }
  }
}

/** The categories in the order of their first row. */
function rowOrder(categories: Category[], how: SortInput): Category[] {
  const first = new Map<Category, number>();
  how.rows.forEach((row, i) => {
    const c = toCategory(row[how.column]);
    if (!first.has(c)) first.set(c, i);
  });
  return [...categories].sort((a, b) => (first.get(a) ?? 0) - (first.get(b) ?? 0));
}

/** Numbers numerically, text by its characters ignoring case: the same on every machine. */
function compareText(a: Category, b: Category, text: (value: Category) => string): number {
  const [ta, tb] = [text(a), text(b)];
  // Unlabelled numbers compare as numbers (2 before 10); labelled codes by their words.
  if (typeof a === 'number' && typeof b === 'number' && ta === String(a) && tb === String(b)) {
    return a - b;
  }
  const [la, lb] = [ta.toLowerCase(), tb.toLowerCase()];
  if (la !== lb) return la < lb ? -1 : 1;
  return ta < tb ? -1 : ta > tb ? 1 : 0;
}

/** The largest measured value of each category's rows (Plot's own default for sorting). */
function largestValues(how: SortInput): Map<Category, number> {
  const largest = new Map<Category, number>();
  if (how.valueColumn === undefined) return largest;
  for (const row of how.rows) {
    const v = row[how.valueColumn];
    if (typeof v !== 'number' || Number.isNaN(v)) continue;
    const c = toCategory(row[how.column]);
    largest.set(c, Math.max(largest.get(c) ?? -Infinity, v));
  }
  return largest;
}

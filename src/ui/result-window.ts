/**
 * The arithmetic of ResultTable's scroll window: which rows are on screen, which pages of
 * rows to fetch and keep, and how a click on a header changes the sort. Pure functions, so
 * they are tested in Node.
 */
import type { Row } from '../engine/Engine.ts';
import type { SortKey } from '../panels/result-pages.ts';

/** Every row is exactly this tall, so a scroll position is a row number. */
export const ROW_PX = 28;
export const PAGE_ROWS = 100;
/** Rows fetched beyond the screen in each direction, so that scrolling rarely waits. */
export const AHEAD = 40;
/** Pages kept in memory; the farthest from the screen are dropped first. */
export const KEEP_PAGES = 12;
/**
 * Browsers cap an element's height (Chromium near 2^25 px); past this the scroll range is
 * mapped onto the rows proportionally instead of pixel for pixel.
 */
export const MAX_BODY_PX = 8_000_000;

/** Rows that fit on screen: one fewer when a horizontal scrollbar takes the last one's place. */
export function shownRows(viewportHeight: number, capacity: number): number {
  return viewportHeight > ROW_PX
    ? Math.max(1, Math.min(capacity, Math.floor((viewportHeight - ROW_PX) / ROW_PX)))
    : capacity;
}

/** The height of the rows' body in pixels, capped at MAX_BODY_PX. */
export function bodyHeight(total: number): number {
  return Math.min(total * ROW_PX, MAX_BODY_PX);
}

/** The first row on screen for a scroll position. */
export function firstRow(
  scrollTop: number,
  viewportHeight: number,
  total: number,
  shown: number,
): number {
  const scrollable = bodyHeight(total) + ROW_PX - viewportHeight;
  if (total <= shown || scrollable <= 0) return 0;
  const share = Math.min(1, Math.max(0, scrollTop / scrollable));
  return Math.round(share * (total - shown));
}

/** The indexes of the rows on screen. */
export function visibleIndexes(first: number, shown: number, total: number): number[] {
  return Array.from({ length: Math.min(shown, total - first) }, (_, k) => first + k);
}

export function rowAt(pages: Map<number, Row[]>, i: number): Row | undefined {
  return pages.get(Math.floor(i / PAGE_ROWS))?.[i % PAGE_ROWS];
}

/** The preview's rows as pages, for the table's natural order. */
export function previewPages(rows: Row[], rowCount: number): Map<number, Row[]> {
  const entries: [number, Row[]][] = [];
  for (let k = 0; k * PAGE_ROWS < rows.length; k++) {
    const page = rows.slice(k * PAGE_ROWS, (k + 1) * PAGE_ROWS);
    // A partial page is complete only if it holds the table's last row.
    if (page.length === PAGE_ROWS || k * PAGE_ROWS + page.length === rowCount) {
      entries.push([k, page]);
    }
  }
  return new Map(entries);
}

/** The pages around the screen, the page on screen first, then outwards. */
export function wantedPages(first: number, shown: number, total: number): number[] {
  const low = Math.floor(Math.max(0, first - AHEAD) / PAGE_ROWS);
  const high = Math.floor(Math.max(0, Math.min(total - 1, first + shown + AHEAD)) / PAGE_ROWS);
  const onScreen = Math.floor(first / PAGE_ROWS);
  const all = Array.from({ length: high - low + 1 }, (_, k) => low + k);
  return all.sort((a, b) => Math.abs(a - onScreen) - Math.abs(b - onScreen));
}

/** The pages nearest the screen, at most KEEP_PAGES of them. */
export function keepNear(entries: [number, Row[]][], center: number): Map<number, Row[]> {
  const nearest = entries
    .sort((a, b) => Math.abs(a[0] - center) - Math.abs(b[0] - center))
    .slice(0, KEEP_PAGES);
  return new Map(nearest);
}

/** A click on a column's header: ascending, then descending, then the natural order. */
export function nextSort(sort: SortKey | undefined, column: string): SortKey | undefined {
  if (!sort || sort.column !== column) return { column, descending: false };
  if (!sort.descending) return { column, descending: true };
  return undefined;
}

export function ariaSort(
  sort: SortKey | undefined,
  column: string,
): 'ascending' | 'descending' | undefined {
  if (sort?.column !== column) return undefined;
  return sort.descending ? 'descending' : 'ascending';
}

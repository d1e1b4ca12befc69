import { describe, expect, it } from 'vitest';
import type { Row } from '../../src/engine/Engine.ts';
import {
  MAX_BODY_PX,
  PAGE_ROWS,
  ROW_PX,
  ariaSort,
  bodyHeight,
  firstRow,
  keepNear,
  nextSort,
  previewPages,
  rowAt,
  shownRows,
  visibleIndexes,
  wantedPages,
} from '../../src/ui/result-window.ts';
import { cellText, columnWidths } from '../../src/ui/result-cells.ts';

const rows = (n: number, from = 0): Row[] => Array.from({ length: n }, (_, k) => ({ i: from + k }));

describe('result window', () => {
  it('fits rows under the header, one fewer when a scrollbar takes the last place', () => {
    expect(shownRows(0, 12)).toBe(12);
    expect(shownRows(13 * ROW_PX, 12)).toBe(12);
    expect(shownRows(12 * ROW_PX + 10, 12)).toBe(11);
    expect(shownRows(ROW_PX + 1, 12)).toBe(1);
  });

  it('caps the body height and maps the scroll range onto the rows', () => {
    expect(bodyHeight(10)).toBe(10 * ROW_PX);
    expect(bodyHeight(10_000_000)).toBe(MAX_BODY_PX);
    const viewport = 13 * ROW_PX;
    expect(firstRow(500, viewport, 10, 12)).toBe(0);
    expect(firstRow(0, viewport, 1000, 12)).toBe(0);
    expect(firstRow(1000 * ROW_PX, viewport, 1000, 12)).toBe(988);
    expect(firstRow(10 * ROW_PX, viewport, 1000, 12)).toBe(10);
    const huge = 10_000_000;
    const end = MAX_BODY_PX + ROW_PX - viewport;
    expect(firstRow(end / 2, viewport, huge, 12)).toBe(Math.round((huge - 12) / 2));
  });

  it('lists the rows on screen, fewer at the end', () => {
    expect(visibleIndexes(3, 4, 100)).toEqual([3, 4, 5, 6]);
    expect(visibleIndexes(8, 4, 10)).toEqual([8, 9]);
  });

  it('pages the preview, keeping a partial page only when it ends the table', () => {
    const preview = rows(PAGE_ROWS + 20);
    expect([...previewPages(preview, 1000).keys()]).toEqual([0]);
    const all = previewPages(preview, PAGE_ROWS + 20);
    expect([...all.keys()]).toEqual([0, 1]);
    expect(rowAt(all, PAGE_ROWS + 5)).toEqual({ i: PAGE_ROWS + 5 });
    expect(rowAt(all, 5000)).toBeUndefined();
  });

  it('wants the page on screen first, then outwards', () => {
    expect(wantedPages(0, 12, 1000)).toEqual([0]);
    expect(wantedPages(240, 12, 1000)).toEqual([2]);
    expect(wantedPages(230, 12, 1000)).toEqual([2, 1]);
    expect(wantedPages(190, 12, 1000)).toEqual([1, 2]);
    expect(wantedPages(0, 12, 0)).toEqual([0]);
  });

  it('keeps the nearest pages only', () => {
    const entries: [number, Row[]][] = Array.from({ length: 20 }, (_, k) => [k, []]);
    const kept = keepNear(entries, 15);
    expect(kept.size).toBe(12);
    expect(kept.has(15) && kept.has(19) && kept.has(9)).toBe(true);
    expect(kept.has(0)).toBe(false);
  });

  it('cycles a column through ascending, descending and unsorted', () => {
    const up = nextSort(undefined, 'a');
    expect(up).toEqual({ column: 'a', descending: false });
    const down = nextSort(up, 'a');
    expect(down).toEqual({ column: 'a', descending: true });
    expect(nextSort(down, 'a')).toBeUndefined();
    expect(nextSort(down, 'b')).toEqual({ column: 'b', descending: false });
    expect(ariaSort(down, 'a')).toBe('descending');
    expect(ariaSort(up, 'a')).toBe('ascending');
    expect(ariaSort(up, 'b')).toBeUndefined();
  });
});

describe('result cells', () => {
  it('sizes columns from header and preview, within bounds', () => {
    const widths = columnWidths(
      [{ name: 'a' }, { name: 'b' }],
      [{ a: 'x'.repeat(100), b: 1 }],
      (name) => name,
    );
    expect(widths).toEqual([38, 7]);
  });

  it('keeps a capped text’s length visible and gives long texts a title', () => {
    expect(cellText('short', 10)).toEqual({ text: 'short' });
    expect(cellText('a long value here', 10)).toEqual({
      text: 'a long value here',
      title: 'a long value here',
    });
    const capped = `${'x'.repeat(50)}… (1,000 characters)`;
    const shown = cellText(capped, 30);
    expect(shown.title).toBe(capped);
    expect(shown.text.endsWith('… (1,000 characters)')).toBe(true);
  });
});

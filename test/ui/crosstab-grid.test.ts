import { describe, expect, it } from 'vitest';
import { crosstabGrid } from '../../src/ui/crosstab-grid.ts';

describe('crosstabGrid', () => {
  it('lays long-format counts out as a contingency table with margins', () => {
    // Invented counts in the runner's long format (empty combinations included as 0).
    const rows = [
      { embassy_closed: false, success: false, n: 10, row_share: 10 / 25 },
      { embassy_closed: false, success: true, n: 15, row_share: 15 / 25 },
      { embassy_closed: true, success: false, n: 7, row_share: 1 },
      { embassy_closed: true, success: true, n: 0, row_share: 0 },
      { embassy_closed: null, success: true, n: 2, row_share: 1 },
    ];
    const grid = crosstabGrid(rows, 'embassy_closed', 'success');
    expect(grid.rowValues).toEqual([false, true, null]);
    expect(grid.colValues).toEqual([false, true]);
    expect(grid.cells.map((line) => line.map((c) => c.n))).toEqual([
      [10, 15],
      [7, 0],
      [0, 2],
    ]);
    expect(grid.cells[0][1].share).toBeCloseTo(0.6, 12);
    // A combination absent from the rows has no share rather than a made-up one.
    expect(grid.cells[2][0].share).toBeNull();
    expect(grid.rowTotals).toEqual([25, 7, 2]);
    expect(grid.colTotals).toEqual([17, 17]);
    expect(grid.total).toBe(34);
  });
});

import { describe, expect, it } from 'vitest';
import type { QueryResult } from '../../../src/engine/Engine.ts';
import { crosstabTable } from '../../../src/ui/cells/crosstab/layout.ts';
import { rateTable } from '../../../src/ui/cells/rate/layout.ts';
import type { Span, StatCell } from '../../../src/ui/stat-tables.ts';

/** Statistics tables name their columns by variable label, as result tables and charts do. */

const words = (spans: Span[]) => spans.map((s) => s.text).join('');
const heads = (cells: StatCell[]) => cells.map((c) => words(c.spans));

const rates: QueryResult = {
  columns: ['EU', 'n', 'successes', 'rate', 'lower', 'upper'].map((name) => ({
    name,
    type: 'DOUBLE',
  })),
  rows: [{ EU: 1, n: 10, successes: 4, rate: 0.4, lower: 0.17, upper: 0.69 }],
};

const counts: QueryResult = {
  columns: ['EU', 'success', 'n'].map((name) => ({ name, type: 'DOUBLE' })),
  rows: [
    { EU: 0, success: 0, n: 3 },
    { EU: 1, success: 1, n: 2 },
  ],
};

describe('statistics tables with variable labels', () => {
  it('a rate table heads its groups and outcome with their labels', () => {
    const table = rateTable(rates, 'success', undefined, {
      EU: 'EU SANCTION',
      success: 'Target complied',
    });
    expect(heads(table.head).slice(0, 3)).toEqual(['EU SANCTION', 'n', 'Target complied']);
    expect(words(table.caption)).toContain('Target complied');
  });

  it('without labels it shows the column names, as code', () => {
    const table = rateTable(rates, 'success');
    expect(table.head[0].spans).toEqual([{ text: 'EU', as: 'code' }]);
    expect(heads(table.head)[2]).toBe('success');
  });

  it('a crosstab names its rows and columns by label in the caption and the corner', () => {
    const table = crosstabTable(counts, 'EU', 'success', { EU: 'EU SANCTION' });
    expect(words(table.caption)).toBe('Counts (row %) of EU SANCTION by success');
    expect(heads(table.head)[0]).toBe('EU SANCTION \\ success');
  });
});

import { describe, expect, it } from 'vitest';
import { cellKey, cellLabel, cellLabels } from '../../src/notebook/graph.ts';
import { cellsOf, parseNotebook } from '../../src/notebook/parse.ts';

describe('cellLabels', () => {
  it('gives every cell the label cellLabel gives it, named and unnamed, of each kind', () => {
    const text = [
      '```sql a\nSELECT 1 AS x\n```',
      '```chart\nfrom: a\nx: x\ny: x\n```',
      '```sql b\nSELECT 2 AS x\n```',
      '```expect\na:\n  where: {}\n  x: 1\n```',
      '```chart\nfrom: b\nx: x\ny: x\n```',
    ].join('\n\n');
    const cells = cellsOf(parseNotebook(text).notebook);
    const labels = cellLabels(cells);
    expect([...labels.values()]).toEqual(['a', 'chart-1', 'b', 'expect-1', 'chart-2']);
    for (const cell of cells) expect(labels.get(cellKey(cell))).toBe(cellLabel(cell, cells));
  });
});

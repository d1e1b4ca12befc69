import { describe, expect, it } from 'vitest';
import { cellLabels } from '../../src/notebook/graph.ts';
import { cellsOf, parseNotebook } from '../../src/notebook/parse.ts';

describe('cellLabels', () => {
  it('names a cell by its name, an unnamed one by its kind and place among that kind', () => {
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
  });
});

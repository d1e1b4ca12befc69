import { describe, expect, it } from 'vitest';
import { cellKey } from '../../src/notebook/graph.ts';
import { cellsOf, parseNotebook } from '../../src/notebook/parse.ts';
import {
  addCell,
  deleteCell,
  duplicateCell,
  moveCell,
  replaceProse,
} from '../../src/notebook/cell-edits.ts';

const NOTEBOOK = `---
datasets:
  episodes: episodes.csv
---

# Title

\`\`\`sql recent
SELECT * FROM episodes
\`\`\`

Some prose about rates.

\`\`\`rate by_region
from: recent
outcome: success
by: region
\`\`\`

\`\`\`chart
from: by_region
mark: barY
x: region
y: rate
\`\`\`
`;

function keys(text: string): string[] {
  const parsed = parseNotebook(text);
  expect(parsed.errors).toEqual([]);
  return cellsOf(parsed.notebook).map(cellKey);
}

describe('editing the cells of a notebook as text', () => {
  it('adds a cell after another, named uniquely, reading the table above it', () => {
    const { text, key } = addCell(NOTEBOOK, 'recent', 'sql');
    expect(key).toBe('query_1');
    expect(keys(text)).toEqual(['recent', 'query_1', 'by_region', '#3']);
    const added = cellsOf(parseNotebook(text).notebook)[1];
    expect(added.source).toBe('SELECT *\nFROM recent\nLIMIT 100');
    // Everything else is untouched, and the new cell sits between blank lines.
    expect(text).toContain('```\n\n```sql query_1\nSELECT *');
    expect(text).toContain('LIMIT 100\n```\n\nSome prose about rates.');
    expect(deleteCell(text, 'query_1')).toBe(NOTEBOOK);
  });

  it('adds at the end and keeps names unique across cells and datasets', () => {
    const once = addCell(NOTEBOOK, undefined, 'rate');
    expect(once.key).toBe('rates_1');
    const twice = addCell(once.text, undefined, 'rate');
    expect(twice.key).toBe('rates_2');
    expect(twice.text.endsWith('by: \n```\n')).toBe(true);
    const chart = addCell(NOTEBOOK, undefined, 'chart');
    expect(chart.key).toBe('#3');
    expect(cellsOf(parseNotebook(chart.text).notebook).map(cellKey)).toEqual([
      'recent',
      'by_region',
      '#2',
      '#3',
    ]);
  });

  it('deletes a cell and the blank line it leaves', () => {
    const text = deleteCell(NOTEBOOK, 'by_region');
    expect(keys(text)).toEqual(['recent', '#1']);
    expect(text).toContain('Some prose about rates.\n\n```chart');
  });

  it('swaps a cell with its neighbour and back again, prose staying in place', () => {
    const down = moveCell(NOTEBOOK, 'recent', 1);
    expect(keys(down)).toEqual(['by_region', 'recent', '#2']);
    expect(down).toContain('```\n\nSome prose about rates.\n\n```sql recent');
    expect(moveCell(down, 'recent', -1)).toBe(NOTEBOOK);
    expect(moveCell(NOTEBOOK, 'recent', -1)).toBe(NOTEBOOK);
    expect(moveCell(NOTEBOOK, '#2', 1)).toBe(NOTEBOOK);
    const up = moveCell(NOTEBOOK, '#2', -1);
    expect(keys(up)).toEqual(['recent', '#1', 'by_region']);
    expect(moveCell(up, '#1', 1)).toBe(NOTEBOOK);
  });

  it('duplicates a cell right after it, a named one under the first free name', () => {
    const once = duplicateCell(NOTEBOOK, 'by_region');
    expect(once.key).toBe('by_region_copy');
    expect(keys(once.text)).toEqual(['recent', 'by_region', 'by_region_copy', '#3']);
    const copy = cellsOf(parseNotebook(once.text).notebook)[2];
    expect(copy.source).toBe('from: recent\noutcome: success\nby: region');
    const twice = duplicateCell(once.text, 'by_region');
    expect(twice.key).toBe('by_region_copy2');
    expect(keys(twice.text)).toEqual([
      'recent',
      'by_region',
      'by_region_copy2',
      'by_region_copy',
      '#4',
    ]);
    // An unnamed chart is copied as it is; its copy is the next cell by position.
    const chart = duplicateCell(NOTEBOOK, '#2');
    expect(chart.key).toBe('#3');
    expect(keys(chart.text)).toEqual(['recent', 'by_region', '#2', '#3']);
    expect(deleteCell(chart.text, '#3')).toBe(NOTEBOOK);
  });

  it('replaces a prose block in place, keeping the blank lines around it', () => {
    const blocks = parseNotebook(NOTEBOOK).notebook.blocks;
    const prose = blocks.filter((b) => b.kind === 'markdown');
    const about = prose[1] as { line: number; text: string };
    expect(about.text.trim()).toBe('Some prose about rates.');
    const edited = replaceProse(NOTEBOOK, about.line, about.text, '\nRates, *by region*.\n\n');
    expect(edited).toBe(NOTEBOOK.replace('Some prose about rates.', 'Rates, *by region*.'));
    expect(keys(edited)).toEqual(['recent', 'by_region', '#2']);
    // Text that no longer stands at that line is refused, not written somewhere else.
    expect(() => replaceProse(edited, about.line, about.text, 'x')).toThrow(
      'The notebook changed while you were editing this text',
    );
  });
});

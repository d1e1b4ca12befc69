import { describe, expect, it } from 'vitest';
import { cellsOf, parseNotebook } from '../../src/notebook/parse.ts';
import { renameCell } from '../../src/notebook/cell-edits.ts';
import { FIVE } from './rename-fixture.ts';

describe('renaming a cell', () => {
  it('renaming a cell that four other cells use updates all four', () => {
    const text = renameCell(FIVE, 'recent', 'since_1970');
    const parsed = parseNotebook(text);
    expect(parsed.errors).toEqual([]);
    const cells = cellsOf(parsed.notebook);
    expect(cells.map((c) => c.name)).toEqual([
      'from_year',
      'since_1970',
      'joined',
      'model',
      undefined,
      undefined,
    ]);
    expect(cells[2].source).toBe(
      `SELECT r.*, 'recent' AS label FROM since_1970 r JOIN "since_1970" q USING (id) -- recent`,
    );
    expect(cells[3].source).toBe('from: since_1970\nformula: outcome ~ year');
    expect(cells[4].source.split('\n')[0]).toBe('from: since_1970 # the cell above');
    expect(cells[5].source.split('\n')[0]).toBe('since_1970:');
    expect(text.split('\n').length).toBe(FIVE.split('\n').length);
    expect(renameCell(text, 'since_1970', 'recent')).toBe(FIVE);
  });

  it("renames the cell's own output tables where others read them, and an input's $name", () => {
    const model = renameCell(FIVE, 'model', 'fit1');
    expect(model).toContain('```logit fit1\n');
    expect(model).toContain('\nfit1_fit:\n');
    const input = renameCell(FIVE, 'from_year', 'first_year');
    expect(input).toContain('WHERE year >= $first_year');
    expect(input).toContain('```input first_year\n');
  });

  it('refuses a name that is taken or not an identifier', () => {
    expect(() => renameCell(FIVE, 'recent', 'episodes')).toThrow(/already taken/);
    expect(() => renameCell(FIVE, 'recent', 'Model')).toThrow(/already taken/);
    expect(() => renameCell(FIVE, 'recent', '1st')).toThrow(/identifier/);
    expect(renameCell(FIVE, 'recent', 'recent')).toBe(FIVE);
  });
});

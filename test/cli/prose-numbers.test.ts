/**
 * The flagship notebook states no number a cell did not compute (issue 22): every number in
 * notebooks/embassy-evidence.md's prose is an inline reference ({{ table.column … }}, filled
 * from the run and checked by `statecraft check`), a figure quoted from the literature or a
 * citation (listed below, each with its reason), a section number, or a constant the cells
 * themselves use (a TIES or Diplomatic Exchange code, a year the SQL names).
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseNotebook } from '../../src/notebook/parse.ts';

const FILE = 'notebooks/embassy-evidence.md';

/** Numbers written by hand on purpose, and why none of them is computed. */
const QUOTED: Record<string, string> = {
  '73': "Maller's published failure rate without an embassy (quoted)",
  '42': "Maller's published failure rate with an embassy (quoted)",
  '100': 'Maller\'s "more than 100 episodes" (quoted)',
  '2013': 'year of Maller and of the TIES manual (citation)',
  '2014': 'year of the TIES article (citation)',
  '31': 'volume of Conflict Management and Peace Science (citation)',
  '5': 'issue number of the TIES article; also "every five years" is spelled out',
  '541': 'first page of the TIES article (citation)',
  '558': 'last page of the TIES article (citation)',
  '2006': 'year and version of Diplomatic Exchange (citation)',
  '2006.1': 'Diplomatic Exchange version (citation)',
  '4': 'TIES manual version 4 (citation)',
  '4.1': 'TIES version (citation)',
  '1945': 'first year TIES covers (citation title)',
  '2005': 'last year TIES and Diplomatic Exchange cover (citation title)',
  '1977': 'the year the US interests section in Havana opened (context for code 9)',
  '1955': 'the second Diplomatic Exchange sample year, listed (codebook)',
  '1965': 'the end of the years Diplomatic Exchange often codes 9 (codebook)',
  '95': 'a 95% interval: the level every interval in the notebook uses',
};

/** The prose: the notebook without front matter, cells, inline code and inline references. */
function proseOf(text: string): string {
  return text
    .replace(/^---\n[\s\S]*?\n---\n/, '')
    .replace(/^```[\s\S]*?^```$/gm, '')
    .replace(/\{\{[^}]*\}\}/g, ' ')
    .replace(/`[^`]*`/g, ' ')
    .replace(/^#+ \d+\. /gm, '# ');
}

/** Every number written in the cells' code: codes and years the analysis itself uses. */
async function constantsOfCells(text: string): Promise<Set<string>> {
  const { notebook } = parseNotebook(text);
  const numbers = new Set<string>();
  for (const block of notebook.blocks) {
    if (block.kind === 'markdown') continue;
    for (const n of block.source.match(/\d+(?:\.\d+)?/g) ?? []) numbers.add(n);
  }
  return numbers;
}

describe('the flagship notebook (embassy-evidence.md)', () => {
  it('states in its prose only numbers its cells compute, quote or use', async () => {
    const text = await readFile(FILE, 'utf8');
    const constants = await constantsOfCells(text);
    const sections = [...text.matchAll(/^## (\d+)\./gm)].map((m) => m[1]!);
    const prose = proseOf(text);
    const unexplained = [...prose.matchAll(/\b\d+(?:\.\d+)?\b/g)]
      .map((m) => m[0])
      .filter((n) => !(n in QUOTED) && !constants.has(n) && !sections.includes(n));
    expect(unexplained).toEqual([]);
  });

  it('fills its headline numbers from the run, not from the text', async () => {
    const text = await readFile(FILE, 'utf8');
    const refs = [...text.matchAll(/\{\{\s*([a-z_]+)\.([a-z_]+)/g)].map((m) => `${m[1]}.${m[2]}`);
    // The findings the closing section rests on, each a reference to the cell that shows it.
    for (const ref of [
      'failure_rates.rate',
      'failure_table_test.p_value',
      'm_controls.estimate',
      'm_clustered.p_value',
      'embassy_effect.estimate',
      'directions.failure_higher_without',
      'by_period.failure_rate',
      'coverage.kept',
    ]) {
      expect(refs).toContain(ref);
    }
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseNotebook } from '../../src/notebook/parse.ts';
import { markdownSections, slidesOf, type Slide } from '../../src/ui/slides.ts';

const WELCOME = readFileSync(new URL('../../notebooks/welcome.md', import.meta.url), 'utf8');

/** A readable line per slide: the section's first line, or the cell and its inputs. */
function outline(slides: Slide[]): string[] {
  return slides.map((s) =>
    s.kind === 'markdown'
      ? `md ${s.text.split('\n')[0]}`
      : `${s.cell.kind} ${s.key}${s.inputs.length ? ` ← ${s.inputs.map((c) => c.name).join(', ')}` : ''}`,
  );
}

describe('slidesOf', () => {
  it('cuts the welcome notebook into its sections and cells, with each cell’s inputs', () => {
    const slides = slidesOf(parseNotebook(WELCOME).notebook.blocks);
    expect(outline(slides)).toEqual([
      'md # Welcome to Statecraft Notebook',
      'md ## The data in this demo is synthetic',
      'md ## 1. Choose a period',
      'input from_year',
      'md ## 2. US-led episodes',
      'sql us_episodes ← from_year',
      'md ## 3. Failure rate by embassy closure',
      'rate failure_by_embassy ← from_year',
      'chart #3 ← from_year',
      'md ## 4. Is it the embassy, or something else?',
      'logit failure_model ← from_year',
      'md The odds ratio of `embassy_closedTRUE` shrinks from about 3.8 (no controls) to about 2.7, but',
      'chart #5 ← from_year',
      'md ## 5. The receipt',
      'expect #6 ← from_year',
      'md ## Where next',
    ]);
    expect(new Set(slides.map((s) => s.id)).size).toBe(slides.length);
  });

  it('lists only the inputs a cell really depends on', () => {
    const text = [
      '```input a',
      'type: range',
      'min: 0',
      'max: 9',
      'value: 1',
      '```',
      '```input b',
      'type: checkbox',
      'value: true',
      '```',
      '```sql uses_a',
      'SELECT $a AS x',
      '```',
      '```sql plain',
      'SELECT 1 AS y',
      '```',
      '```sql both',
      'SELECT * FROM uses_a WHERE $b',
      '```',
    ].join('\n');
    expect(outline(slidesOf(parseNotebook(text).notebook.blocks))).toEqual([
      'input a',
      'input b',
      'sql uses_a ← a',
      'sql plain',
      'sql both ← a, b',
    ]);
  });
});

describe('markdownSections', () => {
  it('cuts at level 1–2 headings and rules, never inside code or at deeper headings', () => {
    const text = [
      'Intro line',
      '',
      '## First',
      'Text',
      '### Detail stays',
      '```python',
      '# not a heading',
      '---',
      '```',
      '',
      '---',
      '',
      'After the rule',
      '',
      'Setext heading',
      '==============',
      'body',
      '',
      '',
    ].join('\n');
    expect(markdownSections(text)).toEqual([
      'Intro line',
      '## First\nText\n### Detail stays\n```python\n# not a heading\n---\n```',
      'After the rule',
      'Setext heading\n==============\nbody',
    ]);
  });

  it('drops empty sections', () => {
    expect(markdownSections('\n\n---\n\n# Title\n')).toEqual(['# Title']);
    expect(markdownSections('   \n')).toEqual([]);
  });
});

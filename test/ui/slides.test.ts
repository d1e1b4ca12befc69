import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseNotebook } from '../../src/notebook/parse.ts';
import { markdownSections, slidesOf, type Slide } from '../../src/ui/slides.ts';

const WELCOME = readFileSync(new URL('../../notebooks/welcome.md', import.meta.url), 'utf8');

const EMBASSY = readFileSync(
  new URL('../../notebooks/embassy-closure.md', import.meta.url),
  'utf8',
);

/** A readable line per slide: the section's first line, or the cell, its inputs and prose. */
function outline(slides: Slide[]): string[] {
  return slides.map((s) =>
    s.kind === 'markdown'
      ? `md ${s.text.split('\n')[0]}`
      : [
          `${s.cell.kind} ${s.key}`,
          s.inputs.length ? ` ← ${s.inputs.map((c) => c.name).join(', ')}` : '',
          s.lead ? ` (lead: ${s.lead.split('\n')[0]})` : '',
          s.after ? ` (after: ${s.after.split('\n')[0]})` : '',
        ].join(''),
  );
}

const slides = (text: string) => slidesOf(parseNotebook(text).notebook.blocks);

describe('slidesOf', () => {
  it('cuts the welcome notebook at its headings, one screen per result, inputs beside them', () => {
    const welcome = slides(WELCOME);
    expect(outline(welcome)).toEqual([
      'md # Welcome to Statecraft Notebook',
      'md ## The data in this demo is synthetic',
      // "Choose a period" and its one sentence join the next section; the slider itself sits
      // on every screen whose result it changes, so it has no screen of its own.
      'md ## 1. Choose a period',
      'sql us_episodes ← from_year',
      'rate failure_by_embassy ← from_year (lead: ## 3. Failure rate by embassy closure)',
      'chart #3 ← from_year',
      'md ## 4. Is it the embassy, or something else?',
      'logit failure_model ← from_year',
      'md The odds ratio of `embassy_closedTRUE` shrinks from about 3.8 (no controls) to about 2.7, but',
      'chart #5 ← from_year',
      'md ## 5. The receipt',
      'expect #6 ← from_year',
      'md ## Where next',
    ]);
    expect(welcome[2].kind === 'markdown' && welcome[2].text).toContain('## 2. US-led episodes');
    expect(new Set(welcome.map((s) => s.id)).size).toBe(welcome.length);
  });

  it('leaves no screen of embassy-closure with only a heading and one sentence', () => {
    const all = slides(EMBASSY);
    expect(all.length).toBeLessThanOrEqual(25); // 34 when every section and cell had one
    for (const slide of all) {
      if (slide.kind !== 'markdown') continue;
      const lines = slide.text.split('\n').filter((l) => l.trim() !== '');
      expect(lines.length > 2 || slide.text.length > 240, slide.text).toBe(true);
    }
    const questions = all.filter((s) => s.kind === 'cell' && s.after.startsWith('*Question'));
    expect(questions.map((s) => s.id)).toEqual([
      'cell:first_rows',
      'cell:#6',
      'cell:group_profiles',
      'cell:#10',
      'cell:other_failure_rates',
    ]);
  });

  it('lists only the inputs a cell really depends on, and gives a shown input no screen', () => {
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
      '```input alone',
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
    expect(outline(slides(text))).toEqual([
      'input alone',
      'sql uses_a ← a',
      'sql plain',
      'sql both ← a, b',
    ]);
  });

  it('joins a heading and one sentence to the next screen, unless <!-- slide --> breaks', () => {
    const text = [
      '## Short',
      '',
      'One sentence: it leads into the next.',
      '',
      '## Next section',
      '',
      'First sentence. Second sentence.',
      '',
      '## Before a cell',
      '',
      'The query:',
      '',
      '```sql q',
      'SELECT 1 AS x',
      '```',
      '',
      '*Is one the loneliest number?*',
      '',
      '## Kept apart',
      '',
      'Alone on purpose.',
      '',
      '<!-- slide -->',
      '',
      '## Last',
      '',
      'Two sentences here. They stand alone.',
    ].join('\n');
    expect(outline(slides(text))).toEqual([
      'md ## Short',
      'sql q (lead: ## Before a cell) (after: *Is one the loneliest number?*)',
      'md ## Kept apart',
      'md ## Last',
    ]);
    const first = slides(text)[0];
    expect(first.kind === 'markdown' && first.text).toContain('## Next section');
  });

  it('takes <!-- notes: … --> out of the slide into its notes', () => {
    const text = [
      '## Results',
      '',
      'The rates differ. Look at the intervals before you conclude anything.',
      '',
      '<!-- notes: Ask the class',
      'which interval is wider. -->',
      '',
      '```sql q',
      'SELECT 1 AS x',
      '```',
    ].join('\n');
    const [prose, cell] = slides(text);
    expect(prose.kind === 'markdown' && prose.text).not.toContain('notes');
    expect(prose.kind === 'markdown' && prose.notes).toEqual([
      'Ask the class\nwhich interval is wider.',
    ]);
    expect(cell.kind).toBe('cell');
  });

  it('gives no screen to a cell hidden from the slides or whose output is hidden', () => {
    const text = [
      '```sql shown',
      'SELECT 1 AS x',
      '```',
      '```sql off_slides',
      '-- hide: [slides]',
      'SELECT 2 AS x',
      '```',
      '```rate no_output',
      'hide: [output]',
      'from: shown',
      'outcome: x',
      'by: x',
      '```',
      '```sql code_hidden',
      '-- hide: [code]',
      'SELECT 3 AS x',
      '```',
    ].join('\n');
    expect(outline(slides(text))).toEqual(['sql shown', 'sql code_hidden']);
  });
});

describe('markdownSections', () => {
  it('cuts at level 1–2 headings, rules and <!-- slide -->, never inside code or at deeper headings', () => {
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
      '<!-- slide -->',
      '',
      'After the mark',
      '',
    ].join('\n');
    expect(markdownSections(text)).toEqual([
      'Intro line',
      '## First\nText\n### Detail stays\n```python\n# not a heading\n---\n```',
      'After the rule',
      'Setext heading\n==============\nbody',
      'After the mark',
    ]);
  });

  it('drops empty sections', () => {
    expect(markdownSections('\n\n---\n\n# Title\n')).toEqual(['# Title']);
    expect(markdownSections('   \n')).toEqual([]);
  });
});

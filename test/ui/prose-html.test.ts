// @vitest-environment jsdom
/**
 * Prose with inline values as HTML (issue 22): each reference becomes a span with its value,
 * a pending mark or its error, after sanitizing, so a value from a data file is only ever text.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { InlineFill } from '../../src/notebook/inline-fill.ts';
import type { InlineRef } from '../../src/notebook/inline-values.ts';
import { loadMarkdown, markdownHtml } from '../../src/ui/markdown-cache.svelte.ts';
import { renderProse } from '../../src/ui/prose-html.ts';

function render(markdown: string, fill: (ref: InlineRef) => InlineFill): HTMLElement {
  const div = document.createElement('div');
  div.innerHTML = renderProse(markdown, fill) ?? 'not rendered';
  return div;
}

beforeAll(() => loadMarkdown());

const value = (text: string) => (): InlineFill => ({ state: 'value', text });

describe('renderProse', () => {
  it('shows a value in a span titled with its reference', () => {
    const prose = render('Rate: **{{ t.rate | .0% }}** of all.', value('41%'));
    const span = prose.querySelector('strong > span.inline-value')!;
    expect(span.textContent).toBe('41%');
    expect(span.getAttribute('data-state')).toBe('value');
    expect(span.getAttribute('title')).toBe('{{ t.rate | .0% }}');
    expect(prose.textContent!.trim()).toBe('Rate: 41% of all.');
  });

  it('keeps a value from the data as text, never markup', () => {
    const prose = render('Name: {{ t.name }}', value('<img src=x onerror="alert(1)"><b>x</b>'));
    expect(prose.querySelector('img, b')).toBeNull();
    expect(prose.querySelector('.inline-value')!.textContent).toBe(
      '<img src=x onerror="alert(1)"><b>x</b>',
    );
  });

  it('marks a pending value and says why one has none, the rest of the prose intact', () => {
    const prose = render('A {{ t.a }} and {{ t.b }} end.', (ref) =>
      ref.source === '{{ t.a }}'
        ? { state: 'pending', message: 'cell t has not run yet' }
        : { state: 'error', message: 't has no column "b"' },
    );
    const [a, b] = prose.querySelectorAll('.inline-value');
    expect([a.textContent, a.getAttribute('data-state')]).toEqual(['…', 'pending']);
    expect(a.getAttribute('title')).toBe('{{ t.a }}\ncell t has not run yet');
    expect([b.textContent, b.getAttribute('data-state')]).toEqual([
      '⚠ t has no column "b"',
      'error',
    ]);
    expect(prose.textContent!.trim()).toBe('A … and ⚠ t has no column "b" end.');
  });

  it('fills a reference in a table cell, its | not splitting the cell, and in a link title', () => {
    const prose = render(
      '| group | rate |\n|---|---|\n| a | {{ t.rate where g = "a" | .1% }} |\n\n[see](https://example.org "{{ t.n }}")',
      (ref) => ({ state: 'value', text: ref.source.includes('rate') ? '12.5%' : '7' }),
    );
    expect([...prose.querySelectorAll('tbody td')].map((td) => td.textContent)).toEqual([
      'a',
      '12.5%',
    ]);
    expect(prose.querySelector('a')!.getAttribute('title')).toBe('7');
  });

  it('leaves references as written without values to fill, and code always', () => {
    expect(render('`{{ t.a }}` {{ t.a }}', value('1')).textContent!.trim()).toBe('{{ t.a }} 1');
    const div = document.createElement('div');
    div.innerHTML = renderProse('{{ t.a }}') ?? 'not rendered';
    expect(div.textContent!.trim()).toBe('{{ t.a }}');
  });
});

describe('markdownHtml', () => {
  it('gives pre-rendered HTML for its exact text, and renders any other text', async () => {
    const { addPrerendered } = await import('../../src/ui/markdown-cache.svelte.ts');
    addPrerendered({ 'Pre-rendered *text*': '<p>made at build time</p>' });
    expect(markdownHtml('Pre-rendered *text*')).toBe('<p>made at build time</p>');
    expect(markdownHtml('Other *text*')).toBe('<p>Other <em>text</em></p>\n');
  });
});

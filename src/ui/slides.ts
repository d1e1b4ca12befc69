/**
 * Presentation mode's screens: the notebook cut into one markdown section or one cell each,
 * in document order. Prose is cut before every heading of level 1 or 2 and at every
 * horizontal rule (`---`), the usual way to mark slides in Markdown; marked's lexer finds
 * them, so a `#` inside a code block or a `---` in a table never cuts.
 *
 * Each cell's screen also lists the input cells it depends on (through any chain of cells),
 * so a teacher can move the slider on the very screen whose chart it changes.
 */
import { Lexer } from 'marked';
import { isInputCell } from '../cells/input/index.ts';
import { buildGraph, cellKey } from '../notebook/graph.ts';
import type { Block, Cell } from '../notebook/types.ts';

export type Slide =
  | { kind: 'markdown'; id: string; text: string }
  | { kind: 'cell'; id: string; cell: Cell; key: string; inputs: Cell[] };

export function slidesOf(blocks: readonly Block[]): Slide[] {
  const cells = blocks.filter((b): b is Cell => b.kind !== 'markdown');
  const inputsOf = upstreamInputs(cells);
  const slides: Slide[] = [];
  for (const block of blocks) {
    if (block.kind === 'markdown') {
      markdownSections(block.text).forEach((text, i) =>
        slides.push({ kind: 'markdown', id: `md:${block.line}:${i}`, text }),
      );
    } else {
      const key = cellKey(block);
      slides.push({ kind: 'cell', id: `cell:${key}`, cell: block, key, inputs: inputsOf(key) });
    }
  }
  return slides;
}

/** Prose cut into sections; sections with nothing but blank lines are dropped. */
export function markdownSections(text: string): string[] {
  const sections: string[] = [];
  let current = '';
  for (const token of new Lexer({ gfm: true }).lex(text)) {
    const cut = (token.type === 'heading' && token.depth <= 2) || token.type === 'hr';
    if (cut) {
      sections.push(current);
      current = '';
    }
    if (token.type !== 'hr') current += token.raw;
  }
  sections.push(current);
  return sections.map((s) => s.trim()).filter((s) => s !== '');
}

/** For each cell key, the input cells upstream of it, in document order (itself excluded). */
function upstreamInputs(cells: Cell[]): (key: string) => Cell[] {
  const graph = buildGraph(cells);
  const inputs = cells.filter(isInputCell);
  return (key) => {
    const seen = new Set<string>();
    const stack = [...(graph.upstream.get(key) ?? [])];
    while (stack.length > 0) {
      const next = stack.pop()!;
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push(...(graph.upstream.get(next) ?? []));
    }
    return inputs.filter((c) => seen.has(cellKey(c)) && cellKey(c) !== key);
  };
}

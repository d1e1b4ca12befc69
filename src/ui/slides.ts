/**
 * Presentation mode's screens, in document order. Prose is cut before every heading of level 1
 * or 2 (`#`, `##`), at every horizontal rule (`---`) and at `<!-- slide -->`; marked's lexer
 * finds them, so a `#` inside a code block or a `---` in a table never cuts. Each cell with
 * something to show is a screen of its own.
 *
 * A room needs fewer, fuller screens than a reader does, so a short piece of prose (a heading
 * and at most one sentence) does not stand alone: it joins the next screen, above its text or
 * the cell's output. A paragraph of one or two sentences without a heading that follows a cell
 * (a question about the result) stays under that cell instead. `<!-- slide -->` stops both.
 *
 * `<!-- notes: … -->` in the prose are the speaker's notes of the screen the prose ends up on;
 * the presenter view shows them. Cells hidden from the slides (`hide: [slides]`, or their
 * output hidden) have no screen, and an input cell has none when a screen that depends on it
 * already shows its control.
 */
import { Lexer, type Token } from 'marked';
import { isInputCell } from '../cells/input/index.ts';
import { buildGraph, cellKey } from '../notebook/graph.ts';
import { hides } from '../notebook/hide.ts';
import type { Block, Cell } from '../notebook/types.ts';

export type Slide =
  | { kind: 'markdown'; id: string; text: string; notes: string[] }
  | {
      kind: 'cell';
      id: string;
      cell: Cell;
      key: string;
      /** Input cells this cell depends on: their controls sit on its screen. */
      inputs: Cell[];
      /** Short prose that introduces the cell, shown above it. */
      lead: string;
      /** A short sentence that follows the cell (a question about it), shown under it. */
      after: string;
      notes: string[];
    };

/** One cut of prose, with the notes taken out of it. */
interface Section {
  kind: 'markdown';
  id: string;
  text: string;
  notes: string[];
  short: boolean;
  /** One paragraph of at most two sentences and no heading: a question about the cell above. */
  brief: boolean;
  heading: boolean;
}

type Piece = Section | Extract<Slide, { kind: 'cell' }> | { kind: 'break' };

export function slidesOf(blocks: readonly Block[]): Slide[] {
  const cells = blocks.filter((b): b is Cell => b.kind !== 'markdown');
  const inputsOf = upstreamInputs(cells);
  const shown = cells.filter((c) => !hides(c, 'slides') && !hides(c, 'output'));
  const controlled = new Set(
    shown.filter((c) => !isInputCell(c)).flatMap((c) => inputsOf(cellKey(c)).map(cellKey)),
  );
  const pieces: Piece[] = [];
  for (const block of blocks) {
    if (block.kind === 'markdown') {
      pieces.push(...proseSections(block.text, `md:${block.line}`));
      continue;
    }
    const key = cellKey(block);
    if (!shown.includes(block) || (isInputCell(block) && controlled.has(key))) continue;
    const inputs = inputsOf(key);
    pieces.push({
      kind: 'cell',
      id: `cell:${key}`,
      cell: block,
      key,
      inputs,
      lead: '',
      after: '',
      notes: [],
    });
  }
  return joinShort(pieces);
}

/** Puts short prose onto the screen next to it (see the comment at the top). */
function joinShort(pieces: Piece[]): Slide[] {
  const slides: Slide[] = [];
  let carry: Section | undefined;
  const flush = () => {
    if (carry) slides.push(toSlide(carry));
    carry = undefined;
  };
  pieces.forEach((piece, i) => {
    if (piece.kind === 'break') {
      flush();
      // A break also keeps the next short sentence off the cell before it.
      slides.push({ kind: 'markdown', id: '', text: '', notes: [] });
      return;
    }
    if (piece.kind === 'cell') {
      if (carry) {
        piece.lead = carry.text;
        piece.notes.push(...carry.notes);
        carry = undefined;
      }
      slides.push(piece);
      return;
    }
    const section: Section = carry
      ? {
          ...piece,
          text: `${carry.text}\n\n${piece.text}`,
          notes: [...carry.notes, ...piece.notes],
          heading: true,
        }
      : piece;
    carry = undefined;
    const previous = slides.at(-1);
    const next = pieces[i + 1];
    if (
      piece.brief &&
      !section.heading &&
      previous?.kind === 'cell' &&
      previous.after === '' &&
      next?.kind !== 'cell'
    ) {
      previous.after = section.text;
      previous.notes.push(...section.notes);
    } else if (section.short && next !== undefined && next.kind !== 'break') {
      carry = section;
    } else {
      slides.push(toSlide(section));
    }
  });
  flush();
  // The placeholders the breaks left are not screens.
  return slides.filter((s) => s.kind === 'cell' || s.text !== '' || s.notes.length > 0);
}

function toSlide({ id, text, notes }: Section): Slide {
  return { kind: 'markdown', id, text, notes };
}

const SLIDE_MARK = /^<!--\s*slide\s*-->\s*$/i;
const NOTES = /<!--\s*notes:\s*([\s\S]*?)-->/gi;

/**
 * Prose cut into sections (see the top), each with its notes and whether it is short;
 * `<!-- slide -->` becomes a break piece. Sections with nothing to show are dropped.
 */
function proseSections(text: string, idBase: string): (Section | { kind: 'break' })[] {
  const out: (Section | { kind: 'break' })[] = [];
  let tokens: Token[] = [];
  let n = 0;
  const cut = () => {
    const section = sectionOf(tokens, `${idBase}:${n}`);
    if (section) {
      out.push(section);
      n++;
    }
    tokens = [];
  };
  for (const token of new Lexer({ gfm: true }).lex(text)) {
    if (token.type === 'html' && SLIDE_MARK.test(token.raw.trim())) {
      cut();
      out.push({ kind: 'break' });
      continue;
    }
    if ((token.type === 'heading' && token.depth <= 2) || token.type === 'hr') cut();
    if (token.type !== 'hr') tokens.push(token);
  }
  cut();
  return out;
}

function sectionOf(tokens: Token[], id: string): Section | undefined {
  const notes: string[] = [];
  const raw = tokens.map((t) => t.raw).join('');
  const text = raw
    .replace(NOTES, (_, note: string) => {
      notes.push(note.trim());
      return '';
    })
    .trim();
  if (text === '' && notes.length === 0) return undefined;
  const shown = tokens.filter(
    (t) => t.type !== 'space' && !(t.type === 'html' && NOTES_ONLY.test(t.raw)),
  );
  const headings = shown.filter((t) => t.type === 'heading');
  const paragraphs = shown.filter((t) => t.type === 'paragraph');
  const short =
    headings.length <= 1 &&
    paragraphs.length <= 1 &&
    shown.length === headings.length + paragraphs.length &&
    paragraphs.every((p) => sentences(p.raw) <= 1);
  const brief =
    headings.length === 0 &&
    shown.length === 1 &&
    paragraphs.length === 1 &&
    sentences(paragraphs[0].raw) <= 2;
  return { kind: 'markdown', id, text, notes, short, brief, heading: headings.length > 0 };
}

const NOTES_ONLY = /^\s*(<!--[\s\S]*?-->\s*)+$/;

/**
 * Sentences in a paragraph: ends of sentence followed by a space or the end, and a closing
 * colon (a sentence that introduces the cell below it).
 */
function sentences(text: string): number {
  const trimmed = text.trim();
  // Closing emphasis, brackets or quotes may follow the full stop: `*… table.*`.
  const ends = trimmed.match(/[.!?][*_)"'’”]*(?=\s|$)/g) ?? [];
  return ends.length + (/:[*_]*$/.test(trimmed) ? 1 : 0);
}

/** Prose cut into sections, as the slides cut it; sections with nothing but blank lines are dropped. */
export function markdownSections(text: string): string[] {
  return proseSections(text, '').flatMap((s) => (s.kind === 'markdown' ? [s.text] : []));
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

/** A cell slide in a few words, for the presenter view: its chart's title, else its name. */
export function slideSummary(slide: Extract<Slide, { kind: 'cell' }>): string {
  const spec = 'spec' in slide.cell ? (slide.cell.spec as { title?: unknown }) : {};
  const title = typeof spec.title === 'string' ? spec.title : undefined;
  return title ?? `${slide.cell.kind} ${slide.cell.name ?? ''}`.trim();
}

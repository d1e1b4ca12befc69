/**
 * The notebook document model (format version 1, see docs/notebook-format.md). The parser
 * produces it, the runner executes it, the UI edits it; nothing else holds notebook state.
 */
import type { Cell } from '../cells/registry.ts';
import type { MissingSpec } from '../ingest/index.ts';

// A cell's kinds live in src/cells; the document model names them from there.
export type { Cell, CellKind } from '../cells/registry.ts';
export type { InputSpec, InputValue } from '../cells/input/spec.ts';
export type { ExpectSpec, ExpectTable } from '../cells/expect/spec.ts';

export interface DatasetRef {
  /** DuckDB table name the dataset becomes (the key in front matter). */
  name: string;
  file: string;
  /** Excel only: sheet name or 1-based index. */
  sheet?: string | number;
  sha256?: string;
  /** Text files only: encoding override (`utf-8`, `utf-16le`, `windows-1252`, …). */
  encoding?: string;
  /** Declared missing codes (`missing:`), applied after load; `[]` turns the text tokens off. */
  missing?: MissingSpec;
  /** 1-based line of the dataset entry in the file. */
  line: number;
}

/** Markdown between cells, kept verbatim so a parsed notebook prints back unchanged. */
export interface MarkdownBlock {
  kind: 'markdown';
  line: number;
  text: string;
}

export type Block = MarkdownBlock | Cell;

export interface Notebook {
  title?: string;
  datasets: DatasetRef[];
  blocks: Block[];
  /** Front matter as written, including keys this version does not know. */
  frontMatter: Record<string, unknown>;
}

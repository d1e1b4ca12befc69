/**
 * The notebook document model (format version 1, see docs/notebook-format.md). The parser
 * produces it, the runner executes it, the UI edits it; nothing else holds notebook state.
 */
import type { ChartSpec } from '../charts/spec.ts';
import type { CrosstabSpec } from '../stats/crosstab.ts';
import type { LogitSpec } from '../stats/logit/run-logit.ts';
import type { RateSpec } from '../stats/rate.ts';

export interface DatasetRef {
  /** DuckDB table name the dataset becomes (the key in front matter). */
  name: string;
  file: string;
  /** Excel only: sheet name or 1-based index. */
  sheet?: string | number;
  sha256?: string;
  /** Text files only: encoding override (`utf-8`, `utf-16le`, `windows-1252`, …). */
  encoding?: string;
  /** 1-based line of the dataset entry in the file. */
  line: number;
}

export type CellKind = 'sql' | 'rate' | 'crosstab' | 'logit' | 'chart' | 'input' | 'expect';

export type InputValue = string | number | boolean;

export interface InputSpec {
  type: 'select' | 'range' | 'checkbox' | 'text';
  options?: InputValue[];
  min?: number;
  max?: number;
  step?: number;
  value: InputValue;
  label?: string;
}

export interface ExpectTable {
  tolerance?: number;
  rows: { where?: Record<string, InputValue | null>; [column: string]: unknown }[];
}

export type ExpectSpec = Record<string, ExpectTable>;

interface CellBase {
  /** Position among the notebook's cells (0-based). */
  index: number;
  /** SQL identifier; unique in the notebook. Optional for chart and expect cells. */
  name?: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** The raw body as written (SQL text or YAML). */
  source: string;
  /** Set on a cell whose name repeats an earlier one: it is refused and produces nothing. */
  duplicate?: boolean;
}

export type Cell =
  | (CellBase & { kind: 'sql' })
  | (CellBase & { kind: 'rate'; spec: RateSpec })
  | (CellBase & { kind: 'crosstab'; spec: CrosstabSpec })
  | (CellBase & { kind: 'logit'; spec: LogitSpec })
  | (CellBase & { kind: 'chart'; spec: ChartSpec })
  | (CellBase & { kind: 'input'; spec: InputSpec })
  | (CellBase & { kind: 'expect'; spec: ExpectSpec });

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

import type { EditorLanguage, Schema } from './extensions.ts';

/** What a cell's code editor takes: CodeEditor and the LazyCodeEditor that stands in for it. */
export interface EditorProps {
  /** The cell body as the document has it now. */
  source: string;
  language: EditorLanguage;
  schema: Schema;
  keys?: readonly string[];
  label: string;
  /** File line of the body's first line, so gutter numbers match error messages. */
  firstLine?: number;
  onRun: (source: string) => void;
  /** True while the editor holds text that has not been run. */
  dirty?: boolean;
}

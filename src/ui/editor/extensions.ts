/**
 * The CodeMirror setup of a cell editor: SQL or YAML highlighting, completion of the live
 * schema's table and column names (and, for YAML cells, the keys the cell kind accepts), and
 * Ctrl/Cmd+Enter to run. Only @codemirror/* packages; nothing that needs eval.
 */
import {
  autocompletion,
  closeBrackets,
  closeBracketsKeymap,
  closeCompletion,
  completionKeymap,
  type Completion,
  type CompletionSource,
} from '@codemirror/autocomplete';
// No indentWithTab: Tab must move keyboard focus on to the next control (Ctrl+] indents).
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { PostgreSQL, sql } from '@codemirror/lang-sql';
import { yaml, yamlLanguage } from '@codemirror/lang-yaml';
import { bracketMatching, indentOnInput } from '@codemirror/language';
import { Compartment, Prec, type Extension } from '@codemirror/state';
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightSpecialChars,
  keymap,
  lineNumbers,
  placeholder,
} from '@codemirror/view';
import { highlighting } from './highlight.ts';

export type EditorLanguage = 'sql' | 'yaml';

/** Table name → column names, from information_schema. */
export type Schema = Record<string, string[]>;

export interface EditorOptions {
  language: EditorLanguage;
  schema: Schema;
  /** YAML keys the cell kind accepts (`from`, `outcome`, `by`, …). */
  keys: readonly string[];
  label: string;
  /** File line number of the cell body's first line. */
  firstLine: number;
  onRun: () => void;
  onChange: () => void;
}

/** Runs the cell; an open completion list closes, so it does not cover the cell's message. */
function runClosingCompletion(view: EditorView, onRun: () => void): boolean {
  closeCompletion(view);
  onRun();
  return true;
}

/** Holds the parts that change while the editor lives (the schema after each run). */
export class EditorConfig {
  readonly language = new Compartment();
  readonly gutter = new Compartment();

  constructor(private readonly options: EditorOptions) {}

  run(): void {
    this.options.onRun();
  }

  extensions(): Extension[] {
    const { label, onRun, onChange } = this.options;
    return [
      this.gutter.of(this.lineNumbers(this.options.firstLine)),
      highlightSpecialChars(),
      history(),
      drawSelection(),
      indentOnInput(),
      bracketMatching(),
      closeBrackets(),
      highlightActiveLine(),
      highlighting(),
      autocompletion({ activateOnTyping: true }),
      placeholder(this.options.language === 'sql' ? 'SELECT …' : 'key: value'),
      Prec.highest(
        keymap.of([
          { key: 'Mod-Enter', run: (view) => runClosingCompletion(view, onRun) },
          { key: 'Shift-Enter', run: (view) => runClosingCompletion(view, onRun) },
        ]),
      ),
      keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, ...completionKeymap]),
      // tabindex=0 says what contenteditable already does (the text takes focus with Tab), so
      // a scrolling editor counts as reachable by keyboard for checkers such as axe-core.
      EditorView.contentAttributes.of({ 'aria-label': label, tabindex: '0' }),
      // Long YAML values (titles, captions, formulas) wrap; SQL keeps its author's lines.
      this.options.language === 'yaml' ? EditorView.lineWrapping : [],
      EditorView.updateListener.of((update) => {
        if (update.docChanged) onChange();
      }),
      this.language.of(this.languageSupport(this.options.schema)),
    ];
  }

  /** Numbers lines as the notebook file does, so "line 42" in an error is line 42 here. */
  lineNumbers(firstLine: number): Extension {
    return lineNumbers({ formatNumber: (n) => String(n + firstLine - 1) });
  }

  languageSupport(schema: Schema): Extension {
    if (this.options.language === 'sql') {
      return [
        sql({ dialect: PostgreSQL, schema, upperCaseKeywords: true }),
        PostgreSQL.language.data.of({ autocomplete: wordSource(columnCompletions(schema)) }),
      ];
    }
    const words: Completion[] = [
      ...this.options.keys.map((key) => ({ label: key, type: 'property', apply: `${key}: ` })),
      ...Object.keys(schema).map((t) => ({ label: t, type: 'type', detail: 'table' })),
      ...columnCompletions(schema),
    ];
    return [yaml(), yamlLanguage.data.of({ autocomplete: wordSource(words) })];
  }
}

/** Every column name once, so `WHERE emb…` completes without writing the table first. */
function columnCompletions(schema: Schema): Completion[] {
  const seen = new Map<string, string[]>();
  for (const [table, columns] of Object.entries(schema)) {
    for (const column of columns) seen.set(column, [...(seen.get(column) ?? []), table]);
  }
  return [...seen].map(([label, tables]) => ({
    label,
    type: 'property',
    detail: tables.length > 2 ? `${tables.length} tables` : tables.join(', '),
    boost: -1,
  }));
}

function wordSource(options: Completion[]): CompletionSource {
  return (context) => {
    const word = context.matchBefore(/[\w$]+/);
    if (!word || (word.from === word.to && !context.explicit)) return null;
    return { from: word.from, options, validFor: /^[\w$]*$/ };
  };
}

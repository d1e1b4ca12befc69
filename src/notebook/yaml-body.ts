/**
 * YAML parsing that remembers where things were written, so errors point at the line of
 * the offending key rather than at the cell as a whole.
 */
import { LineCounter, isMap, isScalar, parseDocument } from 'yaml';
import { NotebookError } from './errors.ts';

export interface ParsedYaml {
  value: unknown;
  /** 1-based file line of each top-level key. */
  keyLines: Map<string, number>;
}

/** Parses `text`, whose first line is line `firstLine` of the notebook file. */
export function parseYamlAt(text: string, firstLine: number, what: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const fileLine = (offset: number) => firstLine + lineCounter.linePos(offset).line - 1;
  if (doc.errors.length > 0) {
    const error = doc.errors[0];
    const message = error.message.split('\n')[0];
    throw new NotebookError(`Invalid YAML in ${what}: ${message}`, fileLine(error.pos[0]));
  }
  const keyLines = new Map<string, number>();
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      if (isScalar(pair.key) && pair.key.range) {
        keyLines.set(String(pair.key.value), fileLine(pair.key.range[0]));
      }
    }
  }
  return { value: doc.toJS(), keyLines };
}

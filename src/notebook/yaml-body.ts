/**
 * YAML parsing that remembers where things were written, so errors point at the line of
 * the offending key rather than at the cell as a whole.
 */
import { LineCounter, isMap, isScalar, parseDocument, visit, type Document } from 'yaml';
import { NotebookError } from '../shared/errors.ts';

export interface ParsedYaml {
  value: unknown;
  /** 1-based file line of each top-level key. */
  keyLines: Map<string, number>;
}

/**
 * Uses of one anchor (weighted by the aliases inside it) allowed while building values. A
 * notebook is a file someone sent: nine lines of nested aliases ("billion laughs") would
 * otherwise expand to 10^9 values. No real cell comes near 100.
 */
export const MAX_ALIAS_COUNT = 100;

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
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // The library throws (a ReferenceError) only here, after parsing: for an alias bomb and
    // for an alias to an anchor not set yet. Both belong to this cell or front matter alone.
    const { message, offset } = aliasProblem(doc, error);
    throw new NotebookError(`Invalid YAML in ${what}: ${message}`, fileLine(offset));
  }
  return { value, keyLines };
}

function aliasProblem(doc: Document, error: unknown): { message: string; offset: number } {
  const raw = error instanceof Error ? error.message.split('\n')[0] : String(error);
  const unresolved = /^Unresolved alias .*: (.+)$/.exec(raw)?.[1];
  let first: { offset: number; source: string } | undefined;
  let named: number | undefined;
  visit(doc, {
    Alias(_key, node) {
      const offset = node.range?.[0];
      if (offset === undefined) return undefined;
      first ??= { offset, source: node.source };
      if (unresolved !== undefined && node.source === unresolved) {
        named = offset;
        return visit.BREAK;
      }
      return unresolved === undefined ? visit.BREAK : undefined;
    },
  });
  if (unresolved !== undefined) {
    return {
      message: `the alias *${unresolved} names no anchor (&${unresolved}) set before it`,
      offset: named ?? first?.offset ?? 0,
    };
  }
  if (/Excessive alias count/.test(raw)) {
    return {
      message:
        `aliases (*${first?.source ?? 'name'} …) repeat anchored values more than ` +
        `${MAX_ALIAS_COUNT} times, a resource exhaustion attack ("billion laughs"); write the values out`,
      offset: first?.offset ?? 0,
    };
  }
  return { message: raw, offset: first?.offset ?? 0 };
}

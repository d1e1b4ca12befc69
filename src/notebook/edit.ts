/**
 * Edits to the notebook text. The UI never keeps a second model of the notebook: it changes
 * the Markdown through these functions and the document is parsed again.
 */
import type { Cell } from './types.ts';

/** Replaces the body of `cell` (the lines between its fences) with `source`. */
export function replaceCellSource(text: string, cell: Cell, source: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const open = cell.line - 1;
  const bodyLength = cell.source === '' ? 0 : cell.source.split('\n').length;
  const replacement = source === '' ? [] : source.replace(/\n$/, '').split('\n');
  lines.splice(open + 1, bodyLength, ...replacement);
  return lines.join('\n');
}

/** Sets one key of a YAML cell body, keeping the other lines as written. */
export function setYamlKey(source: string, key: string, value: string | number | boolean): string {
  const line = `${key}: ${typeof value === 'string' ? JSON.stringify(value) : String(value)}`;
  const pattern = new RegExp(`^${key}\\s*:.*$`, 'm');
  return pattern.test(source)
    ? source.replace(pattern, line)
    : `${source.replace(/\n$/, '')}\n${line}`;
}

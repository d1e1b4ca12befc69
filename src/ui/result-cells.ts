/** How ResultTable sizes its columns and fits a value into its cell. */
import type { Row, Value } from '../engine/Engine.ts';
import { cappedText } from '../panels/result-pages.ts';
import { formatValue } from './format.ts';

/** The end cappedText puts on a long text: "… (100,000,000 characters)". */
const CAPPED_LENGTH = /… \([\d,]+ characters\)$/;

/** A column's header: its variable label when it has one, else its name. */
export function headerOf(labels: Record<string, string>, name: string): string {
  return Object.hasOwn(labels, name) ? labels[name] : name;
}

/**
 * Column widths in characters, from the header and the preview: fixed, so that columns do
 * not jump as other rows scroll in. Longer values are cut with an ellipsis (title has all).
 */
export function columnWidths(
  columns: readonly { name: string }[],
  rows: readonly Row[],
  headerOf: (name: string) => string,
): number[] {
  return columns.map((c) => {
    const longest = rows.reduce(
      (n, row) => Math.max(n, formatValue(row[c.name]).length),
      headerOf(c.name).length + 2,
    );
    return Math.min(36, Math.max(5, longest)) + 2;
  });
}

export function cellText(
  value: Value | undefined,
  width: number,
): { text: string; title?: string } {
  // Rows arrive capped (result-pages.ts); capping again keeps any other caller's table alive.
  const text = cappedText(formatValue(value));
  if (text.length <= width - 2) return { text };
  // A capped text keeps its length on screen; the column's ellipsis would hide it.
  const length = CAPPED_LENGTH.exec(text)?.[0];
  if (!length) return { text, title: text };
  return {
    text: `${text.slice(0, Math.max(1, width - 4 - length.length))}${length}`,
    title: text,
  };
}

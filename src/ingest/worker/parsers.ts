import { readArrow } from '../arrow.ts';
import { openWorkbook } from '../excel.ts';
import { stataTables } from '../stata/load-stata.ts';
import type { ParsedBook, ParseKind, ParseResults } from './protocol.ts';

type Parser<K extends ParseKind> = (
  bytes: Uint8Array,
  fileName: string,
) => ParseResults[K] | Promise<ParseResults[K]>;

/** The pure-JavaScript readers: bytes in, plain columns out; no engine, no DOM. */
export const parsers: { [K in ParseKind]: Parser<K> } = {
  stata: stataTables,
  arrow: readArrow,
  excel: parseBook,
};

async function parseBook(bytes: Uint8Array, fileName: string): Promise<ParsedBook> {
  const book = await openWorkbook(bytes, fileName);
  return {
    sheetNames: book.sheetNames,
    hidden: [...book.hidden],
    sheets: book.sheetNames.map((name) => book.readSheet(name) ?? null),
  };
}

import { readArrow } from '../arrow.ts';
import { openWorkbook } from '../excel.ts';
import { packTextColumns } from '../insert.ts';
import { packStata, stataTables } from '../stata/load-stata.ts';
import { verifyZipParts } from '../zip-check.ts';
import type { ParsedBook, ParseKind, ParseOptions, ParseResults } from './protocol.ts';

type Parser<K extends ParseKind> = (
  bytes: Uint8Array,
  fileName: string,
  options: ParseOptions,
) => ParseResults[K] | Promise<ParseResults[K]>;

/**
 * The pure-JavaScript readers: bytes in, tables packed for insertion out; no engine, no DOM.
 * Everything proportional to the file's size happens here, off the page's main thread.
 */
export const parsers: { [K in ParseKind]: Parser<K> } = {
  stata: (bytes, fileName) => packStata(stataTables(bytes, fileName)),
  arrow: (bytes, fileName) => packTextColumns(readArrow(bytes, fileName).columns),
  excel: parseBook,
};

async function parseBook(
  bytes: Uint8Array,
  fileName: string,
  { zipParts }: ParseOptions,
): Promise<ParsedBook> {
  // Inflating an 80 MB sheet part takes a quarter of a second; here it blocks only the worker.
  if (zipParts) await verifyZipParts(bytes, zipParts, fileName);
  const book = await openWorkbook(bytes, fileName);
  return {
    sheetNames: book.sheetNames,
    hidden: [...book.hidden],
    sheets: book.sheetNames.map((name) => {
      const sheet = book.readSheet(name);
      if (!sheet) return null;
      return { table: packTextColumns(sheet.columns), warnings: sheet.warnings };
    }),
  };
}

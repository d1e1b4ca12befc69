import { readArrow } from './arrow.ts';
import type { LoadContext } from './context.ts';
import { openWorkbook, pickSheet } from './excel.ts';
import { IngestError } from './errors.ts';
import { createTableFromColumns } from './insert.ts';
import { slugify, uniqueName } from './names.ts';
import type { ReadResult } from './read-text.ts';
import { sha256Hex } from './scan.ts';
import { loadStata } from './stata/load-stata.ts';
import type { RawTable, TableRole } from './types.ts';

export interface BinaryReadResult extends ReadResult {
  raw: RawTable[];
  extra: { name: string; role: TableRole }[];
}

/**
 * Excel: every sheet becomes a table. The chosen sheet (default the first) is `options.table`;
 * the others are `<table>_<sheet slug>` (`<table>_sheet<N>` when the name has no letters or
 * digits), in workbook order.
 */
export async function readExcel(ctx: LoadContext): Promise<BinaryReadResult> {
  const { engine, options } = ctx;
  const bytes = await readWhole(ctx);
  const book = openWorkbook(bytes);
  ctx.checkAborted();
  const main = pickSheet(book.sheetNames, options.sheet);
  const order = [main, ...book.sheetNames.filter((s) => s !== main)];
  const taken = new Set([options.table.toLowerCase()]);
  const raw: RawTable[] = [];
  for (const sheet of order) {
    ctx.checkAborted();
    const data = book.readSheet(sheet);
    if (!data || data.columns.length === 0) {
      if (sheet === main) throw new IngestError(`Sheet "${sheet}" is empty`);
      ctx.warnings.push(`Sheet "${sheet}" is empty and was not loaded.`);
      continue;
    }
    const index = book.sheetNames.indexOf(sheet) + 1;
    const name =
      sheet === main
        ? options.table
        : uniqueName(`${options.table}_${slugify(sheet) || `sheet${index}`}`, taken);
    ctx.progress('loading', ctx.size, data.rows);
    await createTableFromColumns(engine, name, data.columns);
    ctx.warnings.push(...data.warnings);
    raw.push({ name, sheet });
  }
  return { sha256: sha256Hex(bytes), raw, extra: [] };
}

export async function readArrowFile(ctx: LoadContext): Promise<BinaryReadResult> {
  const bytes = await readWhole(ctx);
  const { columns } = readArrow(bytes);
  if (columns.length === 0) throw new IngestError('The Arrow file has no columns');
  await createTableFromColumns(ctx.engine, ctx.options.table, columns);
  return { sha256: sha256Hex(bytes), raw: [{ name: ctx.options.table }], extra: [] };
}

export async function readStataFile(ctx: LoadContext): Promise<BinaryReadResult> {
  const bytes = await readWhole(ctx);
  const result = await loadStata(ctx.engine, ctx.options.table, bytes);
  ctx.warnings.push(...result.warnings);
  return { sha256: sha256Hex(bytes), raw: [{ name: ctx.options.table }], extra: result.extra };
}

/** Formats parsed in JavaScript need the whole file; it is still hashed in slices. */
async function readWhole(ctx: LoadContext): Promise<Uint8Array> {
  ctx.progress('reading', 0);
  const bytes = await ctx.engine.readFile(ctx.options.source);
  ctx.progress('parsing', ctx.size);
  ctx.checkAborted();
  return bytes;
}

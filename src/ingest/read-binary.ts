import type { LoadContext } from './context.ts';
import { pickSheet } from './pick-sheet.ts';
import { IngestError } from './errors.ts';
import { checkInMemory } from './limits.ts';
import { createTableFromColumns, createTableFromPacked } from './insert.ts';
import { readJsonRecords } from './json.ts';
import { slugify } from './names.ts';
import { uniqueName } from '../shared/unique-name.ts';
import type { ReadResult } from './read-text.ts';
import { sha256Hex } from './scan.ts';
import { startsWith, ZIP } from './signatures.ts';
import { loadStata } from './stata/load-stata.ts';
import type { RawTable, TableRole } from './types.ts';
import { parseOffThread } from './worker/off-thread.ts';
import type { PackedSheet } from './worker/protocol.ts';
import { checkZipParts, readZipDirectory } from './zip-check.ts';

export interface BinaryReadResult extends ReadResult {
  raw: RawTable[];
  extra: { name: string; role: TableRole }[];
}

/**
 * Excel: every sheet becomes a table. The chosen sheet (default the first) is `options.table`;
 * the others are `<table>_<sheet slug>` (`<table>_sheet<N>` when the name has no letters or
 * digits), in workbook order.
 */
export async function readExcel(ctx: LoadContext, head: Uint8Array): Promise<BinaryReadResult> {
  const { engine, options } = ctx;
  const zipped = startsWith(head, ZIP);
  const parts = zipped
    ? await readZipDirectory(engine, options.source, ctx.size, options.fileName)
    : [];
  if (zipped) checkZipParts(engine, parts, options.fileName, ctx.limits, ctx.size);
  const bytes = await readWhole(ctx, 'the Excel reader');
  ctx.checkAborted();
  // The parts are inflated and checked (verifyZipParts) by the reader, off the main thread.
  const book = await parseOffThread('excel', bytes, options.fileName, ctx.signal, {
    zipParts: zipped ? parts : undefined,
  });
  ctx.checkAborted();
  const hidden = new Set(book.hidden);
  const readSheet = (name: string): PackedSheet | undefined =>
    book.sheets[book.sheetNames.indexOf(name)] ?? undefined;
  const main = pickSheet(book.sheetNames, options.sheet, hidden, options.fileName);
  if (hidden.has(main) && options.sheet === undefined) {
    ctx.warnings.push(
      `Every sheet is hidden in the workbook; "${main}" was loaded as ${options.table}.`,
    );
  }
  const order = [main, ...book.sheetNames.filter((s) => s !== main)];
  const taken = new Set([options.table.toLowerCase()]);
  const raw: RawTable[] = [];
  for (const sheet of order) {
    ctx.checkAborted();
    const data = readSheet(sheet);
    if (!data || data.table.columns.length === 0) {
      if (sheet === main) {
        throw emptySheetError(options.fileName, sheet, book.sheetNames, readSheet, options.sheet);
      }
      ctx.warnings.push(`Sheet "${sheet}" is empty and was not loaded.`);
      continue;
    }
    const index = book.sheetNames.indexOf(sheet) + 1;
    const name =
      sheet === main
        ? options.table
        : uniqueName(`${options.table}_${slugify(sheet) || `sheet${index}`}`, taken);
    if (hidden.has(sheet) && sheet !== main) {
      ctx.warnings.push(`Sheet "${sheet}" is hidden in the workbook; it was loaded as ${name}.`);
    }
    ctx.progress('loading', ctx.size, data.table.rows);
    await createTableFromPacked(engine, name, data.table);
    ctx.warnings.push(...data.warnings);
    raw.push({ name, sheet });
  }
  return { sha256: await sha256Hex(bytes), raw, extra: [] };
}

/** The main sheet has nothing in it: say which sheets do, so `sheet:` can pick one. */
function emptySheetError(
  fileName: string,
  sheet: string,
  sheetNames: string[],
  readSheet: (name: string) => PackedSheet | undefined,
  wanted: string | number | undefined,
): IngestError {
  const withData = sheetNames.filter((s) => s !== sheet && readSheet(s)?.table.columns.length);
  if (withData.length === 0) {
    return new IngestError(`${fileName} has no data: every sheet in it is empty.`);
  }
  const list = withData.map((s) => `${sheetNames.indexOf(s) + 1}: "${s}"`).join(', ');
  const which = wanted === undefined ? `the first sheet, "${sheet}",` : `sheet "${sheet}"`;
  return new IngestError(
    `In ${fileName}, ${which} is empty. Pick a sheet with data with \`sheet:\` in the dataset entry (sheets with data: ${list}).`,
  );
}

export async function readArrowFile(ctx: LoadContext): Promise<BinaryReadResult> {
  const bytes = await readWhole(ctx, 'the Arrow reader');
  const packed = await parseOffThread('arrow', bytes, ctx.options.fileName, ctx.signal);
  if (packed.columns.length === 0) {
    throw new IngestError(
      `${ctx.options.fileName} has no columns: its Arrow schema is empty, so there is nothing to load. Write the file again with the data in it.`,
    );
  }
  await createTableFromPacked(ctx.engine, ctx.options.table, packed);
  return { sha256: await sha256Hex(bytes), raw: [{ name: ctx.options.table }], extra: [] };
}

export async function readStataFile(ctx: LoadContext): Promise<BinaryReadResult> {
  const bytes = await readWhole(ctx, 'the Stata reader');
  const parsed = await parseOffThread('stata', bytes, ctx.options.fileName, ctx.signal);
  ctx.checkAborted();
  const result = await loadStata(ctx.engine, ctx.options.table, parsed);
  ctx.warnings.push(...result.warnings);
  ctx.addMissing(ctx.options.table, result.missing);
  return {
    sha256: await sha256Hex(bytes),
    raw: [{ name: ctx.options.table }],
    extra: result.extra,
  };
}

/**
 * JSON and NDJSON through the project's own parser in both engines: DuckDB-WASM has no json
 * extension, and one parser on both sides makes the browser and the command line build the
 * same table from the same file.
 */
export async function readJsonFile(ctx: LoadContext, lines: boolean): Promise<ReadResult> {
  const bytes = await readWhole(ctx, 'the JSON reader');
  const { columns } = readJsonRecords(new TextDecoder('utf-8').decode(bytes), lines);
  await createTableFromColumns(ctx.engine, ctx.options.table, columns);
  return { sha256: await sha256Hex(bytes) };
}

/** Formats parsed in JavaScript need the whole file. */
async function readWhole(ctx: LoadContext, reader: string): Promise<Uint8Array> {
  checkInMemory(ctx.engine.name, ctx.options.fileName, reader, ctx.size, ctx.limits);
  ctx.progress('reading', 0);
  const bytes = await ctx.engine.readFile(ctx.options.source);
  ctx.progress('parsing', ctx.size);
  ctx.checkAborted();
  return bytes;
}

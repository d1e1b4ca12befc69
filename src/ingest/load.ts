import type { Engine } from '../engine/Engine.ts';
import { ident } from '../engine/sql.ts';
import { describeTable } from '../engine/tables.ts';
import { isAbortError } from './abort.ts';
import { applyAdapters } from './adapters/registry.ts';
import { LoadContext } from './context.ts';
import { IngestError } from './errors.ts';
import { resolveFormat, type FileFormat } from './format.ts';
import type { BinaryReadResult } from './read-binary.ts';
import { applyDeclaredMissing, describeCounts } from './missing.ts';
import { readDelimited, readParquet } from './read-text.ts';
import { utf8BomLength } from './signatures.ts';
import type { LoadedTable, LoadOptions, LoadResult, TableRole } from './types.ts';

/** See index.ts for the contract. */
export async function loadFile(engine: Engine, options: LoadOptions): Promise<LoadResult> {
  if (options.table.trim() === '') throw new IngestError('The table name is empty');
  const size = await engine.fileSize(options.source);
  if (size === 0) {
    throw new IngestError(
      `${options.fileName} is empty (0 bytes). Check that it was saved or downloaded completely, then add it again.`,
    );
  }
  const ctx = new LoadContext(engine, options, size);
  const unlink = ctx.linkCancel();
  const created: string[] = [];
  try {
    ctx.checkAborted();
    const head = await engine.readSlice(options.source, 0, Math.min(size, 64 * 1024));
    const resolved = resolveFormat(options.fileName, head, options.encoding);
    const format = resolved.format;
    if (resolved.warning) ctx.warnings.push(resolved.warning);
    if (format === 'csv' && size === head.length && isBlank(head)) {
      throw new IngestError(`${options.fileName} has no data: it holds only blank lines.`);
    }
    const read = await readByFormat(ctx, format, head);
    created.push(...read.raw.map((t) => t.name), ...read.extra.map((t) => t.name));
    ctx.checkAborted();
    await applyDeclared(
      ctx,
      read.raw.map((t) => t.name),
    );
    const tables: LoadedTable[] = [];
    for (const raw of read.raw) {
      const missing = ctx.missing.get(raw.name);
      // Declared codes become NULL in place: a known table keeps its columns and rows.
      const table = raw.known
        ? { name: raw.name, role: 'raw' as const, ...raw.known }
        : await describe(engine, raw.name, 'raw', raw.sheet);
      tables.push(missing ? { ...table, missing } : table);
    }
    for (const extra of read.extra) tables.push(await describe(engine, extra.name, extra.role));
    ctx.progress('labelling', size);
    const adapted = await applyAdapters(
      engine,
      tables.filter((t) => t.role === 'raw'),
      read.sha256,
    );
    created.push(...adapted.tables.map((t) => t.name));
    for (const t of adapted.tables) tables.push(await describe(engine, t.name, t.role, t.sheet));
    ctx.progress('done', size, tables[0]?.rows);
    return {
      fileName: options.fileName,
      sha256: read.sha256,
      format: formatLabel(format, read.encoding),
      tables,
      ...(adapted.adapter ? { adapter: adapted.adapter } : {}),
      warnings: [...ctx.warnings, ...adapted.warnings],
    };
  } catch (error) {
    // A cancelled load leaves nothing half-made behind.
    if (isAbortError(error) || options.signal?.aborted) {
      for (const name of created) await dropQuietly(engine, name);
      await dropQuietly(engine, options.table);
    }
    throw error;
  } finally {
    unlink();
  }
}

async function readByFormat(
  ctx: LoadContext,
  format: FileFormat,
  head: Uint8Array,
): Promise<BinaryReadResult> {
  const single = { raw: [{ name: ctx.options.table }], extra: [] };
  // Readers parsed in JavaScript (SheetJS, Stata, Arrow, JSON) are a chunk of their own,
  // fetched the first time such a file is opened rather than with the page.
  const binary = () => import('./read-binary.ts');
  switch (format) {
    case 'csv': {
      const { known, ...read } = await readDelimited(ctx, head);
      return {
        ...read,
        raw: [{ name: ctx.options.table, ...(known ? { known } : {}) }],
        extra: [],
      };
    }
    case 'parquet':
      return { ...(await readParquet(ctx)), ...single };
    case 'json':
    case 'ndjson':
      return { ...(await (await binary()).readJsonFile(ctx, format === 'ndjson')), ...single };
    case 'excel':
      return (await binary()).readExcel(ctx, head);
    case 'arrow':
      return (await binary()).readArrowFile(ctx);
    case 'stata':
      return (await binary()).readStataFile(ctx);
  }
}

/**
 * The dataset entry's declared codes, set to NULL in each raw table after its reader built it,
 * so CSV, Excel, Stata, Parquet, JSON and Arrow (and both engines) apply them alike.
 */
async function applyDeclared(ctx: LoadContext, tables: string[]): Promise<void> {
  const spec = ctx.options.missing;
  if (spec === undefined || (Array.isArray(spec) && spec.length === 0)) return;
  const unknown = new Set<string>();
  const found = new Set<string>();
  for (const table of tables) {
    const { counts, unknownColumns } = await applyDeclaredMissing(ctx.engine, table, spec);
    ctx.addMissing(table, counts);
    const line = describeCounts(
      counts,
      tables.length > 1 ? `Declared codes in ${table}` : 'Declared codes',
    );
    if (line) ctx.warnings.push(line);
    for (const c of unknownColumns) unknown.add(c);
    if (!Array.isArray(spec)) {
      for (const c of Object.keys(spec)) if (!unknownColumns.includes(c)) found.add(c);
    }
  }
  const absent = [...unknown].filter((c) => !found.has(c));
  if (absent.length > 0) {
    ctx.warnings.push(
      `\`missing:\` names column(s) the file does not have: ${absent.join(', ')}. Check the spelling against the table's columns.`,
    );
  }
}

async function describe(
  engine: Engine,
  name: string,
  role: TableRole,
  sheet?: string,
): Promise<LoadedTable> {
  const columns = await describeTable(engine, name);
  const { rows } = await engine.query(`SELECT count(*) AS n FROM ${ident(name)}`);
  return {
    name,
    rows: Number(rows[0].n),
    columns,
    role,
    ...(sheet === undefined ? {} : { sheet }),
  };
}

function formatLabel(format: FileFormat, encoding: string | undefined): string {
  return encoding && format === 'csv' ? `csv (${encoding})` : format;
}

function isBlank(bytes: Uint8Array): boolean {
  return bytes.subarray(utf8BomLength(bytes)).every((b) => b === 0x20 || (b >= 0x09 && b <= 0x0d));
}

async function dropQuietly(engine: Engine, name: string): Promise<void> {
  for (const kind of ['VIEW', 'TABLE']) {
    try {
      await engine.exec(`DROP ${kind} IF EXISTS ${ident(name)}`);
    } catch {
      // Wrong kind of object for this DROP; the other one removes it.
    }
  }
}

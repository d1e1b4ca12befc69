import type { ColumnInfo } from '../engine/Engine.ts';
import { ident } from '../engine/sql.ts';
import { loadDelimited } from './csv.ts';
import type { DelimitedLoad } from './csv-missing.ts';
import type { LoadContext } from './context.ts';
import { createFromParquet } from './duckdb-readers.ts';
import { knownCsv, type KnownCsv } from './known-files.ts';
import { textTokens } from './missing.ts';
import { guessEncoding, parseEncoding, transcodeToUtf8, type EncodingGuess } from './encoding.ts';
import { checkInMemory } from './limits.ts';
import { closeDecoder, openDecoder } from './parquet/arrow-reader.ts';
import { explainReadError } from './read-errors.ts';
import { scanFile, startsAsUtf8, type ScanResult } from './scan.ts';

export interface ReadResult {
  sha256: string;
  /** The table's columns and rows, when the file is a known one (known-files.ts). */
  known?: { columns: ColumnInfo[]; rows: number };
  /** Encoding the text was read as (text formats only). */
  encoding?: string;
}

/**
 * Delimited text: hash and UTF-8 check in one streaming pass, transcode to UTF-8 when the file
 * is UTF-16 or Windows-1252, then DuckDB's CSV reader. A valid UTF-8 file is handed to DuckDB
 * as it is (no copy); DuckDB skips a UTF-8 BOM itself.
 */
export async function readDelimited(ctx: LoadContext, head: Uint8Array): Promise<ReadResult> {
  const { engine, options } = ctx;
  let scan: ScanResult | undefined;
  if (loadsBesideScan(ctx, head)) {
    const beside = await loadBesideScan(ctx, head);
    if (beside.result) return beside.result;
    scan = beside.scan;
  }
  scan ??= await scanFile(ctx.reader('reading'), true, ctx.limits.maxInMemoryBytes);
  const guess: EncodingGuess = options.encoding
    ? { encoding: parseEncoding(options.encoding), reason: 'override' }
    : guessEncoding(head, scan.validUtf8);
  const dropNul = scan.nulBytes > 0 && !guess.encoding.startsWith('utf-16');
  let path: string;
  let sample: string;
  let known: KnownCsv | undefined;
  if (guess.encoding === 'utf-8' && scan.validUtf8 && !dropNul) {
    path = await engine.registerFile(options.fileName, options.source);
    // Only a file handed to DuckDB as it is can be the known bytes.
    known = knownCsv(scan.sha256, textTokens(options.missing));
    sample = new TextDecoder('utf-8').decode(head);
  } else {
    const work =
      guess.encoding === 'utf-8'
        ? 'removing its NUL bytes'
        : `converting its ${guess.encoding} text to UTF-8`;
    checkInMemory(engine.name, options.fileName, work, ctx.size, ctx.limits);
    const { bytes, replaced, dropped } = await transcodeToUtf8(
      ctx.reader('transcoding'),
      guess.encoding,
      dropNul,
    );
    if (guess.reason === 'invalid UTF-8') {
      ctx.warnings.push(
        'The file is not valid UTF-8; it was read as Windows-1252 (Latin-1). Set `encoding` if that is wrong.',
      );
    }
    if (replaced > 0 && guess.encoding === 'utf-8') {
      ctx.warnings.push(`${replaced} invalid UTF-8 byte sequence(s) were replaced by U+FFFD.`);
    }
    if (dropped > 0) {
      ctx.warnings.push(
        `${dropped} NUL byte(s) were removed: they are not text (a damaged export or fixed-width padding leaves them). Check the rows around them if values look cut.`,
      );
    }
    path = await engine.registerFile(`${options.table}.utf8.csv`, { kind: 'bytes', bytes });
    sample = new TextDecoder('utf-8').decode(bytes.subarray(0, head.length));
  }
  ctx.checkAborted();
  ctx.progress('loading', ctx.size);
  keepLoad(ctx, await settledLoad(ctx, path, sample, known));
  const table = known && { columns: known.columns, rows: known.rows };
  return { sha256: scan.sha256, encoding: guess.encoding, ...(table ? { known: table } : {}) };
}

/**
 * Files from this size on are read by DuckDB while the page scans them. The known files
 * (known-files.ts, the demo's data) are all smaller, as scripts/known-files.ts checks: their
 * recipe needs the hash first.
 */
export const BESIDE_SCAN_BYTES = 1_000_000;

/** Whether the file is large and its head is UTF-8 text, so most likely it is throughout. */
function loadsBesideScan(ctx: LoadContext, head: Uint8Array): boolean {
  return (
    !ctx.options.encoding &&
    ctx.size >= BESIDE_SCAN_BYTES &&
    !head.includes(0) &&
    startsAsUtf8(head) &&
    guessEncoding(head, true).encoding === 'utf-8'
  );
}

/**
 * DuckDB reads the file while the page hashes it and checks that it is UTF-8, on the other
 * core, instead of after: the scan of a 77 MB file took about 165 ms before the load could
 * start. When the scan finds that the file is not plain UTF-8 after all (an invalid sequence
 * further down, NUL bytes), whatever DuckDB made of it is dropped and the caller takes the
 * transcoding path with the scan; DuckDB's own error is then not the user's problem.
 */
async function loadBesideScan(
  ctx: LoadContext,
  head: Uint8Array,
): Promise<{ scan: ScanResult; result?: ReadResult }> {
  const { engine, options } = ctx;
  const path = await engine.registerFile(options.fileName, options.source);
  const loading = settledLoad(ctx, path, new TextDecoder('utf-8').decode(head));
  const drop = () => engine.exec(`DROP TABLE IF EXISTS ${ident(options.table)}`);
  let scan: ScanResult;
  try {
    scan = await scanFile(ctx.reader('reading'), true, ctx.limits.maxInMemoryBytes);
  } catch (error) {
    // Cancelled or unreadable while DuckDB reads (loadFile's linkCancel has stopped DuckDB's
    // statement on a cancel): nothing of the load is kept.
    await loading;
    await drop().catch(() => {});
    throw error;
  }
  ctx.progress('loading', ctx.size);
  const outcome = await loading;
  if (!scan.validUtf8 || scan.nulBytes > 0) {
    await drop();
    return { scan };
  }
  ctx.checkAborted();
  keepLoad(ctx, outcome);
  return { scan, result: { sha256: scan.sha256, encoding: 'utf-8' } };
}

type SettledLoad = { loaded: DelimitedLoad } | { error: unknown };

/** DuckDB's CSV reader on the file at `path`, settled: what it found, or its error. */
function settledLoad(
  ctx: LoadContext,
  path: string,
  sample: string,
  known?: KnownCsv,
): Promise<SettledLoad> {
  const { engine, options } = ctx;
  const tokens = textTokens(options.missing);
  return loadDelimited(engine, path, options.table, sample, tokens, known).then(
    (loaded) => ({ loaded }),
    (error: unknown) => ({ error }),
  );
}

/** A load's warnings and missing-value counts into the context, or its error, explained. */
function keepLoad(ctx: LoadContext, outcome: SettledLoad): void {
  if ('error' in outcome) {
    throw explainReadError(outcome.error, ctx.options.fileName, 'delimited text');
  }
  ctx.warnings.push(...outcome.loaded.warnings);
  ctx.addMissing(ctx.options.table, outcome.loaded.counts);
}

/**
 * Parquet through DuckDB's reader where the engine has one (native DuckDB); in the browser
 * parquet-wasm, or hyparquet where Arrow cannot carry a type exactly, builds the same table
 * (parquet/load-parquet.ts). (JSON goes through the project's own parser: read-binary.ts.)
 */
export async function readParquet(ctx: LoadContext): Promise<ReadResult> {
  const { engine, options } = ctx;
  // Nothing in the load depends on the hash: the page computes it while the file loads.
  const scanning = scanFile(ctx.reader(), false, ctx.limits.maxInMemoryBytes);
  scanning.catch(() => {});
  ctx.progress('loading', 0);
  if (engine.readsParquet) {
    await readWithDuckDb(ctx);
    return { sha256: (await scanning).sha256 };
  }
  // The Arrow decoder's worker and module start now and boot while the JavaScript reader's
  // code loads and reads the file's metadata.
  const decoder = openDecoder(options.source, options.signal);
  try {
    // The JavaScript Parquet reader is its own chunk, fetched when a Parquet file is opened.
    const { loadParquetInJs } = await import('./parquet/load-parquet.ts');
    const loaded = await loadParquetInJs(engine, options.table, options.source, {
      fileName: options.fileName,
      signal: options.signal,
      maxRowGroupBytes: ctx.limits.maxInMemoryBytes,
      onProgress: (done, total) =>
        ctx.progress('loading', total > 0 ? Math.round((ctx.size * done) / total) : 0, done),
      ...(decoder ? { decoder } : {}),
    });
    ctx.warnings.push(...loaded.warnings);
  } finally {
    closeDecoder(decoder);
  }
  return { sha256: (await scanning).sha256 };
}

/** DuckDB's own read_parquet (native DuckDB). */
async function readWithDuckDb(ctx: LoadContext): Promise<void> {
  const { engine, options } = ctx;
  const path = await engine.registerFile(options.fileName, options.source);
  try {
    await createFromParquet(engine, options.table, path);
  } catch (error) {
    throw explainReadError(error, options.fileName, 'parquet');
  }
}

import type { ColumnInfo } from '../engine/Engine.ts';
import { loadDelimited } from './csv.ts';
import type { LoadContext } from './context.ts';
import { createFromParquet, isMissingReader } from './duckdb-readers.ts';
import { knownCsv, type KnownCsv } from './known-files.ts';
import { textTokens } from './missing.ts';
import { guessEncoding, parseEncoding, transcodeToUtf8, type EncodingGuess } from './encoding.ts';
import { checkInMemory } from './limits.ts';
import { explainReadError } from './read-errors.ts';
import { scanFile } from './scan.ts';

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
  const scan = await scanFile(ctx.reader('reading'), true, ctx.limits.maxInMemoryBytes);
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
  try {
    const tokens = textTokens(options.missing);
    const loaded = await loadDelimited(engine, path, options.table, sample, tokens, known);
    ctx.warnings.push(...loaded.warnings);
    ctx.addMissing(options.table, loaded.counts);
  } catch (error) {
    throw explainReadError(error, options.fileName, 'delimited text');
  }
  const table = known && { columns: known.columns, rows: known.rows };
  return { sha256: scan.sha256, encoding: guess.encoding, ...(table ? { known: table } : {}) };
}

/**
 * Parquet through DuckDB's reader; without the extension (DuckDB-WASM) hyparquet decodes it
 * into the same table. (JSON goes through the project's own parser: read-binary.ts.)
 */
export async function readParquet(ctx: LoadContext): Promise<ReadResult> {
  const { engine, options } = ctx;
  const scan = await scanFile(ctx.reader('reading'), false, ctx.limits.maxInMemoryBytes);
  ctx.checkAborted();
  ctx.progress('loading', ctx.size);
  const path = await engine.registerFile(options.fileName, options.source);
  try {
    await createFromParquet(engine, options.table, path);
  } catch (error) {
    if (!isMissingReader(error)) throw explainReadError(error, options.fileName, 'parquet');
    // The JavaScript Parquet reader is its own chunk, fetched when a Parquet file is opened.
    const { loadParquetInJs } = await import('./parquet/load-parquet.ts');
    const loaded = await loadParquetInJs(engine, options.table, options.source, {
      fileName: options.fileName,
      signal: options.signal,
      maxRowGroupBytes: ctx.limits.maxInMemoryBytes,
      onProgress: (done, total) =>
        ctx.progress('loading', total > 0 ? Math.round((ctx.size * done) / total) : 0, done),
    });
    ctx.warnings.push(...loaded.warnings);
  }
  return { sha256: scan.sha256 };
}

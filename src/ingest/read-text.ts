import { loadDelimited } from './csv.ts';
import type { LoadContext } from './context.ts';
import {
  createFromReader,
  isMissingReader,
  readerCall,
  type ReaderKind,
} from './duckdb-readers.ts';
import { guessEncoding, parseEncoding, transcodeToUtf8, type EncodingGuess } from './encoding.ts';
import { createTableFromColumns } from './insert.ts';
import { readJsonRecords } from './json.ts';
import { IngestError } from './errors.ts';
import { scanFile } from './scan.ts';

export interface ReadResult {
  sha256: string;
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
  const scan = await scanFile(ctx.reader('reading'), true);
  const guess: EncodingGuess = options.encoding
    ? { encoding: parseEncoding(options.encoding), reason: 'override' }
    : guessEncoding(head, scan.validUtf8);
  let path: string;
  if (guess.encoding === 'utf-8' && scan.validUtf8) {
    path = await engine.registerFile(options.fileName, options.source);
  } else {
    const { bytes, replaced } = await transcodeToUtf8(ctx.reader('transcoding'), guess.encoding);
    if (guess.reason === 'invalid UTF-8') {
      ctx.warnings.push(
        'The file is not valid UTF-8; it was read as Windows-1252 (Latin-1). Set `encoding` if that is wrong.',
      );
    }
    if (replaced > 0 && guess.encoding === 'utf-8') {
      ctx.warnings.push(`${replaced} invalid UTF-8 byte sequence(s) were replaced by U+FFFD.`);
    }
    path = await engine.registerFile(`${options.table}.utf8.csv`, { kind: 'bytes', bytes });
  }
  ctx.checkAborted();
  ctx.progress('loading', ctx.size);
  ctx.warnings.push(...(await loadDelimited(engine, path, options.table)));
  return { sha256: scan.sha256, encoding: guess.encoding };
}

/** Parquet / JSON / NDJSON through DuckDB's readers; JSON falls back to a JS parser. */
export async function readWithDuckDb(ctx: LoadContext, kind: ReaderKind): Promise<ReadResult> {
  const { engine, options } = ctx;
  const scan = await scanFile(ctx.reader('reading'), false);
  const path = await engine.registerFile(options.fileName, options.source);
  ctx.checkAborted();
  ctx.progress('loading', ctx.size);
  try {
    await createFromReader(engine, options.table, readerCall(kind, path));
  } catch (error) {
    if (!isMissingReader(error)) throw error;
    if (kind === 'parquet') {
      throw new IngestError(
        'This DuckDB build cannot read Parquet (its parquet extension is not available offline). Convert the file to CSV, or use the command line.',
      );
    }
    const text = new TextDecoder('utf-8').decode(await engine.readFile(options.source));
    const { columns } = readJsonRecords(text, kind === 'ndjson');
    await createTableFromColumns(engine, options.table, columns);
    ctx.warnings.push(
      "JSON was parsed in JavaScript because this DuckDB build has no json extension; nested values are kept as JSON text and types may differ from DuckDB's reader.",
    );
  }
  return { sha256: scan.sha256 };
}

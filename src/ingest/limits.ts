import { IngestError } from './errors.ts';

/**
 * How much the loader agrees to hold in memory. DuckDB streams CSV, Parquet and JSON from the
 * file; everything parsed in JavaScript (Excel, Stata, Arrow, JSON without DuckDB's reader,
 * text that must be re-encoded to UTF-8) needs the whole file, and a few times more while
 * parsing. A browser tab dies quietly when that runs out, so it is refused up front, with
 * the reason, instead (see docs/reliability.md).
 */
export interface IngestLimits {
  /** Largest file read whole into memory. */
  maxInMemoryBytes: number;
  /** Largest total a zipped workbook (.xlsx, .xlsm, .xlsb, .ods) may unpack to. */
  maxUnzippedBytes: number;
  /**
   * Largest compression ratio of a zipped workbook: of each part, and of the whole archive
   * against its file size (either unpacking to 1 MiB or more).
   */
  maxZipRatio: number;
}

const MIB = 1024 * 1024;

/** DuckDB-WASM in a browser tab: JS heaps of a few GB, one string at most ~512 M characters. */
export const BROWSER_LIMITS: IngestLimits = {
  maxInMemoryBytes: 100 * MIB,
  maxUnzippedBytes: 256 * MIB,
  maxZipRatio: 200,
};

/** The command line (Node, native DuckDB): more memory, same parsers. */
export const NATIVE_LIMITS: IngestLimits = {
  maxInMemoryBytes: 1024 * MIB,
  maxUnzippedBytes: 1024 * MIB,
  maxZipRatio: 200,
};

/** The limits for an engine (`Engine.name`), with any override applied. */
export function limitsFor(engineName: string, override?: Partial<IngestLimits>): IngestLimits {
  const base = engineName === 'duckdb-wasm' ? BROWSER_LIMITS : NATIVE_LIMITS;
  return { ...base, ...override };
}

/** `12 MB`, `1.5 GB`: sizes in messages, in binary units written the way people read them. */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toFixed(digits).replace(/\.0$/, '')} ${units[unit]}`;
}

/**
 * The advice for a file too big to parse here: the command line has the higher limits; CSV
 * is read by DuckDB in a stream and has none. `problem` says what is too big and why.
 */
export function tooBigError(engineName: string, problem: string, limit: number): IngestError {
  const where =
    engineName === 'duckdb-wasm'
      ? `Run the notebook on the command line (statecraft run), which allows up to ${formatBytes(NATIVE_LIMITS.maxInMemoryBytes)}, or save`
      : 'Save';
  return new IngestError(
    `${problem}; the limit here is ${formatBytes(limit)}. ${where} the data as CSV, which DuckDB reads without loading the whole file.`,
  );
}

/**
 * Refuses a file that would have to be read whole when it is over the limit. `reader` names
 * what needs it whole: `the Excel reader`.
 */
export function checkInMemory(
  engineName: string,
  fileName: string,
  reader: string,
  size: number,
  limits: IngestLimits,
): void {
  if (size > limits.maxInMemoryBytes) {
    throw tooBigError(
      engineName,
      `${fileName} is ${formatBytes(size)}, and ${reader} holds the whole file in memory`,
      limits.maxInMemoryBytes,
    );
  }
}

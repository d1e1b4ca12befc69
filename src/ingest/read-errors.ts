import { EngineError } from '../engine/Engine.ts';
import { IngestError } from './errors.ts';

/**
 * DuckDB's reader errors, said in terms of the user's file. DuckDB's own text (a page of
 * sniffer search space for a CSV it cannot make sense of) names a temporary path and options
 * the user never set; its first line is kept as the detail. Interrupts pass unchanged so a
 * cancelled load stays a cancelled load.
 */
export function explainReadError(error: unknown, fileName: string, kind: string): unknown {
  if (!(error instanceof EngineError) || /^INTERRUPT/i.test(error.message)) return error;
  const first = error.message
    .split('\n')[0]
    .replace(/ "[^"]*"/g, '')
    .replace(/[.\s]+$/, '');
  if (/sniffing file|automatically detect the CSV parsing dialect/i.test(error.message)) {
    return new IngestError(
      `${fileName} could not be read as ${kind}: no delimiter and quoting fit all of its lines. Check that it is a table saved as text (CSV, TSV); if it is, open it in a spreadsheet program and save it again as CSV (UTF-8).`,
    );
  }
  if (!/^(Invalid Input|Conversion) Error/i.test(error.message)) return error;
  const line = /CSV Error on Line: (\d+)/i.exec(error.message)?.[1];
  return new IngestError(
    `${fileName} could not be read as ${kind}${line ? ` (stopped at line ${line})` : ''}: ${first}. The file may be damaged or not really ${kind}; fix it or export it again.`,
  );
}

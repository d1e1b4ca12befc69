/**
 * What a failed cell says and where: the message (DuckDB's, unless the cell was stopped or
 * ran out of memory) and the notebook file's line it points at.
 */
import type { CellWatch, StopReason } from './CellWatch.ts';
import { messageOf } from '../shared/errors.ts';
import { kindOf } from '../cells/registry.ts';
import { SqlSyntaxError } from '../cells/sql/sql-tokens.ts';
import {
  interruptedMessage,
  isOutOfMemory,
  outOfMemoryMessage,
  stoppedMessage,
  type RunPlace,
} from './stop-messages.ts';
import type { Cell } from './types.ts';

export interface FailureContext {
  /** Why the cell stopped, if it was stopped rather than failing on its own. */
  stop: StopReason | 'interrupted' | undefined;
  watch: CellWatch;
  timeLimitMs: number;
  place: RunPlace;
  /** The engine restarted to stop the cell and lost its tables. */
  lostTables: boolean;
}

/** The message a failed cell shows: DuckDB's, unless it was stopped or ran out of memory. */
export function explainFailure(cell: Cell, error: unknown, context: FailureContext): string {
  const { stop, watch, place } = context;
  if (stop === 'interrupted') return interruptedMessage(watch.elapsedMs);
  if (stop) {
    return stoppedMessage(stop, watch.elapsedMs, context.timeLimitMs, place, context.lostTables);
  }
  const message = messageOf(error);
  if (isOutOfMemory(message)) return outOfMemoryMessage(message, place);
  return fileLineMessage(cell, message);
}

/**
 * DuckDB numbers lines of the statement it saw (the query wrapped in one extra line); say the
 * notebook file's line instead, so "LINE 23" in the message is line 23 of the file.
 */
export function fileLineMessage(cell: Cell, message: string): string {
  if (kindOf(cell.kind).body !== 'sql') return message;
  return message.replace(
    /LINE (\d+):/,
    (_, n: string) => `LINE ${cell.line + Math.max(1, Number(n) - 1)}:`,
  );
}

/** The file line an error points at: the SQL line for engine and syntax errors, else the fence. */
export function errorLine(cell: Cell, error: unknown): number {
  const bodyStart = cell.line + 1;
  if (error instanceof SqlSyntaxError) {
    return bodyStart + cell.source.slice(0, error.offset).split('\n').length - 1;
  }
  const match = error instanceof Error ? /LINE (\d+):/.exec(error.message) : null;
  // The engine sees the query wrapped in one extra line (CREATE TABLE … AS ().
  if (match && kindOf(cell.kind).body === 'sql')
    return bodyStart + Math.max(0, Number(match[1]) - 2);
  return cell.line;
}

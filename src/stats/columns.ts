import type { ColumnInfo, Engine } from '../engine/Engine.ts';
import { describeTable, listTables, missingTableName } from '../engine/tables.ts';
import { CellError } from '../shared/errors.ts';

/** Columns of the table a statistics cell reads, or a CellError naming the tables there are. */
export async function tableColumns(engine: Engine, table: string): Promise<ColumnInfo[]> {
  try {
    return await describeTable(engine, table);
  } catch (error) {
    if (missingTableName(error) === undefined) throw error;
    const tables = await listTables(engine);
    const known = tables.length ? tables.map((t) => JSON.stringify(t)).join(', ') : 'none yet';
    throw new CellError(`table ${JSON.stringify(table)} does not exist; tables: ${known}`);
  }
}

/** The column called `name`, or a CellError listing the available ones. */
export function requireColumn(columns: ColumnInfo[], name: string, role: string): ColumnInfo {
  const found = columns.find((c) => c.name === name);
  if (found) return found;
  const near = columns.find((c) => c.name.toLowerCase() === name.trim().toLowerCase());
  const hint = near ? ` (did you mean ${JSON.stringify(near.name)}?)` : '';
  const available = columns.map((c) => JSON.stringify(c.name)).join(', ');
  throw new CellError(
    `${role} column ${JSON.stringify(name)} not found${hint}; available columns: ${available}`,
  );
}

/** A value as it reads in a message: strings quoted, numbers as JavaScript prints them. */
export function showValue(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** `12 rows` / `1 row`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

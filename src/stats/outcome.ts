import type { ColumnInfo, Engine } from '../engine/Engine.ts';
import { ident } from '../engine/sql.ts';
import { CellError } from '../shared/errors.ts';
import { isBooleanType, isNumericType } from '../shared/column-types.ts';

const SHOWN_VALUES = 8;

/**
 * An outcome must be BOOLEAN or numeric holding only 0 and 1. Anything else would make a rate
 * or a logit silently mean something else, so the cell fails and says which values it found.
 */
export async function checkOutcome(
  engine: Engine,
  from: string,
  column: ColumnInfo,
): Promise<void> {
  if (isBooleanType(column.type)) return;
  const col = ident(column.name);
  const where = isNumericType(column.type)
    ? `${col} IS NOT NULL AND ${col} NOT IN (0, 1)`
    : `${col} IS NOT NULL`;
  const { rows } = await engine.query(
    `SELECT DISTINCT CAST(${col} AS VARCHAR) AS shown, ${col} AS v FROM ${ident(from)}
     WHERE ${where} ORDER BY v LIMIT ${SHOWN_VALUES + 1}`,
  );
  if (rows.length === 0 && isNumericType(column.type)) return;
  const shown = rows
    .slice(0, SHOWN_VALUES)
    .map((r) => (typeof r.v === 'number' ? String(r.v) : JSON.stringify(r.shown)));
  if (rows.length > SHOWN_VALUES) shown.push('…');
  const found = shown.length ? `found ${shown.join(', ')}` : `it is ${column.type}`;
  throw new CellError(
    `outcome column ${JSON.stringify(column.name)} must be boolean or 0/1; ${found} — ` +
      'derive a 0/1 column in a sql cell first',
  );
}

/** SQL condition true where the (checked) outcome is a success. */
export function successCondition(column: ColumnInfo): string {
  return isBooleanType(column.type) ? ident(column.name) : `${ident(column.name)} = 1`;
}

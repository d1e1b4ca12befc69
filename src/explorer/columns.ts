/**
 * Columns of the explorer's sql cell: a column under its alias, or a text control with its
 * rare levels grouped into one.
 */
import { ident } from '../engine/sql.ts';
import { CellError } from '../shared/errors.ts';

/** The level rare values of a collapsed control become. */
export const COLLAPSED_LEVEL = 'other';

/** A text column whose levels with fewer than `least` rows become one level. */
export function collapsedColumn(name: string, as: string, least: number): string {
  if (!Number.isInteger(least) || least < 2) {
    throw new CellError(
      `grouping rare levels of ${JSON.stringify(name)} needs a count of 2 or more`,
    );
  }
  const column = ident(name);
  return (
    `CASE WHEN ${column} IS NULL THEN NULL ` +
    `WHEN count(*) OVER (PARTITION BY ${column}) >= ${least} THEN CAST(${column} AS VARCHAR) ` +
    `ELSE '${COLLAPSED_LEVEL}' END AS ${ident(as)}`
  );
}

export function selectColumn(name: string, as: string): string {
  return name === as ? ident(name) : `${ident(name)} AS ${ident(as)}`;
}

/**
 * What the kinds share at the end of a run: every kind's outputs are DuckDB tables named after
 * the cell, so later cells (and the user's SQL) build on them; the notebook shows previews.
 */
import type { Engine, Row } from '../engine/Engine.ts';
import { ident } from '../engine/sql.ts';
import { createTableFromRows } from '../engine/tables.ts';
import { CellError } from '../shared/errors.ts';
import type { CellTables } from '../shared/table-data.ts';
import type { CellBase, CellContext, CellOutcome } from './types.ts';

/** Rows of a result shown in the notebook; the full table stays in DuckDB. */
export const PREVIEW_ROWS = 200;

/**
 * The tables `cell` makes, named by its kind's `outputTables`: none for an unnamed cell or a
 * refused duplicate (the first cell of that name keeps its tables).
 */
export function ownTables<C extends CellBase>(
  cell: C,
  outputTables: (name: string, cell: C) => string[],
): string[] {
  return cell.name && !cell.duplicate ? outputTables(cell.name, cell) : [];
}

export async function requireTable(name: string, ctx: CellContext): Promise<void> {
  if (!(await ctx.tableExists(name))) {
    throw new CellError(
      `"${name}" names no table: use a dataset from the front matter or the name of another cell`,
    );
  }
}

/** Writes a statistics result's tables (`<name><suffix>`) and previews `tables`. */
export async function storeTables(
  engine: Engine,
  name: string,
  computed: CellTables,
  tables: string[],
): Promise<CellOutcome> {
  for (const [suffix, data] of Object.entries(computed.tables)) {
    await createTableFromRows(engine, `${name}${suffix}`, data.columns, data.rows);
  }
  return previewOutputs(engine, tables, computed.warnings);
}

export async function previewOutputs(
  engine: Engine,
  tables: string[],
  warnings: string[],
): Promise<CellOutcome> {
  const outputs: CellOutcome['outputs'] = [];
  for (const table of tables) {
    const result = await engine.query(`SELECT * FROM ${ident(table)} LIMIT ${PREVIEW_ROWS}`);
    // A preview shorter than the limit is the whole table: no count needed (most statistics
    // tables have a few rows, and every statement is a round trip to DuckDB's worker).
    const rowCount =
      result.rows.length < PREVIEW_ROWS
        ? result.rows.length
        : Number((await engine.query(`SELECT count(*) AS n FROM ${ident(table)}`)).rows[0].n);
    outputs.push({ table, rowCount, result });
  }
  return { warnings, outputs, rows: outputs[0]?.rowCount };
}

/** All rows of a table as JSON values (results.json, expectations). */
export async function tableRows(engine: Engine, table: string): Promise<Row[]> {
  return (await engine.query(`SELECT * FROM ${ident(table)}`)).rows;
}

/** The `from:` table of a statistics or chart spec, lower-cased, as a dependency. */
export function fromTable(spec: { from?: unknown }): string[] {
  return typeof spec.from === 'string' ? [spec.from.toLowerCase()] : [];
}

/**
 * What a result is, for every layer: a value as the runtime sees it, a row, a column, and the
 * small tables a statistics cell computes before they become DuckDB tables.
 */

/** A cell value as the runtime sees it: what results.json contains. */
export type Value = number | string | boolean | null | Value[] | { [key: string]: Value };

export type Row = Record<string, Value>;

export interface ColumnInfo {
  name: string;
  /** DuckDB logical type as DuckDB prints it, e.g. `DOUBLE`, `VARCHAR`, `DECIMAL(10,2)`. */
  type: string;
}

/** A table of rows computed by a cell (statistics outputs), before it becomes a DuckDB table. */
export interface TableData {
  columns: ColumnInfo[];
  rows: Row[];
}

/**
 * What a statistics cell computes: tables keyed by suffix (`''` for `<name>` itself,
 * `'_test'`, `'_fit'`, `'_predicted'`) and warnings to show next to the cell.
 */
export interface CellTables {
  tables: Record<string, TableData>;
  warnings: string[];
}

/**
 * Display names for columns, read from the dictionaries the loaders made (`<table>_labels`
 * from a Stata file, `<table>_dictionary` from a known-dataset adapter): a variable's
 * `description` (Stata's variable label, the codebook's wording) is what people read instead
 * of its column name. Charts (in both engines, through the chart cell's run), result tables
 * and the report all look labels up here, so they agree.
 *
 * Which dictionary labels which table:
 * - a loaded table and its labelled view use their own dictionary only;
 * - any other table (a sql cell's output, a statistics table) gets a label for a column whose
 *   name appears in the notebook's dictionaries with exactly one label: a derived table that
 *   keeps `EU` keeps "EU SANCTION"; a name two datasets label differently stays a name.
 */
import type { Engine } from '../engine/Engine.ts';
import { ident, literal } from '../engine/sql.ts';

/** Column name → label, for one table. */
export type ColumnLabels = Record<string, string>;

export interface LabelIndex {
  /** Per documented table (lower-cased): its dictionary's labels. */
  byTable: Map<string, ColumnLabels>;
  /** Labels of names that mean one thing across every dictionary. */
  byName: ColumnLabels;
}

export const NO_LABELS: LabelIndex = { byTable: new Map(), byName: {} };

/**
 * Stata caps a variable label at 80 characters; a longer description is a codebook's
 * sentence ("TRUE when the target complied …"), which would crowd an axis, not a name.
 */
export const LABEL_MAX_LENGTH = 80;

const SUFFIXES = ['_labels', '_dictionary'];

export async function readLabelIndex(engine: Engine): Promise<LabelIndex> {
  // A dictionary is recognised by its exact shape, so a user's table named `x_labels` with
  // other columns is never read as one.
  const { rows: found } = await engine.query(
    `SELECT table_name FROM information_schema.columns
     WHERE table_catalog = current_database() AND table_schema = 'main'
       AND (table_name LIKE '%\\_labels' ESCAPE '\\' OR table_name LIKE '%\\_dictionary' ESCAPE '\\')
     GROUP BY table_name
     HAVING list(column_name ORDER BY ordinal_position) = ['variable', 'description', 'value', 'label']
        AND bool_and(data_type = 'VARCHAR')
     ORDER BY table_name`,
  );
  const dictionaries = found.map((r) => String(r.table_name));
  if (dictionaries.length === 0) return NO_LABELS;
  const { rows } = await engine.query(
    dictionaries
      .map(
        (d) =>
          `SELECT ${literal(d)} AS dictionary, variable, min(description) AS description
           FROM ${ident(d)} WHERE variable IS NOT NULL GROUP BY variable`,
      )
      .join(' UNION ALL '),
  );
  const byTable = new Map<string, ColumnLabels>();
  const seen = new Map<string, Set<string>>();
  for (const row of rows) {
    const variable = String(row.variable);
    const label = typeof row.description === 'string' ? row.description.trim() : '';
    const usable = label !== '' && label !== variable && label.length <= LABEL_MAX_LENGTH;
    // A variable without a usable label still counts as a second meaning of its name.
    const meanings = seen.get(variable) ?? new Set<string>();
    meanings.add(usable ? label : '');
    seen.set(variable, meanings);
    if (!usable) continue;
    const base = baseOf(String(row.dictionary)).toLowerCase();
    for (const table of [base, `${base}_labelled`]) {
      const labels = byTable.get(table) ?? {};
      labels[variable] = label;
      byTable.set(table, labels);
    }
  }
  const byName: ColumnLabels = {};
  for (const [variable, meanings] of seen) {
    const [only] = meanings;
    if (meanings.size === 1 && only !== '') byName[variable] = only;
  }
  return { byTable, byName };
}

/** The labels of `columns` of `table`, by the rules above; columns without one are absent. */
export function labelsFor(
  index: LabelIndex,
  table: string,
  columns: readonly string[],
): ColumnLabels {
  const own = index.byTable.get(table.toLowerCase());
  const source = own ?? index.byName;
  const out: ColumnLabels = {};
  for (const column of columns) {
    const label = Object.hasOwn(source, column) ? source[column] : undefined;
    if (label !== undefined) out[column] = label;
  }
  return out;
}

function baseOf(dictionary: string): string {
  const suffix = SUFFIXES.find((s) => dictionary.endsWith(s)) ?? '';
  return dictionary.slice(0, dictionary.length - suffix.length);
}

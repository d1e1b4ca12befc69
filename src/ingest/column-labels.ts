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

/** Column name → (code as text → value label), for one table. */
export type ValueLabels = Record<string, Record<string, string>>;

export interface LabelIndex {
  /** Per documented table (lower-cased): its dictionary's labels. */
  byTable: Map<string, ColumnLabels>;
  /** Labels of names that mean one thing across every dictionary. */
  byName: ColumnLabels;
  /** Value labels per documented table (lower-cased). */
  valuesByTable: Map<string, ValueLabels>;
  /** Value labels of names only one dictionary documents. */
  valuesByName: ValueLabels;
}

export const NO_LABELS: LabelIndex = {
  byTable: new Map(),
  byName: {},
  valuesByTable: new Map(),
  valuesByName: {},
};

/**
 * Stata caps a variable label at 80 characters; a longer description is a codebook's
 * sentence ("TRUE when the target complied …"), which would crowd an axis, not a name.
 */
export const LABEL_MAX_LENGTH = 80;

const SUFFIXES = ['_labels', '_dictionary'];

export async function readLabelIndex(engine: Engine): Promise<LabelIndex> {
  // Most notebooks have no table named like a dictionary: asking only for names first is the
  // cheapest question (every chart asks it, the first one in a fresh page on the way to the
  // first chart), and the columns' shape is read only for tables so named. Dictionaries are
  // tables: the loaders write them so, and a cell's output is always a table.
  const suffixed = SUFFIXES.map((s) => `suffix(table_name, ${literal(s)})`).join(' OR ');
  const { rows: named } = await engine.query(
    `SELECT table_name FROM duckdb_tables()
     WHERE database_name = current_database() AND schema_name = 'main' AND (${suffixed})`,
  );
  if (named.length === 0) return NO_LABELS;
  // A dictionary is recognised by its exact shape, so a user's table named `x_labels` with
  // other columns is never read as one; only the tables just found are looked at.
  const tables = named.map((r) => literal(String(r.table_name))).join(', ');
  const { rows: found } = await engine.query(
    `SELECT table_name FROM duckdb_columns()
     WHERE database_name = current_database() AND schema_name = 'main'
       AND table_name IN (${tables})
     GROUP BY table_name
     HAVING list(column_name ORDER BY column_index) = ['variable', 'description', 'value', 'label']
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
  return { byTable, byName, ...(await readValueLabels(engine, dictionaries)) };
}

async function readValueLabels(
  engine: Engine,
  dictionaries: string[],
): Promise<Pick<LabelIndex, 'valuesByTable' | 'valuesByName'>> {
  const { rows } = await engine.query(
    dictionaries
      .map(
        (d) =>
          `SELECT ${literal(d)} AS dictionary, variable, value, label
           FROM ${ident(d)} WHERE variable IS NOT NULL AND value IS NOT NULL AND label IS NOT NULL`,
      )
      .join(' UNION ALL '),
  );
  const valuesByTable = new Map<string, ValueLabels>();
  const perDictionary = new Map<string, ValueLabels>();
  for (const row of rows) {
    const dictionary = String(row.dictionary);
    const codes = perDictionary.get(dictionary) ?? {};
    perDictionary.set(dictionary, codes);
    const variable = String(row.variable);
    codes[variable] ??= {};
    codes[variable][String(row.value)] = String(row.label);
  }
  const owners = new Map<string, number>();
  for (const [dictionary, codes] of perDictionary) {
    const base = baseOf(dictionary).toLowerCase();
    valuesByTable.set(base, codes);
    valuesByTable.set(`${base}_labelled`, codes);
    for (const variable of Object.keys(codes))
      owners.set(variable, (owners.get(variable) ?? 0) + 1);
  }
  // Codes mean something only in their own dataset: a name two dictionaries code is left as is.
  const valuesByName: ValueLabels = {};
  for (const codes of perDictionary.values()) {
    for (const [variable, labels] of Object.entries(codes)) {
      if (owners.get(variable) === 1) valuesByName[variable] = labels;
    }
  }
  return { valuesByTable, valuesByName };
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

/** The value labels of `columns` of `table`, by the same rules as labelsFor. */
export function valueLabelsFor(
  index: LabelIndex,
  table: string,
  columns: readonly string[],
): ValueLabels {
  const source = index.valuesByTable.get(table.toLowerCase()) ?? index.valuesByName;
  const out: ValueLabels = {};
  for (const column of columns) {
    if (Object.hasOwn(source, column)) out[column] = source[column];
  }
  return out;
}

function baseOf(dictionary: string): string {
  const suffix = SUFFIXES.find((s) => dictionary.endsWith(s)) ?? '';
  return dictionary.slice(0, dictionary.length - suffix.length);
}

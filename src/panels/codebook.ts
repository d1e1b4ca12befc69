/**
 * A recognised dataset's codebook, read back from the dictionary table its loader made
 * (`<table>_dictionary` from an adapter, `<table>_labels` from a Stata file): one row per
 * variable, or per code of a labelled variable, with columns variable, description, value,
 * label. The data panel shows it grouped by variable.
 */
import type { ColumnInfo, Engine } from '../engine/Engine.ts';
import { ident, literal } from '../engine/sql.ts';

export interface CodebookValue {
  value: string;
  label: string;
}

export interface CodebookVariable {
  variable: string;
  description: string | null;
  /** Codes and their labels, in the codebook's order; empty for unlabelled variables. */
  values: CodebookValue[];
}

const COLUMNS = ['variable', 'description', 'value', 'label'];

/** True for a table shaped like a loader's dictionary. */
export function isDictionary(columns: readonly ColumnInfo[]): boolean {
  return (
    columns.length === COLUMNS.length &&
    columns.every((c, i) => c.name === COLUMNS[i] && c.type === 'VARCHAR')
  );
}

export async function readCodebook(
  engine: Engine,
  dictionary: string,
  only?: string,
): Promise<CodebookVariable[]> {
  // The loaders write the rows in codebook order; the row id keeps it. `only` reads one
  // variable's rows (a column profile labels one column), not the whole codebook.
  const where = only === undefined ? '' : `WHERE variable = ${literal(only)}`;
  const { rows } = await engine.query(
    `SELECT variable, description, value, label FROM ${ident(dictionary)} ${where} ORDER BY rowid`,
  );
  const byName = new Map<string, CodebookVariable>();
  for (const row of rows) {
    const name = String(row.variable);
    let entry = byName.get(name);
    if (!entry) {
      entry = { variable: name, description: null, values: [] };
      byName.set(name, entry);
    }
    if (entry.description === null && typeof row.description === 'string') {
      entry.description = row.description;
    }
    if (row.value !== null) {
      entry.values.push({
        value: String(row.value),
        label: row.label === null ? '' : String(row.label),
      });
    }
  }
  return [...byName.values()];
}

/** The label of one code of a variable, if the codebook has it. */
export function labelOf(
  variable: CodebookVariable | undefined,
  value: unknown,
): string | undefined {
  if (!variable || value === null || value === undefined) return undefined;
  const text = String(value);
  return variable.values.find((v) => v.value === text || Number(v.value) === Number(text))?.label;
}

import type { Engine } from '../../engine/Engine.ts';
import { ident, literal, valueLiteral } from '../../engine/sql.ts';
import { isoText } from '../infer.ts';
import {
  createTableFromColumns,
  createTableFromPacked,
  packTextColumns,
  type PackedTable,
  type TextColumn,
} from '../insert.ts';
import { missingCodesTable } from './missing-codes.ts';
import { describeCounts } from '../missing.ts';
import { cleanColumnNames } from '../names.ts';
import { uniqueName } from '../../shared/unique-name.ts';
import type { MissingCounts } from '../missing.ts';
import type { TableRole } from '../types.ts';
import { parseDta, type StataFile, type StataVariable } from './parse-dta.ts';

const DAYS_1960_TO_1970 = 3653;
const MS_PER_DAY = 86_400_000;

export interface StataLoad {
  extra: { name: string; role: TableRole }[];
  warnings: string[];
  missing: MissingCounts;
}

/**
 * A parsed .dta file as plain data (no engine), so the parsing can run in a worker and only
 * the columns cross back. `labelled` holds the SELECT items adding `<variable>_label`.
 */
export interface StataTables {
  columns: TextColumn[];
  dictionary: TextColumn[];
  labelled: string[];
  warnings: string[];
  /** Per column, how many of each extended missing value (`.a`–`.z`) became NULL. */
  missing: MissingCounts;
}

/** StataTables with its two tables packed for insertion, as the parse worker hands it back. */
export interface PackedStata extends Omit<StataTables, 'columns' | 'dictionary'> {
  columns: PackedTable;
  dictionary: PackedTable;
}

export function packStata(tables: StataTables): PackedStata {
  return {
    ...tables,
    columns: packTextColumns(tables.columns),
    dictionary: packTextColumns(tables.dictionary),
  };
}

export function stataTables(bytes: Uint8Array, fileName: string): StataTables {
  const file = parseDta(bytes, fileName);
  const names = cleanColumnNames(file.variables.map((v) => v.name));
  const columns = file.variables.map((v, j) => toColumn(names[j], v, file.columns[j]));
  const warnings: string[] = [];
  const missing: MissingCounts = {};
  // In order of the variables and of the codes, so the report reads like the file.
  for (const [j, byCode] of [...file.extendedByVariable].sort((a, b) => a[0] - b[0])) {
    missing[names[j]] = Object.fromEntries([...byCode].sort((a, b) => a[0].localeCompare(b[0])));
  }
  if (file.extendedMissing > 0) {
    warnings.push(
      `${file.extendedMissing} extended missing value(s) (.a–.z) were read as NULL, like "."`,
    );
    const line = describeCounts(missing, 'Extended missing values');
    if (line) warnings.push(line);
  }
  const missingSets = new Set(
    file.variables
      .map((v) => v.valueLabel)
      .filter((set) => set !== '' && !file.valueLabels.has(set)),
  );
  if (missingSets.size > 0) {
    warnings.push(
      `Value-label set(s) ${[...missingSets].join(', ')} are attached to variables but not stored in the file.`,
    );
  }
  return {
    columns,
    dictionary: dictionaryColumns(file, names),
    labelled: labelColumns(file, names),
    warnings,
    missing,
  };
}

/**
 * A .dta file becomes three objects: the raw table (codes as stored, Stata missing → NULL),
 * `<table>_labels` (variable, description, value, label: the variable labels and value
 * labels) and, when any variable has value labels, the view `<table>_labelled` that adds a
 * `<variable>_label` text column next to the raw columns.
 */
export async function loadStata(
  engine: Engine,
  table: string,
  parsed: PackedStata,
): Promise<StataLoad> {
  await createTableFromPacked(engine, table, parsed.columns);
  const labelsTable = `${table}_labels`;
  await createTableFromPacked(engine, labelsTable, parsed.dictionary);
  const extra: StataLoad['extra'] = [{ name: labelsTable, role: 'dictionary' }];
  if (parsed.labelled.length > 0) {
    const view = `${table}_labelled`;
    await engine.exec(
      `CREATE OR REPLACE VIEW ${ident(view)} AS SELECT *, ${parsed.labelled.join(', ')} FROM ${ident(table)}`,
    );
    extra.push({ name: view, role: 'labelled' });
  }
  const codes = missingCodeColumns(parsed.missing);
  if (codes) {
    const codesTable = missingCodesTable(table);
    await createTableFromColumns(engine, codesTable, codes);
    extra.push({ name: codesTable, role: 'helper' });
  }
  return { extra, warnings: parsed.warnings, missing: parsed.missing };
}

function missingCodeColumns(missing: MissingCounts): TextColumn[] | undefined {
  const rows = Object.entries(missing).flatMap(([column, byCode]) =>
    Object.entries(byCode).map(([code, n]) => [column, code, String(n)]),
  );
  if (rows.length === 0) return undefined;
  return [
    { name: 'column_name', type: 'VARCHAR', values: rows.map((r) => r[0]) },
    { name: 'code', type: 'VARCHAR', values: rows.map((r) => r[1]) },
    { name: 'n', type: 'BIGINT', values: rows.map((r) => r[2]) },
  ];
}

function toColumn(name: string, v: StataVariable, values: (number | string | null)[]): TextColumn {
  if (v.type === 'str' || v.type === 'strL') {
    // Stata has no string missing value: an empty string is how it writes "missing".
    return {
      name,
      type: 'VARCHAR',
      values: values.map((x) => (x === '' || x === null ? null : String(x))),
    };
  }
  const format = v.format.toLowerCase();
  if (format.startsWith('%td') || format.startsWith('%d')) {
    return {
      name,
      type: 'DATE',
      values: values.map((x) =>
        x === null
          ? null
          : isoText({ kind: 'date', days: Math.floor(Number(x)) - DAYS_1960_TO_1970 }, false),
      ),
    };
  }
  if (format.startsWith('%tc')) {
    return {
      name,
      type: 'TIMESTAMP',
      values: values.map((x) =>
        x === null
          ? null
          : isoText({ kind: 'date', days: Number(x) / MS_PER_DAY - DAYS_1960_TO_1970 }, true),
      ),
    };
  }
  const integer = v.type === 'byte' || v.type === 'int' || v.type === 'long';
  return {
    name,
    type: integer ? 'BIGINT' : 'DOUBLE',
    values: values.map((x) => (x === null ? null : String(x))),
  };
}

function dictionaryColumns(file: StataFile, names: string[]): TextColumn[] {
  const variable: (string | null)[] = [];
  const description: (string | null)[] = [];
  const value: (string | null)[] = [];
  const label: (string | null)[] = [];
  file.variables.forEach((v, j) => {
    const set = file.valueLabels.get(v.valueLabel);
    const entries = set ? [...set.entries()].sort((a, b) => a[0] - b[0]) : [];
    const rows: [string | null, string | null][] =
      entries.length > 0 ? entries.map(([code, text]) => [String(code), text]) : [[null, null]];
    for (const [code, text] of rows) {
      variable.push(names[j]);
      description.push(v.label === '' ? null : v.label);
      value.push(code);
      label.push(text);
    }
  });
  return [
    { name: 'variable', type: 'VARCHAR', values: variable },
    { name: 'description', type: 'VARCHAR', values: description },
    { name: 'value', type: 'VARCHAR', values: value },
    { name: 'label', type: 'VARCHAR', values: label },
  ];
}

function labelColumns(file: StataFile, names: string[]): string[] {
  const taken = new Set(names.map((n) => n.toLowerCase()));
  const out: string[] = [];
  file.variables.forEach((v, j) => {
    const set = file.valueLabels.get(v.valueLabel);
    if (!set || set.size === 0 || v.type === 'str' || v.type === 'strL') return;
    const cases = [...set.entries()]
      .map(([code, text]) => `WHEN ${valueLiteral(code)} THEN ${literal(text)}`)
      .join(' ');
    const name = uniqueName(`${names[j]}_label`, taken);
    out.push(`CASE ${ident(names[j])} ${cases} END AS ${ident(name)}`);
  });
  return out;
}

import type { ColumnInfo, Engine } from '../../engine/Engine.ts';
import { ident, literal, valueLiteral } from '../../engine/sql.ts';
import { createTableFromColumns } from '../insert.ts';
import { uniqueName } from '../../shared/unique-name.ts';
import type { TableRole } from '../types.ts';

/** Code → label pairs, as in a codebook. */
export type Labels = ReadonlyArray<readonly [number | string, string]>;

/** A helper view joining an adapter's table with another catalogued dataset's, when both are loaded. */
export interface AdapterLink {
  /** The other dataset's adapter id (data/catalog.json). */
  with: string;
  /** Names the helper in a warning when it cannot be built. */
  label: string;
  /** Builds the helper from this adapter's raw table and the other's; returns its name. */
  create: (engine: Engine, table: string, other: string) => Promise<string>;
}

export interface AdapterOutput {
  tables: { name: string; role: TableRole; sheet?: string }[];
  warnings: string[];
}

class MissingColumn extends Error {}

/** Column lookup for expressions: names are matched without case and surrounding spaces. */
export class Columns {
  private readonly byKey = new Map<string, string>();

  constructor(columns: ColumnInfo[]) {
    for (const c of columns) this.byKey.set(key(c.name), c.name);
  }

  has(name: string): boolean {
    return this.byKey.has(key(name));
  }

  /** The quoted column; throws (and the derived column is skipped) when the file lacks it. */
  q(name: string): string {
    const actual = this.byKey.get(key(name));
    if (actual === undefined) throw new MissingColumn(name);
    return ident(actual);
  }

  /** The column as a number, whatever type the file gave it (NULL when not numeric). */
  num(name: string): string {
    return `TRY_CAST(${this.q(name)} AS DOUBLE)`;
  }

  /** The column as trimmed text, '' → NULL. */
  text(name: string): string {
    return `NULLIF(trim(CAST(${this.q(name)} AS VARCHAR)), '')`;
  }

  /** 1 → TRUE, 0 → FALSE, anything else NULL. */
  flag(name: string): string {
    return `CASE ${this.num(name)} WHEN 1 THEN TRUE WHEN 0 THEN FALSE END`;
  }

  /** A numeric code column's label. */
  label(name: string, labels: Labels): string {
    return labelCase(this.num(name), labels);
  }

  /** Cells holding several codes ("2 7", "1  3") → INTEGER[]; NULL when empty. */
  codes(name: string): string {
    const parts = `regexp_split_to_array(${this.text(name)}, '[\\s,;]+')`;
    return `CASE WHEN ${this.text(name)} IS NOT NULL THEN [CAST(TRY_CAST(x AS DOUBLE) AS INTEGER) FOR x IN ${parts} IF TRY_CAST(x AS DOUBLE) IS NOT NULL] END`;
  }
}

function key(name: string): string {
  return name.trim().toLowerCase();
}

export function labelCase(expr: string, labels: Labels): string {
  if (labels.length > 24) {
    // A long CASE is evaluated branch by branch (≈0.6 s for COW names over 310,820 rows); a
    // lookup against an inline table becomes a hash join (≈20 ms).
    const rows = labels.map(([code, text]) => `(${valueLiteral(code)}, ${literal(text)})`);
    return `(SELECT l.label FROM (VALUES ${rows.join(', ')}) AS l(code, label) WHERE l.code = ${expr})`;
  }
  const cases = labels.map(([code, text]) => `WHEN ${valueLiteral(code)} THEN ${literal(text)}`);
  return `CASE ${expr} ${cases.join(' ')} END`;
}

/** Like labelCase, but always a CASE: usable inside list comprehensions. */
function labelCaseInline(expr: string, labels: Labels): string {
  const cases = labels.map(([code, text]) => `WHEN ${valueLiteral(code)} THEN ${literal(text)}`);
  return `CASE ${expr} ${cases.join(' ')} END`;
}

/** A list of labels for a list of codes (unknown codes keep their number as text). */
export function labelList(listExpr: string, labels: Labels): string {
  return `[coalesce(${labelCaseInline('c', labels)}, CAST(c AS VARCHAR)) FOR c IN ${listExpr}]`;
}

interface DictionaryRow {
  variable: string;
  description: string;
  value: string | null;
  label: string | null;
}

/**
 * Builds an adapter's two outputs next to the untouched raw table: the view
 * `<table>_labelled` (every raw column, then the derived ones) and the table
 * `<table>_dictionary` (variable, description, value, label).
 */
export class LabelledBuilder {
  readonly c: Columns;
  readonly warnings: string[] = [];
  private readonly derived: string[] = [];
  private readonly dictionary: DictionaryRow[] = [];
  private readonly taken: Set<string>;
  private readonly skipped: string[] = [];

  constructor(
    private readonly engine: Engine,
    readonly table: string,
    columns: ColumnInfo[],
  ) {
    this.c = new Columns(columns);
    this.taken = new Set(columns.map((col) => col.name.toLowerCase()));
  }

  /** Documents a raw column (and its codes) in the dictionary. */
  describe(variable: string, description: string, labels: Labels = []): void {
    if (!this.c.has(variable)) return;
    this.addRows(variable, description, labels);
  }

  /**
   * Adds a derived column to the labelled view. When the file lacks a column the expression
   * needs, the derived column is left out and reported, instead of failing the whole view.
   */
  add(name: string, expr: (c: Columns) => string, description: string, labels: Labels = []): void {
    let sql: string;
    try {
      sql = expr(this.c);
    } catch (error) {
      if (error instanceof MissingColumn) {
        this.skipped.push(`${name} (needs ${error.message})`);
        return;
      }
      throw error;
    }
    const alias = uniqueName(name, this.taken);
    this.derived.push(`${sql} AS ${ident(alias)}`);
    this.addRows(alias, description, labels);
  }

  private addRows(variable: string, description: string, labels: Labels): void {
    if (labels.length === 0) {
      this.dictionary.push({ variable, description, value: null, label: null });
      return;
    }
    for (const [code, text] of labels) {
      this.dictionary.push({ variable, description, value: String(code), label: text });
    }
  }

  async create(datasetName: string): Promise<AdapterOutput> {
    const view = `${this.table}_labelled`;
    const dictionary = `${this.table}_dictionary`;
    const select = ['*', ...this.derived].join(',\n  ');
    await this.engine.exec(
      `CREATE OR REPLACE VIEW ${ident(view)} AS SELECT\n  ${select}\nFROM ${ident(this.table)}`,
    );
    const column = (pick: (r: DictionaryRow) => string | null): (string | null)[] =>
      this.dictionary.map(pick);
    await createTableFromColumns(this.engine, dictionary, [
      { name: 'variable', type: 'VARCHAR', values: column((r) => r.variable) },
      { name: 'description', type: 'VARCHAR', values: column((r) => r.description) },
      { name: 'value', type: 'VARCHAR', values: column((r) => r.value) },
      { name: 'label', type: 'VARCHAR', values: column((r) => r.label) },
    ]);
    if (this.skipped.length > 0) {
      this.warnings.push(
        `${datasetName}: the file lacks columns some derived variables need; left out: ${this.skipped.join(', ')}.`,
      );
    }
    return {
      tables: [
        { name: view, role: 'labelled' },
        { name: dictionary, role: 'dictionary' },
      ],
      warnings: this.warnings,
    };
  }
}

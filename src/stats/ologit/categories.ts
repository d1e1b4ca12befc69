/**
 * The ordered outcome's categories: which values it takes, in which order, what R calls them,
 * and the SQL that codes a row's value as its category 0…K-1 for the shared design
 * (logit/design.ts, `outcomeSql`).
 */
import type { ColumnInfo, Engine } from '../../engine/Engine.ts';
import { ident, valueLiteral } from '../../engine/sql.ts';
import { CellError } from '../../shared/errors.ts';
import { isBooleanType, isNumericType, isTextType } from '../../shared/column-types.ts';
import { plural, showValue } from '../columns.ts';
import { compareCodePoints } from '../logit/design.ts';
import { missingSql } from '../missing.ts';

/** An ordered outcome with more categories than this is more likely a continuous column. */
export const MAX_CATEGORIES = 100;

export type Level = string | number | boolean;

export interface Categories {
  /** The outcome's values in order, lowest first. */
  values: Level[];
  /** Each value as R's factor level prints it (`0`, `2.5`, `TRUE`, `agree`). */
  labels: string[];
  /** DuckDB type of the outcome column, which the category column of predictions keeps. */
  type: string;
  /** SQL giving the category 0…K-1 of a row with an outcome value. */
  sql: string;
}

/**
 * The categories of `outcome` among the rows where it has a value: numbers in numeric order,
 * text in code point order (R's sort in the C locale), FALSE before TRUE, or the order
 * `levels` gives, which must name every value the column takes.
 */
export async function outcomeCategories(
  engine: Engine,
  from: string,
  outcome: ColumnInfo,
  levels?: Level[],
): Promise<Categories> {
  const numeric = isNumericType(outcome.type);
  const boolean = isBooleanType(outcome.type);
  if (!numeric && !boolean && !isTextType(outcome.type)) {
    throw new CellError(
      `outcome ${JSON.stringify(outcome.name)} is ${outcome.type}; an ordered logit takes a ` +
        'numeric, text or boolean outcome — derive one in a sql cell first',
    );
  }
  const { rows } = await engine.query(
    `SELECT DISTINCT ${ident(outcome.name)} AS v FROM ${ident(from)}
     WHERE NOT ${missingSql(outcome, true)} LIMIT ${MAX_CATEGORIES + 1}`,
  );
  if (rows.length > MAX_CATEGORIES) {
    throw new CellError(
      `outcome ${JSON.stringify(outcome.name)} has more than ${MAX_CATEGORIES} distinct values; ` +
        'an ordered logit needs a few ordered categories — group them in a sql cell first',
    );
  }
  const found = rows.map((r) => (numeric ? Number(r.v) : (r.v as Level)));
  const values = levels === undefined ? sortLevels(found) : orderByLevels(outcome, found, levels);
  return categoriesOf(outcome, values);
}

/** The same outcome restricted to some of its values (clm drops a category with no rows). */
export function categoriesOf(outcome: ColumnInfo, values: Level[]): Categories {
  const labels = values.map(levelLabel);
  // Numbers compare as DOUBLE, so an INTEGER column meets the DOUBLE literals exactly.
  const column = isNumericType(outcome.type)
    ? `CAST(${ident(outcome.name)} AS DOUBLE)`
    : ident(outcome.name);
  const list = values.map((v) => valueLiteral(v)).join(', ');
  const sql = `CAST(list_position([${list}], ${column}) - 1 AS UTINYINT)`;
  return { values, labels, type: outcome.type, sql };
}

function sortLevels(values: Level[]): Level[] {
  if (values.every((v) => typeof v === 'number')) return [...values].sort((a, b) => a - b);
  if (values.every((v) => typeof v === 'boolean'))
    return [false, true].filter((b) => values.includes(b));
  return values.map(String).sort(compareCodePoints);
}

/** R's label of a factor level: as.character() of the value (15 significant digits). */
export function levelLabel(value: Level): string {
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') return String(Number(value.toPrecision(15)));
  return value;
}

function orderByLevels(outcome: ColumnInfo, found: Level[], levels: Level[]): Level[] {
  const name = JSON.stringify(outcome.name);
  const byLabel = new Map(found.map((v) => [levelLabel(v), v]));
  const labels = levels.map((l) => (typeof l === 'string' ? l : levelLabel(l)));
  const repeated = labels.find((l, i) => labels.indexOf(l) !== i);
  if (repeated !== undefined) throw new CellError(`levels lists ${showValue(repeated)} twice`);
  const unknown = labels.filter((l) => !byLabel.has(l));
  if (unknown.length > 0) {
    throw new CellError(
      `levels names ${unknown.map(showValue).join(', ')}, which ${unknown.length === 1 ? 'is' : 'are'} ` +
        `not a value of ${name} (its values: ${sortLevels(found).map(levelLabel).map(showValue).join(', ')})`,
    );
  }
  const left = [...byLabel.keys()].filter((l) => !labels.includes(l));
  if (left.length > 0) {
    throw new CellError(
      `${name} also takes ${plural(left.length, 'value')} not in levels: ` +
        `${left.map(showValue).join(', ')}; list every value in its place ` +
        '(R would make them NA and drop those rows silently)',
    );
  }
  return labels.map((l) => byLabel.get(l)!);
}

/**
 * The `models` cell's run: reads each model cell's coefficient table `<m>` and fit table
 * `<m>_fit`, and writes them side by side in long format (`<name>`: one row per model and
 * term) and one fit row per model (`<name>_fit`), with the likelihood-ratio tests when asked.
 */
import type { ColumnInfo, Row } from '../../engine/Engine.ts';
import { ident } from '../../engine/sql.ts';
import { CellError } from '../../shared/errors.ts';
import type { CellTables } from '../../shared/table-data.ts';
import type { CellContext } from '../types.ts';
import { lrTest, type FittedModel } from './compare.ts';
import { modelNames, showItems, type ModelsSpec } from './spec.ts';

/** Columns of `<name>` beyond model, term, estimate, std_error and p_value, by show item. */
const EXTRA_COLUMNS: Record<string, string[]> = {
  z: ['statistic'],
  conf_int: ['conf_low', 'conf_high'],
  odds_ratio: ['odds_ratio'],
};

export function coefficientColumns(spec: ModelsSpec, typed: boolean): ColumnInfo[] {
  const show = showItems(spec);
  const extra = show.flatMap((s) => EXTRA_COLUMNS[s] ?? []);
  // Odds-ratio intervals come with odds ratios shown with intervals.
  if (show.includes('odds_ratio') && show.includes('conf_int')) extra.push('or_low', 'or_high');
  return [
    { name: 'model', type: 'VARCHAR' },
    { name: 'term', type: 'VARCHAR' },
    // An ordered model's table says which rows are cutpoints; the column comes along.
    ...(typed ? [{ name: 'type', type: 'VARCHAR' }] : []),
    ...['estimate', 'std_error', 'p_value', ...extra].map((name) => ({ name, type: 'DOUBLE' })),
  ];
}

export const FIT_COLUMNS: ColumnInfo[] = [
  { name: 'model', type: 'VARCHAR' },
  { name: 'n', type: 'BIGINT' },
  { name: 'log_likelihood', type: 'DOUBLE' },
  { name: 'aic', type: 'DOUBLE' },
  { name: 'bic', type: 'DOUBLE' },
  { name: 'se_type', type: 'VARCHAR' },
  { name: 'clusters', type: 'BIGINT' },
];

export const LR_COLUMNS: ColumnInfo[] = [
  { name: 'lr_statistic', type: 'DOUBLE' },
  { name: 'lr_df', type: 'BIGINT' },
  { name: 'lr_p_value', type: 'DOUBLE' },
];

/** A model cell's spec and tables, or a message saying why the name is not one. */
async function readModel(name: string, ctx: CellContext): Promise<FittedModel> {
  const cell = ctx.cellSpec(name);
  if (!cell) {
    throw new CellError(
      `models: "${name}" names no cell in this notebook; list model cells by name`,
    );
  }
  const spec = cell.spec ?? {};
  const fit = `${name}_fit`;
  if (typeof spec.formula !== 'string' || !(await ctx.tableExists(fit))) {
    throw new CellError(
      `models: "${name}" is a ${cell.kind} cell, not a model: list logit, probit or ologit cells`,
    );
  }
  const read = async (table: string) =>
    (await ctx.engine.query(`SELECT * FROM ${ident(table)}`)).rows;
  const [fitRow] = await read(fit);
  if (!fitRow) throw new CellError(`models: ${fit} is empty`);
  return { name, kind: cell.kind, spec, coefficients: await read(name), fit: fitRow };
}

const numberOrNull = (v: Row[string] | undefined) => (typeof v === 'number' ? v : null);

export async function collectModels(spec: ModelsSpec, ctx: CellContext): Promise<CellTables> {
  const models: FittedModel[] = [];
  for (const name of modelNames(spec)) models.push(await readModel(name, ctx));
  const typed = models.some((m) => m.coefficients.some((r) => 'type' in r));
  const columns = coefficientColumns(spec, typed);
  const rows = models.flatMap((m) =>
    m.coefficients.map((r): Row => {
      const row: Row = { model: m.name, term: r.term };
      for (const c of columns.slice(2)) {
        row[c.name] = c.name === 'type' ? (r.type ?? 'coefficient') : numberOrNull(r[c.name]);
      }
      return row;
    }),
  );
  const compare = spec.compare === 'lr';
  const fitRows = models.map((m, i): Row => {
    const f = m.fit;
    const row: Row = {
      model: m.name,
      n: numberOrNull(f.n),
      log_likelihood: numberOrNull(f.log_likelihood),
      aic: numberOrNull(f.aic),
      bic: numberOrNull(f.bic),
      se_type: typeof f.se_type === 'string' ? f.se_type : 'model',
      clusters: numberOrNull(f.clusters),
    };
    if (!compare) return row;
    const lr =
      i === 0 ? { lr_statistic: null, lr_df: null, lr_p_value: null } : lrTest(models[i - 1], m);
    return { ...row, ...lr };
  });
  return {
    tables: {
      '': { columns, rows },
      _fit: { columns: compare ? [...FIT_COLUMNS, ...LR_COLUMNS] : FIT_COLUMNS, rows: fitRows },
    },
    // The model cells show their own warnings; a table of estimates that did not converge
    // is worth repeating here, where a reader would not look for it.
    warnings: models.flatMap((m) =>
      m.fit.converged === false ? [`${m.name} did not converge: its column is not a fit`] : [],
    ),
  };
}

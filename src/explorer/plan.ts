/**
 * The engagement explorer's runtime: the reader's choices (a table, an outcome and what counts
 * as success, an engagement variable, controls, filters) become ordinary notebook cells — a
 * `sql` cell that derives the outcome and applies the filters, then `rate`, `crosstab`,
 * `logit`, `margins` and `chart` cells reading it — so what the panel shows is exactly what the
 * notebook reproduces. The live preview (preview.ts) runs these same specs. Plain TypeScript.
 */
import type { ColumnInfo } from '../engine/Engine.ts';
import { ident } from '../engine/sql.ts';
import { isBooleanType, isTextType } from '../shared/column-types.ts';
import { requireColumn } from '../stats/columns.ts';
import { presentSql } from '../stats/missing.ts';
import { filterCondition, sqlValue, type ExplorerFilter, type ExplorerValue } from './filters.ts';
import { COLLAPSED_LEVEL, collapsedColumn, selectColumn } from './columns.ts';
import { allocateAliases, fenced, takenNames, uniqueStem } from './names.ts';
import { yamlBody } from './yaml.ts';
import { CellError } from '../shared/errors.ts';
import { cellsOf, parseNotebook } from '../notebook/parse.ts';
import type { ChartSpec } from '../charts/spec.ts';
import type { CrosstabSpec } from '../stats/crosstab.ts';
import type { LogitSpec } from '../stats/logit/run-logit.ts';
import type { MarginsSpec } from '../stats/margins/spec.ts';
import type { RateSpec } from '../stats/rate.ts';

export {
  FILTER_OPS,
  readFilters,
  readFilterValue,
  type ExplorerFilter,
  type ExplorerValue,
  type FilterDraft,
  type FilterOp,
} from './filters.ts';

/** How the outcome column says "success". */
export type OutcomeCoding =
  /** Already BOOLEAN or numeric 0/1: used as it is (the rate and logit cells check it). */
  | { kind: 'binary' }
  /** Success when the column holds one of these values (e.g. TIES final outcomes 1, 2, 5, 6, 7, 10). */
  | { kind: 'values'; success: ExplorerValue[] };

export interface ExplorerChoices {
  table: string;
  outcome: string;
  coding: OutcomeCoding;
  engagement: string;
  controls?: string[];
  filters?: ExplorerFilter[];
  /** Confidence level of every interval; default 0.95. */
  level?: number;
  /**
   * Keep only rows with a value in every model column (outcome, engagement, controls), so the
   * rates and the crosstab use the logit's sample rather than every row they can.
   */
  modelSample?: boolean;
  /**
   * Text controls whose rare levels are grouped: levels with fewer rows than the number (in
   * the filtered sample) become one level, `other`. A control with hundreds of levels, most
   * of them a row or two, otherwise separates the outcome and the logit cannot fit it.
   */
  collapse?: Record<string, number>;
}

export { COLLAPSED_LEVEL } from './columns.ts';

export interface ExplorerContext {
  /** Columns of `choices.table`. */
  columns: ColumnInfo[];
  /** The notebook the cells will be appended to: their names must not clash with it. */
  notebookText: string;
  /** Tables in the session now (loose files, views): a new cell must not replace one. */
  tables?: string[];
}

export interface ExplorerPlan {
  choices: ExplorerChoices;
  names: { sample: string; rates: string; crosstab: string; model: string; effects: string };
  /** What the chosen columns are called in the sample table (plain identifiers). */
  columns: { outcome: string; engagement: string; controls: string[] };
  /** Body of the sql cell `names.sample`. */
  sql: string;
  rate: RateSpec;
  crosstab: CrosstabSpec;
  logit: LogitSpec;
  /** The engagement variable's average marginal effect on the probability, from the logit. */
  margins: MarginsSpec;
  charts: { rates: ChartSpec; predicted: ChartSpec };
  /** The Markdown to append: a heading, a sentence, and the fenced cells. */
  markdown: string;
}

const DEFAULT_LEVEL = 0.95;

/** Turns the reader's choices into cell specs and the notebook text that holds them. */
export function planExplorer(choices: ExplorerChoices, context: ExplorerContext): ExplorerPlan {
  const { columns } = context;
  const column = (name: string, role: string) => requireColumn(columns, name, role);
  const outcome = column(choices.outcome, 'outcome');
  const engagement = column(choices.engagement, 'engagement');
  if (outcome.name === engagement.name) {
    throw new CellError('the engagement variable must be a different column from the outcome');
  }
  const controls = [...new Set(choices.controls ?? [])].map((c) => column(c, 'control'));
  for (const c of controls) {
    if (c.name === outcome.name || c.name === engagement.name) {
      throw new CellError(
        `${JSON.stringify(c.name)} is the ${c.name === outcome.name ? 'outcome' : 'engagement variable'}; it cannot also be a control`,
      );
    }
  }
  const coding = choices.coding;
  if (coding.kind === 'values' && coding.success.length === 0) {
    throw new CellError(`choose which values of ${JSON.stringify(outcome.name)} count as success`);
  }
  const filters = choices.filters ?? [];
  for (const f of filters) column(f.column, 'filter');
  const level = choices.level ?? DEFAULT_LEVEL;
  if (!(level > 0 && level < 1))
    throw new CellError('the confidence level must be between 0 and 1');

  // The sample keeps the original outcome next to a derived `success`, so a reader sees both.
  const kept = [...(coding.kind === 'values' ? [outcome] : []), engagement, ...controls];
  const aliases = allocateAliases(
    kept.map((c) => c.name),
    coding.kind === 'values' ? 'success' : outcome.name,
  );
  const outcomeAlias = aliases.outcome;
  const alias = (name: string) => aliases.columns.get(name)!;

  const taken = takenNames(parseNotebook(context.notebookText).notebook, [
    ...(context.tables ?? []),
    choices.table,
    ...columns.map((c) => c.name),
    ...aliases.columns.values(),
    outcomeAlias,
  ]);
  const stem = uniqueStem(alias(engagement.name), taken);
  const names = {
    sample: `${stem}_data`,
    rates: `${stem}_rates`,
    crosstab: `${stem}_crosstab`,
    model: `${stem}_model`,
    effects: `${stem}_effects`,
  };

  const collapse = choices.collapse ?? {};
  const select = kept.map((c) =>
    Object.hasOwn(collapse, c.name)
      ? collapsedColumn(c.name, alias(c.name), collapse[c.name])
      : selectColumn(c.name, alias(c.name)),
  );
  const derived =
    coding.kind === 'values'
      ? `${ident(outcome.name)} IN (${coding.success.map(sqlValue).join(', ')}) AS ${ident(outcomeAlias)}`
      : selectColumn(outcome.name, outcomeAlias);
  select.splice(coding.kind === 'values' ? 1 : 0, 0, derived);
  const where = filters.map((f) => filterCondition(f));
  if (choices.modelSample) {
    // The logit leaves out rows missing any model column; the same test here makes every
    // cell read that sample (the outcome before coding: NULL IN (…) is NULL, which it drops).
    where.push(...[outcome, engagement, ...controls].map(presentSql));
  }
  const sql = [
    'SELECT',
    select.map((s, i) => `  ${s}${i < select.length - 1 ? ',' : ''}`).join('\n'),
    `FROM ${ident(choices.table)}`,
    ...(where.length ? [`WHERE ${where.join('\n  AND ')}`] : []),
  ].join('\n');

  const eng = alias(engagement.name);
  const controlAliases = controls.map((c) => alias(c.name));
  const withLevel = level === DEFAULT_LEVEL ? {} : { level };
  const rate: RateSpec = { from: names.sample, outcome: outcomeAlias, by: eng, ...withLevel };
  const crosstab: CrosstabSpec = { from: names.sample, rows: eng, cols: outcomeAlias };
  const logit: LogitSpec = {
    from: names.sample,
    formula: `${outcomeAlias} ~ ${[eng, ...controlAliases].join(' + ')}`,
    ...withLevel,
    predict: eng,
  };
  const margins: MarginsSpec = { model: names.model, variables: [eng], ...withLevel };
  const percent = `${Math.round(level * 1000) / 10}%`;
  const grouped = isBooleanType(engagement.type) || isTextType(engagement.type);
  const charts = {
    rates: {
      from: names.rates,
      mark: 'barY',
      x: eng,
      y: 'rate',
      ...(grouped ? { fill: eng } : {}),
      ci: ['lower', 'upper'],
      title: `Share of ${outcomeAlias} by ${eng}`,
      caption: `Bars show the share with ${outcomeAlias} true; whiskers are ${percent} Wilson intervals`,
    } satisfies ChartSpec,
    predicted: {
      from: `${names.model}_predicted`,
      mark: 'dot',
      x: eng,
      y: 'predicted',
      ci: ['lower', 'upper'],
      title: `Predicted share of ${outcomeAlias} by ${eng}, controls at their observed values`,
      caption: `Average predicted probabilities from ${names.model} with ${percent} delta-method intervals`,
    } satisfies ChartSpec,
  };

  const markdown = [
    `## \`${outcomeAlias}\` by \`${eng}\``,
    '',
    prose(choices, names, { outcome: outcomeAlias, engagement: eng, controls: controlAliases }),
    '',
    fenced('sql', names.sample, sql),
    '',
    fenced('rate', names.rates, yamlBody(rate)),
    '',
    fenced('chart', undefined, yamlBody(charts.rates)),
    '',
    fenced('crosstab', names.crosstab, yamlBody(crosstab)),
    '',
    fenced('logit', names.model, yamlBody(logit)),
    '',
    fenced('chart', undefined, yamlBody(charts.predicted)),
    '',
    fenced('margins', names.effects, yamlBody(margins)),
  ].join('\n');

  return {
    choices,
    names,
    columns: { outcome: outcomeAlias, engagement: eng, controls: controlAliases },
    sql,
    rate,
    crosstab,
    logit,
    margins,
    charts,
    markdown,
  };
}

/**
 * The notebook with the explorer's Markdown appended at its end. Refuses (rather than hiding
 * the new cells inside it) a notebook that ends in an unclosed fence.
 */
export function appendToNotebook(
  text: string,
  plan: Pick<ExplorerPlan, 'markdown' | 'names'>,
): string {
  const body = text.replace(/\r\n?/g, '\n').replace(/\s+$/, '');
  const next = body === '' ? `${plan.markdown}\n` : `${body}\n\n${plan.markdown}\n`;
  const made = new Set(cellsOf(parseNotebook(next).notebook).map((c) => c.name));
  if (!Object.values(plan.names).every((name) => made.has(name))) {
    throw new CellError(
      'the notebook ends inside a cell that is never closed with a fence; close it, then add the cells',
    );
  }
  return next;
}

function prose(
  choices: ExplorerChoices,
  names: ExplorerPlan['names'],
  columns: ExplorerPlan['columns'],
): string {
  const table = /^[A-Za-z_][A-Za-z0-9_]*$/.test(choices.table)
    ? `\`${choices.table}\``
    : 'the chosen table';
  const steps = [
    `\`${names.sample}\` takes the rows of ${table}`,
    ...(choices.filters?.length ? ['keeps those that pass the filters'] : []),
    ...(choices.modelSample ? ['keeps those with a value in every model column'] : []),
    ...Object.entries(choices.collapse ?? {}).map(
      ([name, least]) =>
        `groups the levels of \`${name}\` with fewer than ${least} rows into \`${COLLAPSED_LEVEL}\``,
    ),
    ...(choices.coding.kind === 'values'
      ? [`derives \`${columns.outcome}\` (true when the outcome is one of the chosen values)`]
      : []),
  ];
  const controls = columns.controls.length
    ? `with the controls ${columns.controls.map((c) => `\`${c}\``).join(', ')}`
    : 'without controls';
  return (
    `Written by the engagement explorer. ${joinWords(steps)}. \`${names.rates}\` gives the ` +
    `share of \`${columns.outcome}\` at each level of \`${columns.engagement}\` with Wilson ` +
    `intervals, \`${names.crosstab}\` tests the difference (chi-square; Fisher for 2×2), and ` +
    `\`${names.model}\` is a logit ${controls}, with the predicted share at each level of ` +
    `\`${columns.engagement}\`; \`${names.effects}\` is its average marginal effect on that ` +
    `share (the average change in probability), with a delta-method interval.`
  );
}

function joinWords(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/**
 * The tables of the HTML report, as HTML text: the same layout and number formatting as the
 * page's RateView, CrosstabView, LogitView and ResultTable (format.ts), for a file that has
 * no script to render them. Every value passes through `escapeHtml`.
 */
import type { QueryResult, Row } from '../engine/Engine.ts';
import type { ExpectationResult } from '../notebook/state.ts';
import type { InputSpec, InputValue, LogitSpec, RateSpec } from '../notebook/types.ts';
import { isNumericType } from '../stats/columns.ts';
import { crosstabGrid } from './crosstab-grid.ts';
import {
  formatCount,
  formatInterval,
  formatNumber,
  formatP,
  formatPercent,
  formatValue,
  levelLabel,
  stars,
} from './format.ts';

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

const e = escapeHtml;
const code = (text: string) => `<code>${e(text)}</code>`;
const th = (html: string, cls = '') =>
  `<th scope="col"${cls ? ` class="${cls}"` : ''}>${html}</th>`;
const td = (text: string, cls = 'num') => `<td class="${cls}">${e(text)}</td>`;
const rowHead = (text: string) => `<th scope="row">${text}</th>`;
const STARS_NOTE = '<p class="note">* p &lt; 0.05, ** p &lt; 0.01, *** p &lt; 0.001</p>';

function table(cls: string, caption: string, head: string[], body: string[], foot = ''): string {
  return (
    `<table class="${cls}"><caption>${caption}</caption>` +
    `<thead><tr>${head.join('')}</tr></thead>` +
    `<tbody>${body.map((r) => `<tr>${r}</tr>`).join('')}</tbody>${foot}</table>`
  );
}

/** A result table's first `maxRows` rows, with the count of all of them. */
export function resultTableHtml(
  name: string,
  result: QueryResult,
  rowCount: number,
  maxRows: number,
): string {
  const numeric = result.columns.map((c) => isNumericType(c.type));
  const shown = result.rows.slice(0, maxRows);
  const head = result.columns.map((c, i) => th(e(c.name), numeric[i] ? 'num' : ''));
  const body = shown.map((row) =>
    result.columns
      .map((c, i) => {
        const value = row[c.name];
        const cls = [numeric[i] ? 'num' : '', value === null ? 'null' : ''].join(' ').trim();
        return `<td${cls ? ` class="${cls}"` : ''}>${e(formatValue(value))}</td>`;
      })
      .join(''),
  );
  const count = `${formatCount(rowCount)} ${rowCount === 1 ? 'row' : 'rows'}`;
  const note = rowCount > shown.length ? `${count}; the first ${shown.length} are shown` : count;
  return (
    `<div class="scroll">${table('result', `Table ${code(name)}`, head, body)}</div>` +
    `<p class="note" data-row-count="${rowCount}">${e(note)}</p>`
  );
}

export function rateTableHtml(result: QueryResult, spec: RateSpec): string {
  const fixed = ['n', 'successes', 'rate', 'lower', 'upper'];
  const groups = result.columns.filter((c) => !fixed.includes(c.name));
  const level = levelLabel(spec.level);
  const head = [
    ...groups.map((c) => th(e(c.name))),
    th('n', 'num'),
    th(code(spec.outcome), 'num'),
    th('rate', 'num'),
    th(`${e(level)} CI`, 'num'),
  ];
  const body = result.rows.map(
    (row) =>
      groups.map((c) => rowHead(e(formatValue(row[c.name])))).join('') +
      td(formatCount(row.n)) +
      td(formatCount(row.successes)) +
      td(formatPercent(row.rate), 'num strong') +
      td(formatInterval(row.lower, row.upper, 'percent')),
  );
  const caption = `Share with ${code(spec.outcome)} true, with ${e(level)} Wilson intervals`;
  return table('stats', caption, head, body);
}

export function crosstabTablesHtml(
  counts: QueryResult,
  test: QueryResult | undefined,
  rows: string,
  cols: string,
): string {
  const grid = crosstabGrid(counts.rows, rows, cols);
  const head = [
    th(`${code(rows)} \\ ${code(cols)}`),
    ...grid.colValues.map((v) => th(e(formatValue(v)), 'num')),
    th('Total', 'num'),
  ];
  const body = grid.rowValues.map(
    (value, i) =>
      rowHead(e(formatValue(value))) +
      grid.cells[i]
        .map(
          (c) =>
            `<td class="num">${e(formatCount(c.n))} <span class="muted">(${e(formatPercent(c.share))})</span></td>`,
        )
        .join('') +
      td(formatCount(grid.rowTotals[i])),
  );
  const foot =
    `<tfoot><tr>${rowHead('Total')}${grid.colTotals.map((t) => td(formatCount(t))).join('')}` +
    `${td(formatCount(grid.total))}</tr></tfoot>`;
  let html = table(
    'stats crosstab',
    `Counts (row %) of ${code(rows)} by ${code(cols)}`,
    head,
    body,
    foot,
  );
  if (test && test.rows.length > 0) {
    const testBody = test.rows.map(
      (row) =>
        rowHead(e(String(row.method))) +
        td(formatNumber(row.statistic, 3)) +
        td(typeof row.df === 'number' ? formatCount(row.df) : '—') +
        `<td class="num">${e(formatP(row.p_value))}<span class="stars">${e(stars(row.p_value))}</span></td>`,
    );
    html += table(
      'stats tests',
      'Tests of independence',
      [th('Test'), th('Statistic', 'num'), th('df', 'num'), th('p', 'num')],
      testBody,
    );
    html += STARS_NOTE;
  }
  return html;
}

export function logitTablesHtml(
  coefficients: QueryResult,
  fit: QueryResult | undefined,
  predicted: QueryResult | undefined,
  spec: LogitSpec,
): string {
  const ci = e(levelLabel(spec.level));
  const head = [
    th('Term'),
    th('Estimate', 'num'),
    th('SE', 'num'),
    th('z', 'num'),
    th('p', 'num'),
    th(`${ci} CI`, 'num'),
    th(`Odds ratio [${ci} CI]`, 'num'),
  ];
  const body = coefficients.rows.map((row) => {
    const intercept = row.term === '(Intercept)';
    const odds = intercept
      ? ''
      : typeof row.odds_ratio === 'number'
        ? `<span class="strong">${e(formatNumber(row.odds_ratio))}</span> ${e(formatInterval(row.or_low, row.or_high))}`
        : '—';
    return (
      rowHead(code(String(row.term))) +
      `<td class="num strong">${e(formatNumber(row.estimate))}<span class="stars">${e(stars(row.p_value))}</span></td>` +
      td(`(${formatNumber(row.std_error)})`) +
      td(formatNumber(row.statistic, 2)) +
      td(formatP(row.p_value)) +
      td(formatInterval(row.conf_low, row.conf_high)) +
      `<td class="num">${odds}</td>`
    );
  });
  let html = table('stats logit', `Logistic regression: ${code(spec.formula)}`, head, body);
  html +=
    '<p class="note">Wald tests and intervals. Standard errors in parentheses. ' +
    '* p &lt; 0.05, ** p &lt; 0.01, *** p &lt; 0.001</p>';
  const stats: Row | undefined = fit?.rows[0];
  if (stats) {
    if (stats.warning) {
      html += `<p class="warning"><strong>Model warning:</strong> ${e(String(stats.warning))}</p>`;
    }
    const items: [string, string][] = [
      ['N', formatCount(stats.n)],
      ['Log-likelihood', formatNumber(stats.log_likelihood)],
      ['AIC', formatNumber(stats.aic)],
      ['Residual deviance', formatNumber(stats.deviance)],
      ['Null deviance', formatNumber(stats.null_deviance)],
      ['Iterations', formatValue(stats.iterations)],
      ['Converged', stats.converged ? 'yes' : 'no'],
    ];
    html += `<dl class="fit">${items.map(([k, v]) => `<div><dt>${e(k)}</dt><dd>${e(v)}</dd></div>`).join('')}</dl>`;
  }
  const predictor = spec.predict;
  if (predicted && predictor && predicted.rows.length > 0) {
    const predBody = predicted.rows.map(
      (row) =>
        rowHead(e(formatValue(row[predictor]))) +
        td(formatPercent(row.predicted), 'num strong') +
        td(formatInterval(row.lower, row.upper, 'percent')) +
        td(formatCount(row.n)),
    );
    html += table(
      'stats predicted',
      `Average predicted probability by ${code(predictor)} (others at observed values), ${ci} delta-method intervals`,
      [th(code(predictor)), th('Predicted', 'num'), th(`${ci} CI`, 'num'), th('n', 'num')],
      predBody,
    );
  }
  return html;
}

/** The value an input had when the report was made: the numbers depend on it. */
export function inputHtml(name: string, spec: InputSpec, value: InputValue): string {
  const range =
    spec.type === 'range'
      ? ` (from ${spec.min ?? '?'} to ${spec.max ?? '?'}${spec.step !== undefined ? `, step ${spec.step}` : ''})`
      : spec.type === 'select' && spec.options
        ? ` (one of ${spec.options.map((o) => String(o)).join(', ')})`
        : '';
  return (
    `<p class="input">${e(spec.label ?? name)} ${code(`$${name}`)}: ` +
    `<strong>${e(formatValue(value))}</strong>${e(range)}</p>`
  );
}

export function expectationsHtml(expectations: readonly ExpectationResult[]): string {
  const failed = expectations.filter((x) => !x.pass);
  if (failed.length === 0) {
    return `<p class="receipt ok">✓ <strong>Reproduced</strong>: all ${expectations.length} expected values match.</p>`;
  }
  const show = (v: unknown): string =>
    typeof v === 'number' || typeof v === 'string'
      ? String(v)
      : v === null || v === undefined
        ? 'NULL'
        : JSON.stringify(v);
  const where = (w: Record<string, unknown>) =>
    Object.entries(w)
      .map(([k, v]) => `${k} = ${JSON.stringify(v)}`)
      .join(', ') || '(the only row)';
  const body = failed.map(
    (x) =>
      `<td>${code(x.table)}</td><td>${code(where(x.where))}</td><td>${code(x.column)}</td>` +
      td(show(x.expected)) +
      td(x.message ? '—' : show(x.actual)) +
      td(String(x.tolerance)),
  );
  return (
    `<p class="receipt bad">✗ <strong>Not reproduced</strong>: ${failed.length} of ${expectations.length} values differ.</p>` +
    table(
      'stats differences',
      'Values that differ from the notebook’s expectations',
      [
        th('Table'),
        th('Where'),
        th('Column'),
        th('Expected', 'num'),
        th('Actual', 'num'),
        th('Tolerance', 'num'),
      ],
      body,
    )
  );
}

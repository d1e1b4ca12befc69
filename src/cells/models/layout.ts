/**
 * The regression table as papers print it, as plain data: terms as rows, models as columns,
 * each term's estimate (with stars) over its standard error in parentheses, the fit statistics
 * below a rule, and notes on the stars and standard errors. The page, the HTML report and
 * every export (LaTeX, Markdown, CSV, Word) render this one layout, so they cannot disagree.
 */
import type { Row, Value } from '../../engine/Engine.ts';
import { modelNames, showItems, starThresholds, type ModelsSpec, type ShowItem } from './spec.ts';

export interface GridCell {
  text: string;
  /** Significance stars after the text ('' when none). */
  stars?: string;
}

export interface GridRow {
  /** The row's heading: a term on its first line, '' on the lines under it, a statistic's name. */
  label: string;
  cells: GridCell[];
  /** The first line of a term's block (the term's name is the label). */
  term?: string;
}

export interface RegressionTable {
  /** Column headings, one per model, in the spec's order. */
  columns: string[];
  /** One block of lines per term: coefficients first, then an ordered model's cutpoints. */
  terms: GridRow[];
  /** Below the rule: N, log-likelihood, AIC, BIC, standard errors, likelihood-ratio tests. */
  fit: GridRow[];
  notes: string[];
}

/** Numbers with a proper minus sign and fixed decimals, so the columns line up. */
export function fixed(value: Value | undefined, digits = 3): string {
  if (typeof value !== 'number' || Number.isNaN(value)) return '';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  const text = value.toFixed(digits);
  return Number(text) === 0 ? (0).toFixed(digits) : text.replace('-', '−');
}

function pText(p: Value | undefined): string {
  if (typeof p !== 'number') return '';
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}

export function starsFor(p: Value | undefined, thresholds: readonly number[]): string {
  if (typeof p !== 'number' || Number.isNaN(p)) return '';
  return '*'.repeat(thresholds.filter((t) => p < t).length);
}

/** The line a show item puts under a term, for one model's row of it. */
function itemCell(item: ShowItem, row: Row, ratio: boolean, stars: string): GridCell {
  switch (item) {
    case 'estimate':
      return { text: fixed(row.estimate), stars };
    case 'odds_ratio':
      return { text: fixed(row.odds_ratio), stars };
    case 'std_error': {
      // Under an odds ratio, its delta-method error (as Stata's `or` and modelsummary show).
      const se =
        ratio && typeof row.odds_ratio === 'number' && typeof row.std_error === 'number'
          ? row.odds_ratio * row.std_error
          : row.std_error;
      return { text: typeof se === 'number' ? `(${fixed(se)})` : '' };
    }
    case 'conf_int': {
      const [low, high] = ratio ? [row.or_low, row.or_high] : [row.conf_low, row.conf_high];
      return { text: typeof low === 'number' ? `[${fixed(low)}, ${fixed(high)}]` : '' };
    }
    case 'p_value':
      return {
        text:
          typeof row.p_value === 'number' ? `p ${pText(row.p_value).replace(/^(\d)/, '= $1')}` : '',
      };
    case 'z':
      return { text: typeof row.statistic === 'number' ? `z = ${fixed(row.statistic, 2)}` : '' };
  }
}

/**
 * Which lines a term shows, in the spec's order; stars go on the estimate's (or odds ratio's)
 * line. A cutpoint has no odds ratio, so it shows its estimate instead.
 */
function linesFor(show: ShowItem[], cutpoint: boolean) {
  const lead = show.find((s) => s === 'estimate' || s === 'odds_ratio')!;
  if (!cutpoint) return { items: show, ratio: lead === 'odds_ratio', lead };
  const items = [...new Set(show.map((s) => (s === 'odds_ratio' ? 'estimate' : s)))];
  return { items, ratio: false, lead: 'estimate' as const };
}

const SE_NAMES: Record<string, string> = {
  model: 'model',
  stata: 'robust (Stata)',
  cluster: 'clustered',
};

function seText(fit: Row): string {
  const type = typeof fit.se_type === 'string' ? fit.se_type : 'model';
  if (type === 'cluster' && typeof fit.clusters === 'number') return `clustered (${fit.clusters})`;
  return SE_NAMES[type] ?? (/^HC\d$/.test(type) ? `robust (${type})` : type);
}

export function regressionTable(
  spec: ModelsSpec,
  coefficients: Row[],
  fits: Row[],
): RegressionTable {
  const names = modelNames(spec);
  const show = showItems(spec);
  const thresholds = starThresholds(spec);
  const byModel = new Map(names.map((n) => [n, new Map<string, Row>()]));
  const order: { term: string; cutpoint: boolean }[] = [];
  const seen = new Set<string>();
  for (const row of coefficients) {
    const term = String(row.term);
    byModel.get(String(row.model))?.set(term, row);
    if (!seen.has(term)) {
      seen.add(term);
      order.push({ term, cutpoint: row.type === 'cutpoint' });
    }
  }
  const sorted = [...order.filter((t) => !t.cutpoint), ...order.filter((t) => t.cutpoint)];
  const terms = sorted.flatMap(({ term, cutpoint }) => {
    const { items, ratio, lead } = linesFor(show, cutpoint);
    return items.map((item, i): GridRow => ({
      label: i === 0 ? term : '',
      ...(i === 0 ? { term } : {}),
      cells: names.map((n) => {
        const row = byModel.get(n)!.get(term);
        if (!row) return { text: '' };
        // A cutpoint's test against 0 means nothing: no stars (as the ologit cell shows it).
        const starred = item === lead && !cutpoint;
        return itemCell(item, row, ratio, starred ? starsFor(row.p_value, thresholds) : '');
      }),
    }));
  });
  const fitOf = new Map(fits.map((f) => [String(f.model), f]));
  const fitRow = (label: string, cell: (f: Row) => GridCell | string): GridRow => ({
    label,
    cells: names.map((n) => {
      const f = fitOf.get(n);
      if (!f) return { text: '' };
      const c = cell(f);
      return typeof c === 'string' ? { text: c } : c;
    }),
  });
  const fit = [
    fitRow('N', (f) => (typeof f.n === 'number' ? String(f.n) : '')),
    fitRow('Log-likelihood', (f) => fixed(f.log_likelihood, 1)),
    fitRow('AIC', (f) => fixed(f.aic, 1)),
    fitRow('BIC', (f) => fixed(f.bic, 1)),
  ];
  const seTypes = fits.map(seText);
  if (seTypes.some((t) => t !== 'model')) fit.push(fitRow('Standard errors', seText));
  const compared = fits.some((f) => 'lr_statistic' in f);
  if (compared) {
    fit.push(
      fitRow('LR χ² vs. previous', (f) => ({
        text: fixed(f.lr_statistic, 2),
        stars: starsFor(f.lr_p_value, thresholds),
      })),
      fitRow('LR df', (f) => (typeof f.lr_df === 'number' ? String(f.lr_df) : '')),
      fitRow('LR p-value', (f) => pText(f.lr_p_value)),
    );
  }
  return {
    columns: names.map((n) => spec.labels?.[n] ?? n),
    terms,
    fit,
    notes: notes(
      show,
      thresholds,
      seTypes,
      compared,
      sorted.some((t) => t.cutpoint),
    ),
  };
}

function notes(
  show: ShowItem[],
  thresholds: number[],
  seTypes: string[],
  compared: boolean,
  cutpoints: boolean,
): string[] {
  const lead = show.find((s) => s === 'estimate' || s === 'odds_ratio');
  const parts: string[] = [];
  if (lead === 'odds_ratio')
    parts.push(cutpoints ? 'Odds ratios (cutpoints as estimated).' : 'Odds ratios.');
  if (show.includes('std_error')) {
    const kinds = [...new Set(seTypes)];
    const delta = lead === 'odds_ratio' ? ', by the delta method' : '';
    parts.push(`Standard errors in parentheses${delta}.`);
    if (kinds.length > 1 || kinds[0] !== 'model') {
      parts.push('The Standard errors row gives their type (for clustered ones, the clusters).');
    }
  }
  if (show.includes('conf_int')) parts.push('Wald confidence intervals in brackets.');
  if (thresholds.length > 0) {
    parts.push(thresholds.map((t, i) => `${'*'.repeat(i + 1)} p < ${t}`).join(', ') + '.');
  }
  if (compared) {
    parts.push('LR: likelihood-ratio test of each model against the one before it.');
  }
  return [parts.join(' ')];
}

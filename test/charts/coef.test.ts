import { describe, expect, it } from 'vitest';
import { chartOptions } from '../../src/charts/chart-options.ts';
import { columnsOf } from '../../src/charts/columns.ts';
import { renderChartSvg } from '../../src/charts/svg-node.ts';
import type { ChartSpec } from '../../src/charts/spec.ts';
import { checkChart } from '../../src/charts/validate.ts';
import type { Row } from '../../src/engine/Engine.ts';
import { CellError } from '../../src/shared/errors.ts';
import { byEngagement, logitTerms } from './fixtures.ts';
import { described, markElements, matchSnapshot, parseSvg, texts } from './svg-helpers.ts';

const coef: ChartSpec = {
  from: 'failure_model',
  mark: 'coef',
  x: 'estimate',
  y: 'term',
  ci: ['conf_low', 'conf_high'],
  title: 'Logit estimates with 95% Wald intervals',
};

const oddsRatios: ChartSpec = {
  ...coef,
  x: 'odds_ratio',
  ci: ['or_low', 'or_high'],
  scale: 'log',
  title: 'Odds ratios with 95% intervals',
};

function problem(spec: ChartSpec, rows: Row[]): string {
  try {
    checkChart(spec, columnsOf(rows), rows);
  } catch (error) {
    expect(error).toBeInstanceOf(CellError);
    return (error as Error).message;
  }
  throw new Error('expected a CellError');
}

/** The y position of each dot, in the order the rows give them. */
function dotYs(doc: Document): number[] {
  return markElements(doc, 'dot', 'circle').map((c) => Number(c.getAttribute('cy')));
}

/** Pixel x of a value on the axis, from two labelled ticks (linear or log). */
function tickX(doc: Document, label: string): number {
  const ticks = [...doc.querySelectorAll('g[aria-label="x-axis tick label"] text')];
  const tick = ticks.find((t) => t.textContent === label);
  const m = /translate\(([-\d.]+),/.exec(tick?.getAttribute('transform') ?? '');
  if (!m) throw new Error(`no x tick labelled ${label}`);
  return Number(m[1]);
}

describe('coefficient plot', () => {
  it('draws estimates as dots with horizontal whiskers, terms top to bottom as the table has them', () => {
    expect(() => checkChart(coef, columnsOf(logitTerms), logitTerms)).not.toThrow();
    const svg = renderChartSvg(coef, logitTerms);
    matchSnapshot('coef-estimates', svg);
    const doc = parseSvg(svg);
    expect(texts(doc, 'g[aria-label="y-axis tick label"] text')).toEqual(
      logitTerms.map((r) => r.term),
    );
    const ys = dotYs(doc);
    expect([...ys].sort((a, b) => a - b)).toEqual(ys);
    const whiskers = described(doc, 'error bars', 'line');
    expect(whiskers).toHaveLength(logitTerms.length);
    for (const w of whiskers) expect(w.getAttribute('y1')).toBe(w.getAttribute('y2'));
    expect(doc.documentElement.getAttribute('aria-label')).toBe(
      'Logit estimates with 95% Wald intervals',
    );
    expect(doc.querySelector('svg > desc')?.textContent).toContain(
      'Coefficient plot of estimate by term',
    );
  });

  it('marks no effect with a dashed line at 0, where the 0 tick is', () => {
    const doc = parseSvg(renderChartSvg(coef, logitTerms));
    const rule = doc.querySelector('g[aria-description="reference line at 0"] line');
    expect(rule?.getAttribute('x1')).toBe(String(tickX(doc, '0.0')));
    // The whisker of embassy_closed lies wholly right of it: an effect away from zero.
    const whisker = described(doc, 'error bars', 'line')[1];
    expect(Number(whisker.getAttribute('x1'))).toBeGreaterThan(Number(rule?.getAttribute('x1')));
  });

  it('draws odds ratios on a log axis with the line at 1', () => {
    const svg = renderChartSvg(oddsRatios, logitTerms);
    matchSnapshot('coef-odds-ratios-log', svg);
    const doc = parseSvg(svg);
    expect(chartOptions(oddsRatios, logitTerms).x).toMatchObject({ type: 'log' });
    const rule = doc.querySelector('g[aria-description="reference line at 1"] line');
    expect(rule?.getAttribute('x1')).toBe(String(tickX(doc, '1')));
    // Equal ratios either side of 1 lie at equal distances: 0.5 and 2 around 1.
    const [half, one, two] = ['0.5', '1', '2'].map((l) => tickX(doc, l));
    expect(two - one).toBeCloseTo(one - half, 0);
    expect(doc.querySelector('svg > desc')?.textContent).toContain('logarithmic');
  });

  it('is sorted by estimate with sort: value, and the reference line moves with rule', () => {
    const spec: ChartSpec = { ...coef, sort: '-value', rule: 0.5 };
    const doc = parseSvg(renderChartSvg(spec, logitTerms));
    expect(texts(doc, 'g[aria-label="y-axis tick label"] text')[0]).toBe('embassy_closed');
    expect(doc.querySelector('g[aria-description="reference line at 0.5"]')).not.toBeNull();
  });

  it('refuses estimates on a log axis, pointing at the odds-ratio columns', () => {
    expect(problem({ ...coef, scale: 'log' }, logitTerms)).toBe(
      "'scale: log' needs positive numbers, but 'estimate' holds -0.62. For odds ratios on a " +
        'log axis use x: odds_ratio, ci: [or_low, or_high]; estimates on the log-odds scale go on ' +
        "a linear axis (drop 'scale').",
    );
    expect(problem({ ...oddsRatios, rule: 0 }, logitTerms)).toContain("'rule: 0' cannot be drawn");
  });

  it('asks for the estimates on x when the names are there, never for a cast', () => {
    const message = problem({ ...coef, x: 'term', y: 'estimate' }, logitTerms);
    expect(message).toContain(
      'A coef chart needs numbers in \'term\' (x), but it holds "(Intercept)"',
    );
    expect(message).toContain('x: <estimate column>, y: term');
    expect(message).toContain("Numeric columns of 'failure_model': estimate, std_error");
    expect(message).not.toContain('CAST');
  });
});

describe('a dot chart with names on y', () => {
  const dots: ChartSpec = { from: 'failure_model', mark: 'dot', x: 'estimate', y: 'term' };

  it('is accepted and drawn sideways, as a coefficient plot without its reference line', () => {
    expect(() => checkChart(dots, columnsOf(logitTerms), logitTerms)).not.toThrow();
    const options = chartOptions({ ...dots, ci: ['conf_low', 'conf_high'] }, logitTerms);
    expect(options.ariaLabel).toBe('Dot plot of estimate by term');
    const doc = parseSvg(renderChartSvg({ ...dots, ci: ['conf_low', 'conf_high'] }, logitTerms));
    expect(texts(doc, 'g[aria-label="y-axis tick label"] text')).toHaveLength(logitTerms.length);
    for (const w of described(doc, 'error bars', 'line')) {
      expect(w.getAttribute('y1')).toBe(w.getAttribute('y2'));
    }
    expect(doc.querySelector('g[aria-description^="reference line"]')).toBeNull();
  });

  it('says a dot chart needs numbers on one axis when both hold names', () => {
    const rows = logitTerms.map((r) => ({ ...r, model: 'm1' }));
    const message = problem({ ...dots, x: 'model' }, rows);
    expect(message).toContain('\'term\' (y), but it holds "(Intercept)", which is a name');
    expect(message).toContain('A dot chart needs numbers on one axis');
    expect(message).not.toContain('CAST');
  });

  it('suggests a cast only for numbers written as text', () => {
    const rows = byEngagement.map((r) => ({ ...r, rate: String(r.rate) }));
    expect(problem({ from: 'r', mark: 'barY', x: 'engagement', y: 'rate' }, rows)).toContain(
      'numbers written as text. Cast it in a sql cell (CAST(rate AS DOUBLE)).',
    );
    const named = byEngagement.map((r) => ({ ...r, label: `level ${String(r.engagement)}` }));
    const message = problem({ from: 'r', mark: 'barY', x: 'engagement', y: 'label' }, named);
    expect(message).toContain('use mark: barX with y: label and x: a numeric column');
    expect(message).not.toContain('CAST');
  });
});

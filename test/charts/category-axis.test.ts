import type { ScaleOptions } from '@observablehq/plot';
import { describe, expect, it } from 'vitest';
import { chartOptions } from '../../src/charts/chart-options.ts';
import { columnsOf } from '../../src/charts/columns.ts';
import { renderChartSvg } from '../../src/charts/svg-node.ts';
import type { ChartSpec } from '../../src/charts/spec.ts';
import { checkChart } from '../../src/charts/validate.ts';
import type { Row } from '../../src/engine/Engine.ts';
import { CellError } from '../../src/shared/errors.ts';
import { byEngagement, byEngagementAndDiplomatic, wilson } from './fixtures.ts';
import { markElements, matchSnapshot, parseSvg, texts } from './svg-helpers.ts';

/** A logit's average predicted probabilities at a 0/1 integer predictor, as `predict:` writes. */
const predictedAtZeroOne: Row[] = [
  [0, 210, 532],
  [1, 68, 105],
].map(([embassy_closed, k, n]) => {
  const [lower, upper] = wilson(k, n);
  return { embassy_closed, predicted: k / n, lower, upper, n };
});

function x(spec: ChartSpec, rows: Row[]): ScaleOptions {
  return chartOptions(spec, rows).x as ScaleOptions;
}

function problem(spec: ChartSpec, rows: Row[]): string {
  try {
    checkChart(spec, columnsOf(rows), rows);
  } catch (error) {
    expect(error).toBeInstanceOf(CellError);
    return (error as Error).message;
  }
  throw new Error('expected a CellError');
}

const predicted: ChartSpec = {
  from: 'model_predicted',
  mark: 'dot',
  x: 'embassy_closed',
  y: 'predicted',
  ci: ['lower', 'upper'],
  title: 'Predicted probability of failure by embassy closure',
};

describe('a small integer x on a dot chart', () => {
  it('is drawn as two categories, 0 and 1, not a 0.0–1.0 line with dots on the frame', () => {
    const svg = renderChartSvg(predicted, predictedAtZeroOne);
    matchSnapshot('dot-zero-one-categories', svg);
    const doc = parseSvg(svg);
    expect(texts(doc, 'g[aria-label="x-axis tick label"] text')).toEqual(['0', '1']);
    // Both dots sit inside the frame, a band's width from its edges.
    const cx = markElements(doc, 'dot', 'circle').map((c) => Number(c.getAttribute('cx')));
    const options = chartOptions(predicted, predictedAtZeroOne);
    const left = options.marginLeft as number;
    const right = (options.width as number) - (options.marginRight as number);
    for (const c of cx) {
      expect(c).toBeGreaterThan(left + 50);
      expect(c).toBeLessThan(right - 50);
    }
  });

  it('counts as categories up to ten whole-number values, and stays a number line beyond', () => {
    const scale = (values: number[]) =>
      x(
        { from: 't', mark: 'dot', x: 'level', y: 'share' },
        values.map((level) => ({ level, share: 0.5 })),
      );
    expect(scale([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]).domain).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(scale([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]).domain).toBeUndefined();
    expect(scale([0, 0.5, 1]).domain).toBeUndefined();
  });

  it('stays a number line with x_type: linear, and a line chart keeps its number line', () => {
    expect(x({ ...predicted, x_type: 'linear' }, predictedAtZeroOne).domain).toBeUndefined();
    expect(x({ ...predicted, mark: 'line' }, predictedAtZeroOne).domain).toBeUndefined();
    expect(x({ ...predicted, mark: 'line', x_type: 'band' }, predictedAtZeroOne).domain).toEqual([
      0, 1,
    ]);
  });
});

describe('x_type', () => {
  it('is refused where it cannot apply, saying what would', () => {
    expect(problem({ ...predicted, mark: 'barY', x_type: 'linear' }, predictedAtZeroOne)).toBe(
      "'x_type: linear' draws x as a number line, which a barY chart cannot (it needs " +
        'categories); use mark: dot, line, areaY for a continuous x.',
    );
    expect(
      problem(
        { from: 'r', mark: 'dot', x: 'engagement', y: 'rate', x_type: 'linear' },
        byEngagement,
      ),
    ).toBe(
      "'x_type: linear' needs numbers in 'engagement' (x); it holds names, so draw it as " +
        "categories (drop 'x_type').",
    );
    expect(
      problem(
        { from: 'r', mark: 'barX', x: 'rate', y: 'engagement', x_type: 'band' },
        byEngagement,
      ),
    ).toContain('x of a barX chart is the measured axis');
  });
});

describe('sort', () => {
  const bars: ChartSpec = { from: 'rates', mark: 'barY', x: 'engagement', y: 'rate' };

  it('orders categories by value, by label or as the rows give them', () => {
    expect(x({ ...bars, sort: 'value' }, byEngagement).domain).toEqual([
      'none',
      'low',
      'medium',
      'high',
    ]);
    expect(x({ ...bars, sort: '-value' }, byEngagement).domain).toEqual([
      'high',
      'medium',
      'low',
      'none',
    ]);
    expect(x({ ...bars, sort: 'label' }, byEngagement).domain).toEqual([
      'high',
      'low',
      'medium',
      'none',
    ]);
    expect(x({ ...bars, sort: '-label' }, byEngagement).domain).toEqual([
      'none',
      'medium',
      'low',
      'high',
    ]);
    // Numbers run ascending unless the rows' order is asked for.
    const rows = [3, 1, 2].map((level) => ({ level, rate: level / 10 }));
    expect(x({ ...bars, x: 'level' }, rows).domain).toEqual([1, 2, 3]);
    expect(x({ ...bars, x: 'level', sort: 'rows' }, rows).domain).toEqual([3, 1, 2]);
  });

  it('sorts by value labels and keeps the missing category last', () => {
    const rows = [
      { code: 2, rate: 0.5 },
      { code: 1, rate: 0.2 },
      { code: null, rate: 0.9 },
    ];
    const spec: ChartSpec = {
      ...bars,
      x: 'code',
      sort: 'label',
      valueLabels: { code: { '1': 'Zambia', '2': 'Angola' } },
    };
    expect(x(spec, rows).domain).toEqual([2, 1, '(missing)']);
    expect(x({ ...spec, sort: '-value' }, rows).domain).toEqual([2, 1, '(missing)']);
  });

  it('orders the categories of a grouped bar chart along the bottom', () => {
    const options = chartOptions(
      { ...bars, fill: 'diplomatic', sort: '-value' },
      byEngagementAndDiplomatic,
    );
    expect((options.fx as ScaleOptions).domain).toEqual(['high', 'low', 'none']);
  });

  it('is refused where there are no categories to order', () => {
    const rows = [2000, 2001].map((year) => ({ year, incidents: year - 1990 }));
    expect(
      problem({ from: 'i', mark: 'line', x: 'year', y: 'incidents', sort: 'value' }, rows),
    ).toBe(
      "'sort' orders categories, and 'year' (x) is drawn as a number line; " +
        "add x_type: band to draw it as categories, or drop 'sort'.",
    );
  });
});

import { describe, expect, it } from 'vitest';
import { chartCell } from '../../src/cells/chart/index.ts';
import { renderChartSvg } from '../../src/charts/svg-node.ts';
import { checkChart } from '../../src/charts/validate.ts';
import { columnsOf } from '../../src/charts/columns.ts';
import type { ChartSpec } from '../../src/charts/spec.ts';
import type { Row } from '../../src/engine/Engine.ts';
import { CellError } from '../../src/shared/errors.ts';
import { byEngagement } from './fixtures.ts';
import { matchSnapshot, parseSvg, texts } from './svg-helpers.ts';

const dots: ChartSpec = {
  from: 'rates',
  mark: 'dot',
  x: 'engagement',
  y: 'rate',
  ci: ['ci_low', 'ci_high'],
};

function yTicks(spec: ChartSpec, rows: Row[]): string[] {
  return texts(parseSvg(renderChartSvg(spec, rows)), 'g[aria-label="y-axis tick label"] text');
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

/** What an input moving from one value to another does to a chart's table: new rates. */
const halved = byEngagement.map((r) => ({
  ...r,
  rate: (r.rate as number) / 2,
  ci_low: (r.ci_low as number) / 2,
  ci_high: (r.ci_high as number) / 2,
}));

describe('x_domain and y_domain', () => {
  it('keep the y axis where it is when the rows change, as an input would change them', () => {
    // Without a domain the axis follows the data: 0–70% becomes 0–35%.
    expect(yTicks(dots, byEngagement)).not.toEqual(yTicks(dots, halved));
    const fixed: ChartSpec = { ...dots, y_domain: [0, 1] };
    const ticks = yTicks(fixed, byEngagement);
    expect(ticks).toEqual([
      '0%',
      '10%',
      '20%',
      '30%',
      '40%',
      '50%',
      '60%',
      '70%',
      '80%',
      '90%',
      '100%',
    ]);
    expect(yTicks(fixed, halved)).toEqual(ticks);
  });

  it('are kept exactly, not widened to round ticks, and cut marks outside at the frame', () => {
    const spec: ChartSpec = { ...dots, y_domain: [0.15, 0.45] };
    const ticks = yTicks(spec, byEngagement);
    expect(ticks[0]).toBe('15%');
    expect(ticks.at(-1)).toBe('45%');
    // The highest rate (62%) lies above the domain: its dot is clipped, the axes are not.
    const doc = parseSvg(renderChartSvg(spec, byEngagement));
    expect(doc.querySelector('g[aria-label="dot"]')?.getAttribute('clip-path')).toMatch(/^url\(#/);
    expect(doc.querySelector('g[aria-label="y-axis tick label"]')?.hasAttribute('clip-path')).toBe(
      false,
    );
  });

  it('fix a numeric x of a line chart too, whose years read as years', () => {
    const rows = [1960, 1980, 2000].map((start_year, i) => ({
      start_year,
      predicted: 0.2 + i / 10,
    }));
    const spec: ChartSpec = {
      from: 'curve',
      mark: 'line',
      x: 'start_year',
      y: 'predicted',
      x_domain: [1950, 2020],
    };
    const doc = parseSvg(renderChartSvg(spec, rows));
    const ticks = texts(doc, 'g[aria-label="x-axis tick label"] text');
    expect(ticks[0]).toBe('1950');
    expect(ticks.at(-1)).toBe('2020');
  });

  it('are refused on a category axis, with what to do instead', () => {
    expect(problem({ ...dots, x_domain: [0, 3] }, byEngagement)).toBe(
      "'x_domain' fixes a number axis, but 'engagement' (x) is drawn as categories; " +
        "drop 'x_domain' or use sort to order them.",
    );
  });

  it('must be two numbers, smallest first, checked when the notebook is read', () => {
    const check = chartCell.spec!.check!;
    const base = { from: 'rates', mark: 'dot', x: 'engagement', y: 'rate' };
    expect(check({ ...base, y_domain: [0, 1] })).toBeUndefined();
    expect(check({ ...base, y_domain: [1, 0] })).toBe(
      '"y_domain" must list the smaller number first: y_domain: [0, 1]',
    );
    expect(check({ ...base, y_domain: [0, 'max'] })).toBe(
      '"y_domain" must be two numbers [min, max], e.g. y_domain: [0, 1]',
    );
    expect(check({ ...base, x_domain: [0] })).toContain('"x_domain" must be two numbers');
  });
});

describe('x_label and y_label', () => {
  it('title the axes over the column names and the labels key', () => {
    const spec: ChartSpec = {
      ...dots,
      labels: { rate: 'Share successful' },
      x_label: 'Engagement level',
      y_label: 'Sanctions that succeeded',
    };
    const doc = parseSvg(renderChartSvg(spec, byEngagement));
    expect(texts(doc, 'g[aria-label="x-axis label"] text').join()).toContain('Engagement level');
    expect(texts(doc, 'g[aria-label="y-axis label"] text').join()).toContain(
      'Sanctions that succeeded',
    );
  });

  it('title the categories along the bottom of a grouped bar chart', () => {
    const rows = byEngagement.flatMap((r) => [
      { ...r, track: 'no' },
      { ...r, track: 'yes' },
    ]);
    const spec: ChartSpec = { ...dots, mark: 'barY', fill: 'track', x_label: 'Engagement level' };
    const doc = parseSvg(renderChartSvg(spec, rows));
    expect(texts(doc, 'g[aria-label="fx-axis label"] text').join()).toContain('Engagement level');
  });
});

describe('format', () => {
  it('writes the value axis, tooltips and interval labels with a d3-format specifier', () => {
    const spec: ChartSpec = { ...dots, format: '.2f' };
    const doc = parseSvg(renderChartSvg(spec, byEngagement));
    const ticks = texts(doc, 'g[aria-label="y-axis tick label"] text');
    expect(ticks).toContain('0.40');
    for (const t of ticks) expect(t).toMatch(/^\d\.\d\d$/);
    const tips = texts(doc, 'g[aria-label="dot"] title');
    expect(tips[0]).toBe('engagement: none\nrate: 0.22\ninterval: 0.16 to 0.29');
    expect(doc.querySelector('svg > desc')?.textContent).not.toContain('percentages');
  });

  it('turns a proportion without a rate word into percent with one decimal', () => {
    const rows = byEngagement.map((r) => ({ engagement: r.engagement, value: r.rate }));
    const spec: ChartSpec = { from: 't', mark: 'barY', x: 'engagement', y: 'value' };
    const doc = parseSvg(renderChartSvg({ ...spec, format: '.1%' }, rows));
    expect(texts(doc, 'g[aria-label="y-axis tick label"] text')).toContain('40.0%');
    expect(texts(doc, 'g[aria-label="bar"] title')[0]).toBe('engagement: none\nvalue: 21.8%');
    expect(doc.querySelector('svg > desc')?.textContent).toContain('shown as percentages');
  });

  it('must be a d3-format specifier, checked when the notebook is read', () => {
    const check = chartCell.spec!.check!;
    const base = { from: 'rates', mark: 'dot', x: 'engagement', y: 'rate' };
    for (const ok of ['%', '.1%', '.2f', ',d', '+.3~g', '$,.0f']) {
      expect(check({ ...base, format: ok })).toBeUndefined();
    }
    expect(check({ ...base, format: 'percent' })).toBe(
      '"format" must be a d3-format specifier such as "%", ".1%", ".2f" or ",d"; "percent" is not one',
    );
  });
});

describe('rule', () => {
  it('draws a dashed reference line across the value axis, also outside the data', () => {
    const spec: ChartSpec = { ...dots, rule: 0.75 };
    const doc = parseSvg(renderChartSvg(spec, byEngagement));
    const line = doc.querySelector('g[aria-description="reference line at 75%"]');
    expect(line?.getAttribute('stroke-dasharray')).toBe('4,3');
    const rule = line?.querySelector('line');
    expect(rule?.getAttribute('y1')).toBe(rule?.getAttribute('y2'));
    // The axis grows to show it: the rates stop at 62%.
    expect(texts(doc, 'g[aria-label="y-axis tick label"] text')).toContain('75%');
  });

  it('runs vertically across horizontal bars, drawn over them', () => {
    const spec: ChartSpec = { from: 'r', mark: 'barX', x: 'rate', y: 'engagement', rule: 0.5 };
    const doc = parseSvg(renderChartSvg(spec, byEngagement));
    const groups = [...doc.querySelectorAll('g[aria-label]')].map((g) =>
      g.getAttribute('aria-label'),
    );
    expect(groups.indexOf('rule', groups.indexOf('bar'))).toBeGreaterThan(groups.indexOf('bar'));
    const rule = doc.querySelector('g[aria-description^="reference line"] line');
    expect(rule?.getAttribute('x1')).toBe(rule?.getAttribute('x2'));
  });

  it('is refused on a heatmap, which has no measured axis', () => {
    const rows = byEngagement.map((r) => ({ ...r, track: 'yes' }));
    expect(
      problem(
        { from: 'r', mark: 'cell', x: 'engagement', y: 'track', fill: 'rate', rule: 0 },
        rows,
      ),
    ).toBe("'rule' draws a line across the measured axis, and a cell chart has none; drop 'rule'.");
  });
});

describe('the axis keys together', () => {
  it('title, fix, rule and format one chart', () => {
    const spec: ChartSpec = {
      ...dots,
      title: 'Success by engagement',
      x_label: 'Engagement with the target',
      y_label: 'Episodes ending in success',
      y_domain: [0, 1],
      rule: 0.5,
      format: '.0%',
      sort: '-value',
    };
    const svg = renderChartSvg(spec, byEngagement);
    matchSnapshot('dot-axis-keys', svg);
    const doc = parseSvg(svg);
    expect(texts(doc, 'g[aria-label="x-axis tick label"] text')).toEqual([
      'high',
      'medium',
      'low',
      'none',
    ]);
    expect(texts(doc, 'g[aria-label="y-axis tick label"] text').at(-1)).toBe('100%');
    expect(doc.querySelector('g[aria-description="reference line at 50%"]')).not.toBeNull();
  });
});

import type { ScaleOptions } from '@observablehq/plot';
import { describe, expect, it } from 'vitest';
import { chartOptions } from '../../src/charts/chart-options.ts';
import { MANY_CATEGORIES_SCHEME, OKABE_ITO } from '../../src/charts/theme.ts';
import type { Row } from '../../src/engine/Engine.ts';
import type { ChartSpec } from '../../src/charts/spec.ts';
import { byEngagement, byEngagementAndDiplomatic, bySender } from './fixtures.ts';

const bars: ChartSpec = { from: 'rates', mark: 'barY', x: 'engagement', y: 'rate' };

function scale(spec: ChartSpec, rows: Row[], name: 'x' | 'y' | 'fx' | 'fy' | 'color') {
  return chartOptions(spec, rows)[name] as ScaleOptions | undefined;
}

describe('chartOptions: percent rule', () => {
  it('shows a column named rate with values in [0, 1] as percent', () => {
    expect(scale(bars, byEngagement, 'y')?.tickFormat).toBe('%');
  });

  it('recognises rate words inside names, including camelCase', () => {
    for (const name of ['success_rate', 'share yes', 'diplomatic_predicted', 'winProbability']) {
      const rows = byEngagement.map((r) => ({ engagement: r.engagement, [name]: r.rate }));
      expect(scale({ ...bars, y: name }, rows, 'y')?.tickFormat).toBe('%');
    }
  });

  it('never rescales a rate that is already in percent', () => {
    const rows = byEngagement.map((r) => ({ ...r, rate: (r.rate as number) * 100 }));
    expect(scale(bars, rows, 'y')?.tickFormat).toBeUndefined();
  });

  it('uses percent for an unnamed [0, 1] value only when it has an interval', () => {
    const rows = byEngagement.map((r) => ({ ...r, value: r.rate }));
    const plain: ChartSpec = { ...bars, y: 'value' };
    expect(scale(plain, rows, 'y')?.tickFormat).toBeUndefined();
    expect(scale({ ...plain, ci: ['ci_low', 'ci_high'] }, rows, 'y')?.tickFormat).toBe('%');
    // A line through [0, 1] values is not assumed to be a proportion.
    expect(
      scale({ ...plain, mark: 'line', ci: ['ci_low', 'ci_high'] }, rows, 'y')?.tickFormat,
    ).toBeUndefined();
  });

  it('formats the x axis of horizontal bars', () => {
    const spec: ChartSpec = { from: 'rates', mark: 'barX', x: 'rate', y: 'engagement' };
    expect(scale(spec, byEngagement, 'x')?.tickFormat).toBe('%');
  });
});

describe('chartOptions: colour', () => {
  it('reads fill as a column when one has that name, even a colour name', () => {
    const rows = byEngagement.map((r, i) => ({ ...r, red: i % 2 === 0 ? 'even' : 'odd' }));
    const color = scale({ ...bars, fill: 'red' }, rows, 'color');
    expect(color?.domain).toEqual(['even', 'odd']);
    expect(color?.range).toEqual([...OKABE_ITO]);
  });

  it('reads fill as a CSS colour when no column has that name', () => {
    expect(scale({ ...bars, fill: '#999999' }, byEngagement, 'color')).toBeUndefined();
  });

  it('switches to a ten-colour scheme past the eight Okabe–Ito colours', () => {
    const rows = Array.from({ length: 9 }, (_, i) => ({ group: `g${i}`, value: i, rate: 0.1 }));
    const color = scale(
      { from: 't', mark: 'dot', x: 'value', y: 'rate', fill: 'group' },
      rows,
      'color',
    );
    expect(color?.scheme).toBe(MANY_CATEGORIES_SCHEME);
  });

  it('uses a sequential binned scale for a numeric heatmap fill', () => {
    const spec: ChartSpec = {
      from: 't',
      mark: 'cell',
      x: 'engagement',
      y: 'diplomatic',
      fill: 'n',
    };
    const color = scale(spec, byEngagementAndDiplomatic, 'color');
    expect(color?.type).toBe('quantize');
    expect(color?.scheme).toBe('cividis');
  });
});

describe('chartOptions: layout and text', () => {
  it('groups bars of a colour column side by side through fx', () => {
    const options = chartOptions({ ...bars, fill: 'diplomatic' }, byEngagementAndDiplomatic);
    expect((options.fx as ScaleOptions).domain).toEqual(['none', 'low', 'high']);
    expect((options.x as ScaleOptions).axis).toBeNull();
    expect((options.x as ScaleOptions).domain).toEqual(['no', 'yes']);
  });

  it('orders text categories as the rows do and numbers ascending', () => {
    expect(scale(bars, byEngagement, 'x')?.domain).toEqual(['none', 'low', 'medium', 'high']);
    const rows = [3, 1, 2].map((level) => ({ level, rate: level / 10 }));
    expect(scale({ ...bars, x: 'level' }, rows, 'x')?.domain).toEqual([1, 2, 3]);
  });

  it('makes room for long category labels', () => {
    const options = chartOptions({ from: 's', mark: 'barX', x: 'episodes', y: 'sender' }, bySender);
    expect(options.marginLeft).toBeGreaterThan(150);
    expect(options.width).toBe(640);
    expect(options.height).toBe(400);
  });

  it('rotates x labels that would overlap', () => {
    const rows = bySender.map((r) => ({ ...r }));
    const options = chartOptions({ from: 's', mark: 'barY', x: 'sender', y: 'episodes' }, rows);
    expect((options.x as ScaleOptions).tickRotate).toBeLessThan(0);
    expect(options.marginBottom).toBeGreaterThan(60);
  });

  it('grows taller with many categories on y', () => {
    const rows = Array.from({ length: 40 }, (_, i) => ({ country: `Country ${i}`, episodes: i }));
    const options = chartOptions({ from: 't', mark: 'barX', x: 'episodes', y: 'country' }, rows);
    expect(options.height).toBeGreaterThanOrEqual(40 * 18);
  });

  it('derives an accessible label and description from the spec', () => {
    const spec: ChartSpec = { ...bars, x: 'diplomatic', ci: ['ci_low', 'ci_high'] };
    const rows = byEngagementAndDiplomatic.filter((r) => r.engagement === 'low');
    const options = chartOptions(spec, rows);
    expect(options.ariaLabel).toBe('Bar chart of rate by diplomatic');
    expect(options.ariaDescription).toBe(
      'Bar chart of rate by diplomatic, with intervals from ci_low to ci_high. ' +
        'Values are shown as percentages. Data from table rates.',
    );
    expect(options.title).toBeUndefined();
    const titled = chartOptions({ ...spec, title: 'Low engagement', caption: 'Invented.' }, rows);
    expect(titled.ariaLabel).toBe('Low engagement');
    expect(titled.title).toBe('Low engagement');
    expect(titled.caption).toBe('Invented.');
  });

  it('does not modify the rows it is given', () => {
    const rows = [...byEngagement, { ...byEngagement[0], engagement: null }];
    const before = JSON.stringify(rows);
    chartOptions(bars, rows);
    expect(JSON.stringify(rows)).toBe(before);
  });
});

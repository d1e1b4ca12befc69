import { describe, expect, it } from 'vitest';
import { chartOptions } from '../../src/charts/chart-options.ts';
import { checkChart, validateChart } from '../../src/charts/validate.ts';
import { columnsOf } from '../../src/charts/columns.ts';
import type { Row } from '../../src/engine/Engine.ts';
import { CellError } from '../../src/shared/errors.ts';
import type { ChartSpec } from '../../src/charts/spec.ts';
import { byEngagement, byEngagementAndDiplomatic } from './fixtures.ts';

const columns = ['engagement', 'diplomatic', 'n', 'rate', 'ci_low', 'ci_high'];
const spec: ChartSpec = { from: 'rates', mark: 'barY', x: 'engagement', y: 'rate' };

function messageOf(f: () => void): string {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(CellError);
    return (error as Error).message;
  }
  throw new Error('expected a CellError');
}

describe('validateChart', () => {
  it('accepts a spec whose columns exist', () => {
    expect(() => validateChart({ ...spec, ci: ['ci_low', 'ci_high'] }, columns, 6)).not.toThrow();
  });

  it('names a missing column and lists the available ones', () => {
    const message = messageOf(() => validateChart({ ...spec, y: 'success' }, columns));
    expect(message).toBe(
      "Chart column 'success' (y) is not in 'rates'. " +
        'Available columns: engagement, diplomatic, n, rate, ci_low, ci_high.',
    );
  });

  it('suggests a column that differs only in case', () => {
    expect(messageOf(() => validateChart({ ...spec, x: 'Engagement' }, columns))).toContain(
      "Did you mean 'engagement'?",
    );
  });

  it('checks the interval columns', () => {
    const message = messageOf(() => validateChart({ ...spec, ci: ['ci_low', 'ci_hi'] }, columns));
    expect(message).toContain("'ci_hi' (ci upper)");
  });

  it('asks for the channels a mark needs', () => {
    const message = messageOf(() =>
      validateChart({ from: 'rates', mark: 'barY', x: 'engagement' }, columns),
    );
    expect(message).toMatch(/^A barY chart needs 'y'/);
    expect(message).toContain('engagement, diplomatic');
  });

  it('rejects an unknown mark, listing the known ones', () => {
    const message = messageOf(() =>
      validateChart({ ...spec, mark: 'pie' as ChartSpec['mark'] }, columns),
    );
    expect(message).toContain("Unknown chart mark 'pie'");
    expect(message).toContain('barY, barX, dot, line, areaY, cell, tickX, ruleY');
  });

  it('tells a misspelt colour column from a CSS colour', () => {
    expect(() => validateChart({ ...spec, fill: 'steelblue' }, columns)).not.toThrow();
    expect(() => validateChart({ ...spec, fill: 'rgb(0, 114, 178)' }, columns)).not.toThrow();
    const message = messageOf(() => validateChart({ ...spec, fill: 'diplomatc' }, columns));
    expect(message).toContain("Chart column 'diplomatc' (fill) is not in 'rates'");
    expect(message).toContain('CSS colour');
  });

  it('refuses fill and stroke on two different columns', () => {
    const message = messageOf(() =>
      validateChart({ ...spec, fill: 'diplomatic', stroke: 'engagement' }, columns),
    );
    expect(message).toContain('one colour legend');
  });

  it('refuses intervals on a heatmap', () => {
    const cell: ChartSpec = { ...spec, mark: 'cell', y: 'diplomatic', ci: ['ci_low', 'ci_high'] };
    expect(messageOf(() => validateChart(cell, columns))).toContain('cannot draw');
  });

  it('stops at 50,000 rows and suggests aggregating in a sql cell', () => {
    expect(() => validateChart(spec, columns, 50_000)).not.toThrow();
    const message = messageOf(() => validateChart(spec, columns, 50_001));
    expect(message).toContain("'rates' has 50,001 rows");
    expect(message).toContain('Aggregate first in a sql cell');
    expect(message).toContain('GROUP BY engagement');
  });
});

/** What a chart cell checks when it runs, given its rows. */
const check = (spec: ChartSpec, rows: readonly Row[]) => () =>
  checkChart(spec, columnsOf(rows), rows);

describe('checkChart: values and layout, as a chart cell checks when it runs', () => {
  it('validates the columns of the rows it is given', () => {
    expect(messageOf(check({ ...spec, x: 'level' }, byEngagement))).toContain(
      "Chart column 'level' (x)",
    );
  });

  it('asks for numbers on the measuring axis', () => {
    const message = messageOf(check({ ...spec, y: 'engagement', x: 'rate' }, byEngagement));
    expect(message).toContain("needs numbers in 'engagement'");
    expect(message).toContain('"none"');
  });

  it('refuses intervals on stacked bars', () => {
    const stacked: ChartSpec = {
      ...spec,
      fill: 'diplomatic',
      fx: 'diplomatic',
      ci: ['ci_low', 'ci_high'],
    };
    expect(messageOf(check(stacked, byEngagementAndDiplomatic))).toContain('bars are stacked');
  });

  it('limits the number of facet panels', () => {
    const rows = Array.from({ length: 41 }, (_, i) => ({ country: `c${i}`, year: i, rate: 0.5 }));
    const message = messageOf(
      check({ from: 't', mark: 'dot', x: 'year', y: 'rate', fy: 'country' }, rows),
    );
    expect(message).toContain('41 panels');
  });

  it('accepts intervals on coloured areas, which draw one unstacked band per colour', () => {
    const areas: ChartSpec = {
      ...spec,
      mark: 'areaY',
      fill: 'diplomatic',
      ci: ['ci_low', 'ci_high'],
    };
    expect(check(areas, byEngagementAndDiplomatic)).not.toThrow();
  });

  it('draws an empty table as empty axes rather than failing', () => {
    const options = chartOptions(spec, []);
    expect(options.marks?.length).toBeGreaterThan(0);
  });
});

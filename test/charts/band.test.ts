import { describe, expect, it } from 'vitest';
import { columnsOf } from '../../src/charts/columns.ts';
import { renderChartSvg } from '../../src/charts/svg-node.ts';
import type { ChartSpec } from '../../src/charts/spec.ts';
import { checkChart } from '../../src/charts/validate.ts';
import { predictedCurve } from './fixtures.ts';
import { described, markElements, matchSnapshot, parseSvg, texts } from './svg-helpers.ts';

const curve: ChartSpec = {
  from: 'effects_curve',
  mark: 'line',
  x: 'start_year',
  y: 'predicted',
  ci: ['lower', 'upper'],
  title: 'Predicted probability of success by start year',
  caption: 'Average predicted probabilities with 95% delta-method intervals (invented numbers).',
};

/** The outline of an area path, as its vertices' y coordinates. */
function pathYs(d: string): number[] {
  return [...d.matchAll(/[ML]([-\d.]+),([-\d.]+)/g)].map((m) => Number(m[2]));
}

describe('a line with ci', () => {
  it('draws the interval as a band behind the line, not as error bars', () => {
    expect(() => checkChart(curve, columnsOf(predictedCurve), predictedCurve)).not.toThrow();
    const svg = renderChartSvg(curve, predictedCurve);
    matchSnapshot('line-band', svg);
    const doc = parseSvg(svg);
    const band = described(doc, 'confidence band', 'path');
    expect(band).toHaveLength(1);
    expect(described(doc, 'error bars', 'line')).toHaveLength(0);
    // The band comes first in the document, so the line is drawn over it.
    const groups = [...doc.querySelectorAll('g[aria-label]')].map((g) =>
      g.getAttribute('aria-label'),
    );
    expect(groups.indexOf('area')).toBeLessThan(groups.indexOf('line'));
    expect(markElements(doc, 'line', 'path')).toHaveLength(1);
    // The band spans each point's interval: its outline holds 2 × 6 vertices.
    expect(pathYs(band[0].getAttribute('d') ?? '')).toHaveLength(2 * predictedCurve.length);
    expect(band[0].closest('g')?.getAttribute('fill-opacity')).toBe('0.2');
    expect(texts(doc, 'g[aria-label="x-axis tick label"] text')).toContain('1990');
  });

  it('draws one band per series in the series colour', () => {
    const rows = predictedCurve.flatMap((r) => [
      { ...r, sender: 'US' },
      { ...r, sender: 'EU', predicted: (r.predicted as number) - 0.1 },
    ]);
    const doc = parseSvg(renderChartSvg({ ...curve, stroke: 'sender' }, rows));
    const bands = described(doc, 'confidence band', 'path');
    expect(bands).toHaveLength(2);
    expect(new Set(bands.map((b) => b.getAttribute('fill')))).toEqual(
      new Set(['#0072B2', '#E69F00']),
    );
  });

  it('makes an area with ci the band itself, with the line through it', () => {
    const doc = parseSvg(renderChartSvg({ ...curve, mark: 'areaY' }, predictedCurve));
    expect(described(doc, 'confidence band', 'path')).toHaveLength(1);
    expect(markElements(doc, 'line', 'path')).toHaveLength(1);
    expect(doc.querySelector('g[aria-description="zero baseline"]')).toBeNull();
  });
});

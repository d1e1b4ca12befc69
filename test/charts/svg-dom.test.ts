import { describe, expect, it } from 'vitest';
import type { Row } from '../../src/engine/Engine.ts';
import type { ChartSpec } from '../../src/charts/spec.ts';
import { createSvgDocument } from '../../src/charts/svg-dom.ts';
import { renderChartSvg, renderChartSvgInJsdom } from '../../src/charts/svg-node.ts';
import { chartSvgString } from '../../src/charts/svg-string.ts';
import {
  byEngagement,
  byEngagementAndDiplomatic,
  bySender,
  durations,
  incidentsByYear,
  logitTerms,
  predictedCurve,
} from './fixtures.ts';

/**
 * The command line draws charts in svg-dom.ts's small SVG document instead of jsdom (issue
 * 20). Every mark and legend kind drawn there must give jsdom's bytes, without falling back.
 */

const cases: [string, ChartSpec, Row[]][] = [
  [
    'bars with intervals, a title and a caption',
    {
      from: 'rates',
      mark: 'barY',
      x: 'engagement',
      y: 'rate',
      ci: ['ci_low', 'ci_high'],
      title: 'Success by engagement & <diplomacy> "tracks"',
      caption: 'Invented data; 95% Wilson intervals.\nA second line.',
    },
    byEngagement,
  ],
  [
    'grouped bars with a legend',
    { from: 'rates', mark: 'barY', x: 'engagement', y: 'rate', fill: 'diplomatic' },
    byEngagementAndDiplomatic,
  ],
  [
    'horizontal bars with long names',
    { from: 'senders', mark: 'barX', x: 'episodes', y: 'sender' },
    bySender,
  ],
  [
    'dots with a legend and intervals',
    {
      from: 'rates',
      mark: 'dot',
      x: 'engagement',
      y: 'rate',
      fill: 'diplomatic',
      ci: ['ci_low', 'ci_high'],
    },
    byEngagementAndDiplomatic,
  ],
  [
    'lines over dates',
    { from: 'incidents', mark: 'line', x: 'year', y: 'incidents', stroke: 'region' },
    incidentsByYear,
  ],
  [
    'stacked areas',
    { from: 'incidents', mark: 'areaY', x: 'year', y: 'incidents', fill: 'region' },
    incidentsByYear,
  ],
  [
    'ticks',
    { from: 'episodes', mark: 'tickX', x: 'duration', y: 'sender_type', stroke: 'black' },
    durations,
  ],
  [
    'rules',
    { from: 'rates', mark: 'ruleY', x: 'engagement', y: 'rate', ci: ['ci_low', 'ci_high'] },
    byEngagement,
  ],
  [
    'heatmap with a binned legend',
    { from: 'rates', mark: 'cell', x: 'engagement', y: 'diplomatic', fill: 'rate' },
    byEngagementAndDiplomatic,
  ],
  [
    'coefficient plot',
    { from: 'm', mark: 'coef', x: 'estimate', y: 'term', ci: ['conf_low', 'conf_high'] },
    logitTerms,
  ],
  [
    'odds ratios on a log axis',
    {
      from: 'm',
      mark: 'coef',
      x: 'odds_ratio',
      y: 'term',
      ci: ['or_low', 'or_high'],
      scale: 'log',
    },
    logitTerms,
  ],
  [
    'a curve with a band, a fixed domain, a format and a reference line',
    {
      from: 'curve',
      mark: 'line',
      x: 'start_year',
      y: 'predicted',
      ci: ['lower', 'upper'],
      y_domain: [0, 1],
      format: '.0%',
      rule: 0.5,
      x_label: 'Start year',
    },
    predictedCurve,
  ],
  [
    'facets',
    { from: 'rates', mark: 'dot', x: 'engagement', y: 'rate', fy: 'diplomatic' },
    byEngagementAndDiplomatic,
  ],
];

describe('the small SVG document (svg-dom.ts)', () => {
  for (const [name, spec, rows] of cases) {
    it(`draws ${name} as jsdom does, byte for byte`, () => {
      const small = chartSvgString(spec, rows, createSvgDocument());
      expect(small).toBe(renderChartSvgInJsdom(spec, rows));
      expect(renderChartSvg(spec, rows)).toBe(small);
    });
  }

  it('leaves what it cannot draw to jsdom', () => {
    const document = createSvgDocument();
    expect(() => document.createElement('div')).toThrow(/does not support HTML elements/);
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    expect(() => svg.querySelector('g > rect')).toThrow(/does not support the selector/);
    expect(() => svg.setAttributeNS('http://www.w3.org/1999/xlink', 'xlink:href', '#a')).toThrow(
      /namespaced attributes/,
    );
  });
});

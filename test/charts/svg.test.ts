import { describe, expect, it } from 'vitest';
import { renderChartSvg } from '../../src/charts/svg-node.ts';
import { OKABE_ITO } from '../../src/charts/theme.ts';
import type { ChartSpec } from '../../src/charts/spec.ts';
import {
  byEngagement,
  byEngagementAndDiplomatic,
  bySender,
  durations,
  incidentsByYear,
} from './fixtures.ts';
import { described, markElements, matchSnapshot, parseSvg, texts } from './svg-helpers.ts';

const rateBars: ChartSpec = {
  from: 'success_by_engagement',
  mark: 'barY',
  x: 'engagement',
  y: 'rate',
  ci: ['ci_low', 'ci_high'],
  title: 'Sanction success by engagement level',
  caption: 'Bars: share of episodes ending in target acquiescence; whiskers: 95% Wilson intervals.',
};

function percentTicks(doc: Document, axis: 'x' | 'y'): string[] {
  return texts(doc, `g[aria-label="${axis}-axis tick label"] text`);
}

describe('renderChartSvg', () => {
  it('draws a bar chart of rates with error bars, percent ticks, title and caption', () => {
    const svg = renderChartSvg(rateBars, byEngagement);
    matchSnapshot('bar-y-rates-ci', svg);
    const doc = parseSvg(svg);
    const root = doc.documentElement;
    expect(root.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg');
    expect(root.getAttribute('width')).toBe('640');
    expect(root.getAttribute('aria-label')).toBe('Sanction success by engagement level');
    expect(doc.querySelector('svg > desc')?.textContent).toContain(
      'Bar chart of rate by engagement',
    );
    expect(markElements(doc, 'bar', 'rect')).toHaveLength(byEngagement.length);
    expect(described(doc, 'error bars', 'line')).toHaveLength(byEngagement.length);
    expect(texts(doc, 'g[aria-label="x-axis tick label"] text')).toEqual([
      'none',
      'low',
      'medium',
      'high',
    ]);
    expect(texts(doc, 'g[aria-label="y-axis label"] text').join()).toContain('rate');
    expect(texts(doc, 'g[aria-label="x-axis label"] text').join()).toContain('engagement');
    const ticks = percentTicks(doc, 'y');
    expect(ticks.length).toBeGreaterThan(3);
    for (const t of ticks) expect(t).toMatch(/^\d+(\.\d+)?%$/);
    const svgTexts = texts(doc, 'svg > text');
    expect(svgTexts).toContain('Sanction success by engagement level');
    expect(svgTexts.join(' ')).toContain('95% Wilson intervals.');
  });

  it('titles axes, facets and the legend with the spec’s labels, and only the columns named', () => {
    const spec: ChartSpec = {
      ...rateBars,
      fill: 'diplomatic',
      labels: { diplomatic: 'Diplomatic sanctions', rate: 'Share successful' },
    };
    const doc = parseSvg(renderChartSvg(spec, byEngagementAndDiplomatic));
    expect(texts(doc, 'g[aria-label="color legend"] text')).toEqual([
      'Diplomatic sanctions',
      'no',
      'yes',
    ]);
    expect(texts(doc, 'g[aria-label="y-axis label"] text').join()).toContain('Share successful');
    // The grouped chart's categories along the bottom keep their column name: no label given.
    expect(texts(doc, 'g[aria-label="fx-axis label"] text').join()).toContain('engagement');
    // Screen readers hear the same names.
    expect(doc.querySelector('svg > desc')?.textContent).toContain(
      'Bar chart of Share successful by engagement, coloured by Diplomatic sanctions',
    );
  });

  it('puts the error bar of each row from its lower to its upper bound', () => {
    const doc = parseSvg(renderChartSvg(rateBars, byEngagement));
    const bars = markElements(doc, 'bar', 'rect');
    const rules = described(doc, 'error bars', 'line');
    const y0 = Math.max(
      ...bars.map((b) => Number(b.getAttribute('y')) + Number(b.getAttribute('height'))),
    );
    // Pixels per unit of rate, from the tallest bar; rules must span ci_high − ci_low.
    const scale = Number(bars[3].getAttribute('height')) / (byEngagement[3].rate as number);
    rules.forEach((rule, i) => {
      const top = Math.min(Number(rule.getAttribute('y1')), Number(rule.getAttribute('y2')));
      const bottom = Math.max(Number(rule.getAttribute('y1')), Number(rule.getAttribute('y2')));
      expect((y0 - bottom) / scale).toBeCloseTo(byEngagement[i].ci_low as number, 1);
      expect((y0 - top) / scale).toBeCloseTo(byEngagement[i].ci_high as number, 1);
      expect(rule.getAttribute('marker-start')).toMatch(/^url\(#sc-[0-9a-f]{8}-marker-\d+\)$/);
    });
  });

  it('is byte-identical run after run', () => {
    const specs: [ChartSpec, typeof byEngagement][] = [
      [rateBars, byEngagement],
      [
        { ...rateBars, mark: 'dot', fill: 'diplomatic', title: undefined },
        byEngagementAndDiplomatic,
      ],
    ];
    for (const [spec, rows] of specs) {
      const first = renderChartSvg(spec, rows);
      const second = renderChartSvg(spec, rows);
      expect(second).toBe(first);
    }
  });

  it('renumbers marker ids so every reference resolves and none come from Plot counters', () => {
    const svg = renderChartSvg(rateBars, byEngagement);
    expect(svg).not.toMatch(/plot-(marker|clip|pattern)-\d/);
    const doc = parseSvg(svg);
    const ids = new Set([...doc.querySelectorAll('[id]')].map((e) => e.id));
    const refs = [...svg.matchAll(/url\(#([^)]+)\)/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(ids.has(ref)).toBe(true);
  });

  it('groups bars by a colour column side by side, with a legend in the SVG', () => {
    const spec: ChartSpec = {
      ...rateBars,
      fill: 'diplomatic',
      title: 'Success by engagement and diplomatic track',
    };
    const svg = renderChartSvg(spec, byEngagementAndDiplomatic);
    matchSnapshot('bar-y-grouped', svg);
    const doc = parseSvg(svg);
    const bars = markElements(doc, 'bar', 'rect');
    expect(bars).toHaveLength(byEngagementAndDiplomatic.length);
    expect(new Set(bars.map((b) => b.getAttribute('fill')))).toEqual(
      new Set([OKABE_ITO[0], OKABE_ITO[1]]),
    );
    expect(described(doc, 'error bars', 'line')).toHaveLength(byEngagementAndDiplomatic.length);
    expect(texts(doc, 'g[aria-label="fx-axis tick label"] text')).toEqual(['none', 'low', 'high']);
    expect(texts(doc, 'g[aria-label="color legend"] text')).toEqual(['diplomatic', 'no', 'yes']);
    // Bars of one engagement level sit next to each other, not on top of each other.
    const xs = bars.map((b) => Number(b.getAttribute('x')));
    expect(new Set(xs).size).toBeGreaterThan(1);
  });

  it('draws a dot plot of rates with intervals', () => {
    const spec: ChartSpec = {
      from: 'rates',
      mark: 'dot',
      x: 'engagement',
      y: 'rate',
      ci: ['ci_low', 'ci_high'],
    };
    const svg = renderChartSvg(spec, byEngagement);
    matchSnapshot('dot-rates-ci', svg);
    const doc = parseSvg(svg);
    expect(markElements(doc, 'dot', 'circle')).toHaveLength(byEngagement.length);
    expect(described(doc, 'error bars', 'line')).toHaveLength(byEngagement.length);
    expect(doc.documentElement.getAttribute('aria-label')).toBe('Dot plot of rate by engagement');
    for (const t of percentTicks(doc, 'y')) expect(t).toMatch(/%$/);
  });

  it('draws horizontal bars of counts with long labels, without percent', () => {
    const spec: ChartSpec = { from: 'senders', mark: 'barX', x: 'episodes', y: 'sender' };
    const svg = renderChartSvg(spec, bySender);
    matchSnapshot('bar-x-counts', svg);
    const doc = parseSvg(svg);
    expect(markElements(doc, 'bar', 'rect')).toHaveLength(bySender.length);
    // 31 characters: cut to 27 and an ellipsis so the margin stays reasonable.
    expect(texts(doc, 'g[aria-label="y-axis tick label"] text')).toContain(
      'United Nations Security Cou…',
    );
    const ticks = percentTicks(doc, 'x');
    expect(ticks).toContain('600');
    for (const t of ticks) expect(t).not.toMatch(/%/);
  });

  it('draws horizontal rate bars with horizontal error bars', () => {
    const spec: ChartSpec = {
      from: 'rates',
      mark: 'barX',
      x: 'rate',
      y: 'engagement',
      ci: ['ci_low', 'ci_high'],
    };
    const doc = parseSvg(renderChartSvg(spec, byEngagement));
    const rules = described(doc, 'error bars', 'line');
    expect(rules).toHaveLength(byEngagement.length);
    for (const r of rules) {
      expect(r.getAttribute('y1')).toBe(r.getAttribute('y2'));
      expect(Number(r.getAttribute('x2'))).toBeGreaterThan(Number(r.getAttribute('x1')));
    }
    for (const t of percentTicks(doc, 'x')) expect(t).toMatch(/%$/);
  });

  it('draws one line per colour category over dates', () => {
    const spec: ChartSpec = {
      from: 'incidents',
      mark: 'line',
      x: 'year',
      y: 'incidents',
      stroke: 'region',
      title: 'Incidents per year by target region',
    };
    const svg = renderChartSvg(spec, incidentsByYear);
    matchSnapshot('line-by-region', svg);
    const doc = parseSvg(svg);
    expect(markElements(doc, 'line', 'path')).toHaveLength(3);
    expect(percentTicks(doc, 'x')).toContain('2012');
    expect(texts(doc, 'g[aria-label="color legend"] text')).toEqual([
      'region',
      'Europe',
      'Asia',
      'Americas',
    ]);
  });

  it('stacks areas by colour', () => {
    const spec: ChartSpec = {
      from: 'incidents',
      mark: 'areaY',
      x: 'year',
      y: 'incidents',
      fill: 'region',
    };
    const svg = renderChartSvg(spec, incidentsByYear);
    matchSnapshot('area-stacked', svg);
    expect(markElements(parseSvg(svg), 'area', 'path')).toHaveLength(3);
  });

  it('draws a binned heatmap with a percent legend', () => {
    const spec: ChartSpec = {
      from: 'rates',
      mark: 'cell',
      x: 'engagement',
      y: 'diplomatic',
      fill: 'rate',
      title: 'Success rate',
    };
    const svg = renderChartSvg(spec, byEngagementAndDiplomatic);
    matchSnapshot('cell-heatmap', svg);
    const doc = parseSvg(svg);
    expect(markElements(doc, 'cell', 'rect')).toHaveLength(byEngagementAndDiplomatic.length);
    const legend = texts(doc, 'g[aria-label="color legend"] text');
    expect(legend).toContain('rate');
    const thresholds = legend.filter((t) => t !== 'rate');
    expect(thresholds.length).toBeGreaterThan(1);
    for (const t of thresholds) expect(t).toMatch(/^\d+(\.\d+)?%$/);
  });

  it('draws a strip plot of ticks', () => {
    const spec: ChartSpec = {
      from: 'episodes',
      mark: 'tickX',
      x: 'duration',
      y: 'sender_type',
      stroke: 'black',
    };
    const svg = renderChartSvg(spec, durations);
    matchSnapshot('tick-strip', svg);
    const doc = parseSvg(svg);
    const ticks = markElements(doc, 'tick', 'line');
    expect(ticks).toHaveLength(durations.length);
    expect(doc.querySelector('g[aria-label="tick"]')?.getAttribute('stroke')).toBe('black');
  });

  it('draws reference rules per category with interval bands', () => {
    const spec: ChartSpec = {
      from: 'rates',
      mark: 'ruleY',
      x: 'engagement',
      y: 'rate',
      ci: ['ci_low', 'ci_high'],
    };
    const svg = renderChartSvg(spec, byEngagement);
    matchSnapshot('rule-y-bands', svg);
    const doc = parseSvg(svg);
    const rules = markElements(doc, 'rule', 'line');
    expect(rules).toHaveLength(byEngagement.length);
    // Each rule spans its category's band rather than a single point.
    for (const r of rules)
      expect(Number(r.getAttribute('x2'))).toBeGreaterThan(Number(r.getAttribute('x1')));
    expect(described(doc, 'interval bands', 'rect')).toHaveLength(byEngagement.length);
  });

  it('grows taller for facet rows and labels each panel', () => {
    const spec: ChartSpec = {
      from: 'incidents',
      mark: 'dot',
      x: 'year',
      y: 'incidents',
      fy: 'region',
    };
    const rows = [
      ...incidentsByYear,
      ...incidentsByYear.map((r) => ({ ...r, region: `${r.region} (other)` })),
    ];
    const svg = renderChartSvg(spec, rows);
    matchSnapshot('dot-faceted', svg);
    const doc = parseSvg(svg);
    expect(Number(doc.documentElement.getAttribute('height'))).toBeGreaterThan(400);
    expect(texts(doc, 'g[aria-label="fy-axis tick label"] text')).toHaveLength(6);
    expect(markElements(doc, 'dot', 'circle')).toHaveLength(rows.length);
  });

  it('keeps a NULL category as "(missing)" instead of dropping its bar', () => {
    const rows = [...byEngagement, { ...byEngagement[0], engagement: null }];
    const doc = parseSvg(renderChartSvg(rateBars, rows));
    expect(markElements(doc, 'bar', 'rect')).toHaveLength(rows.length);
    expect(texts(doc, 'g[aria-label="x-axis tick label"] text').at(-1)).toBe('(missing)');
  });

  it('escapes markup in titles and data', () => {
    const spec: ChartSpec = { ...rateBars, title: 'Rates <by> "engagement" & track' };
    const rows = byEngagement.map((r, i) =>
      i === 0 ? { ...r, engagement: '<none & "other">' } : r,
    );
    const svg = renderChartSvg(spec, rows);
    const doc = parseSvg(svg);
    expect(texts(doc, 'svg > text')).toContain('Rates <by> "engagement" & track');
    expect(texts(doc, 'g[aria-label="x-axis tick label"] text')[0]).toBe('<none & "other">');
  });
});

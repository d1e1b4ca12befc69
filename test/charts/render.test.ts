import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { renderChart } from '../../src/charts/render.ts';
import { CLASS_NAME, FONT_FAMILY } from '../../src/charts/theme.ts';
import type { ChartSpec } from '../../src/charts/spec.ts';
import { byEngagement, byEngagementAndDiplomatic } from './fixtures.ts';

const spec: ChartSpec = {
  from: 'rates',
  mark: 'barY',
  x: 'engagement',
  y: 'rate',
  ci: ['ci_low', 'ci_high'],
};

function newDocument(): Document {
  return new JSDOM('<!DOCTYPE html><html><body></body></html>').window.document;
}

describe('renderChart (live DOM, as in the browser)', () => {
  it('returns a bare SVG with an accessible label when there is no title or legend', () => {
    const chart = renderChart(spec, byEngagement, newDocument());
    expect(chart.tagName.toLowerCase()).toBe('svg');
    expect(chart.getAttribute('class')).toBe(CLASS_NAME);
    expect(chart.getAttribute('aria-label')).toBe('Bar chart of rate by engagement');
    expect(chart.getAttribute('font-family')).toBe(FONT_FAMILY);
    expect(chart.querySelectorAll('g[aria-label="bar"] rect')).toHaveLength(4);
  });

  it('wraps title, HTML legend and caption in a figure', () => {
    const document = newDocument();
    const chart = renderChart(
      { ...spec, fill: 'diplomatic', title: 'Success by track', caption: 'Invented data.' },
      byEngagementAndDiplomatic,
      document,
    );
    document.body.append(chart);
    expect(chart.tagName.toLowerCase()).toBe('figure');
    expect(chart.querySelector('h2')?.textContent).toBe('Success by track');
    expect(chart.querySelector('figcaption')?.textContent).toBe('Invented data.');
    const swatches = [...chart.querySelectorAll(`.${CLASS_NAME}-swatch`)].map((s) => s.textContent);
    expect(swatches).toEqual(['no', 'yes']);
    const svg = chart.querySelector(`svg.${CLASS_NAME}`);
    expect(svg?.getAttribute('aria-label')).toBe('Success by track');
    expect(svg?.querySelectorAll('g[aria-label="bar"] rect')).toHaveLength(6);
  });

  it('renders a heatmap legend without a canvas (jsdom has none)', () => {
    const chart = renderChart(
      { from: 'rates', mark: 'cell', x: 'engagement', y: 'diplomatic', fill: 'rate' },
      byEngagementAndDiplomatic,
      newDocument(),
    );
    expect(chart.tagName.toLowerCase()).toBe('figure');
    expect(chart.querySelectorAll('g[aria-label="cell"] rect')).toHaveLength(6);
    expect(chart.querySelector(`svg.${CLASS_NAME}-ramp`)?.textContent).toMatch(/20%/);
  });

  it('draws an empty table as axes without marks', () => {
    const chart = renderChart(spec, [], newDocument());
    expect(chart.querySelectorAll('g[aria-label="bar"] rect')).toHaveLength(0);
  });

  it('keeps browser-facing modules free of Node and jsdom imports', () => {
    // Only svg-node.ts may use jsdom; everything else is bundled into the browser app.
    const dir = path.resolve(import.meta.dirname, '../../src/charts');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter(
      (f) => f.endsWith('.ts') && path.basename(f) !== 'svg-node.ts',
    );
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const source = readFileSync(path.join(dir, file), 'utf8');
      expect(source, file).not.toMatch(/from ['"](node:|jsdom)/);
      expect(source, file).not.toMatch(/from ['"]\.\/svg-node\.ts['"]/);
    }
  });
});

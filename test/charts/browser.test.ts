import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderChartSvg } from '../../src/charts/svg-node.ts';
import type { Row } from '../../src/engine/Engine.ts';
import type { ChartSpec } from '../../src/charts/spec.ts';
import { launchBrowser } from '../browser/harness.ts';
import {
  byEngagement,
  byEngagementAndDiplomatic,
  incidentsByYear,
  logitTerms,
  predictedCurve,
} from './fixtures.ts';

/**
 * The same chart code bundled for the browser and run in real Chromium must write the same
 * SVG, byte for byte, as the command line does under jsdom.
 */

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(chromium);
if (!available) console.warn(`Skipping browser chart tests: no Chromium at ${chromium}`);

const cases: [string, ChartSpec, Row[]][] = [
  [
    'rates with intervals and caption',
    {
      from: 'rates',
      mark: 'barY',
      x: 'engagement',
      y: 'rate',
      ci: ['ci_low', 'ci_high'],
      title: 'Success by engagement',
      caption: 'Invented data; 95% Wilson intervals.',
    },
    byEngagement,
  ],
  [
    'grouped dots with a legend',
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
    'a curve with a band, a fixed domain and a format',
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
    'heatmap',
    { from: 'rates', mark: 'cell', x: 'engagement', y: 'diplomatic', fill: 'rate' },
    byEngagementAndDiplomatic,
  ],
];

describe.skipIf(!available)('chart SVG in Chromium', () => {
  let browser: Browser;
  let bundle: string;

  beforeAll(async () => {
    const result = await build({
      configFile: false,
      logLevel: 'silent',
      root: path.resolve(import.meta.dirname, '../..'),
      build: {
        write: false,
        minify: false,
        lib: {
          entry: path.resolve(import.meta.dirname, '../../src/charts/svg-string.ts'),
          formats: ['iife'],
          name: 'StatecraftCharts',
          fileName: 'charts',
        },
      },
    });
    const output = (Array.isArray(result) ? result[0] : result) as {
      output: { type: string; code?: string }[];
    };
    bundle = output.output.find((o) => o.type === 'chunk')?.code ?? '';
    expect(bundle).toContain('StatecraftCharts');
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('writes byte-identical SVG to the Node renderer on a high-density screen', async () => {
    // Plot offsets strokes by half a pixel on screens with devicePixelRatio 1 (and by none
    // in Node); on a high-density screen both agree.
    const context = await browser.newContext({ deviceScaleFactor: 2 });
    const page = await context.newPage();
    await page.setContent('<!DOCTYPE html><html><body></body></html>');
    await page.addScriptTag({ content: bundle });
    for (const [name, spec, rows] of cases) {
      const inBrowser = await page.evaluate(
        (json: string) => {
          const [s, r] = JSON.parse(json) as [unknown, unknown];
          const charts = (window as unknown as Record<string, unknown>).StatecraftCharts as {
            chartSvgString: (spec: unknown, rows: unknown, document: Document) => string;
          };
          return charts.chartSvgString(s, r, document);
        },
        JSON.stringify([spec, rows]),
      );
      expect(inBrowser, name).toBe(renderChartSvg(spec, rows));
    }
    await context.close();
  });
});

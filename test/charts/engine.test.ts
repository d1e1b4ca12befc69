import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderChartSvg } from '../../src/charts/svg-node.ts';
import { validateChart } from '../../src/charts/validate.ts';
import { NativeEngine } from '../../src/engine/NativeEngine.ts';
import { literal } from '../../src/engine/sql.ts';
import { createTableFromRows, describeTable } from '../../src/engine/tables.ts';
import type { Row } from '../../src/engine/Engine.ts';
import { CellError } from '../../src/shared/errors.ts';
import type { ChartSpec } from '../../src/charts/spec.ts';
import { wilson } from './fixtures.ts';
import { parseSvg, texts } from './svg-helpers.ts';

/** Charts fed by real DuckDB results, as the runner hands them over. */

const repoRoot = path.resolve(import.meta.dirname, '../..');
const datasets = path.resolve(repoRoot, '../shared/datasets');
const dipex = path.join(datasets, 'Diplomatic_Exchange_2006v1.csv');
const hasDatasets = existsSync(dipex);
if (!hasDatasets) console.warn(`Skipping real-data chart tests: ${datasets} is absent`);

let engine: NativeEngine;

beforeAll(async () => {
  engine = await NativeEngine.create();
});

afterAll(async () => {
  await engine?.close();
});

/** Invented episodes: engagement level, start date and a 0/1 outcome from a fixed rule. */
function inventedEpisodes(): Row[] {
  const levels = ['none', 'low', 'high'];
  const rows: Row[] = [];
  for (let i = 0; i < 300; i++) {
    const level = levels[i % 3];
    const threshold = { none: 0.25, low: 0.4, high: 0.6 }[level] ?? 0;
    const u = ((i * 7919) % 1000) / 1000; // deterministic, evenly spread in [0, 1)
    const month = String((i % 12) + 1).padStart(2, '0');
    rows.push({
      engagement: level,
      started: `${2000 + (i % 10)}-${month}-15`,
      success: u < threshold ? 1 : 0,
    });
  }
  return rows;
}

describe('charts of engine results', () => {
  it('draws rates and Wilson intervals computed in SQL, one bar and one error bar per group', async () => {
    await createTableFromRows(
      engine,
      'episodes',
      [
        { name: 'engagement', type: 'VARCHAR' },
        { name: 'started', type: 'DATE' },
        { name: 'success', type: 'INTEGER' },
      ],
      inventedEpisodes(),
    );
    const z = 1.959963984540054;
    const { rows } = await engine.query(
      `SELECT engagement, count(*) AS n, avg(success) AS rate,
              (avg(success) + ${z}^2 / (2 * count(*))
                - ${z} * sqrt(avg(success) * (1 - avg(success)) / count(*) + ${z}^2 / (4 * count(*)^2)))
                / (1 + ${z}^2 / count(*)) AS ci_low,
              (avg(success) + ${z}^2 / (2 * count(*))
                + ${z} * sqrt(avg(success) * (1 - avg(success)) / count(*) + ${z}^2 / (4 * count(*)^2)))
                / (1 + ${z}^2 / count(*)) AS ci_high,
              sum(success) AS k
       FROM episodes GROUP BY engagement
       ORDER BY CASE engagement WHEN ${literal('none')} THEN 0 WHEN ${literal('low')} THEN 1 ELSE 2 END`,
    );
    expect(rows.map((r) => r.engagement)).toEqual(['none', 'low', 'high']);
    for (const r of rows) {
      const [lo, hi] = wilson(Number(r.k), Number(r.n));
      expect(r.ci_low as number).toBeCloseTo(lo, 12);
      expect(r.ci_high as number).toBeCloseTo(hi, 12);
    }
    const spec: ChartSpec = {
      from: 'success_by_engagement',
      mark: 'barY',
      x: 'engagement',
      y: 'rate',
      ci: ['ci_low', 'ci_high'],
    };
    validateChart(spec, Object.keys(rows[0]), rows.length);
    const doc = parseSvg(renderChartSvg(spec, rows));
    expect(doc.querySelectorAll('g[aria-label="bar"] rect')).toHaveLength(3);
    // Each error bar is labelled with the interval it draws, in percent.
    const labels = [...doc.querySelectorAll('g[aria-description^="error bars"] line')].map((l) =>
      l.getAttribute('aria-label'),
    );
    expect(labels).toEqual(
      rows.map((r) => {
        const pct = (v: number) => `${Number((v * 100).toFixed(1))}%`;
        return `${String(r.engagement)}: ${pct(r.ci_low as number)} to ${pct(r.ci_high as number)}`;
      }),
    );
  });

  it('puts DATE columns on a time axis, in date order whatever the row order', async () => {
    const { rows } = await engine.query(
      `SELECT date_trunc('year', started)::DATE AS year, count(*) AS episodes
       FROM episodes GROUP BY 1 ORDER BY episodes DESC, year DESC`,
    );
    expect(typeof rows[0].year).toBe('string');
    const spec: ChartSpec = { from: 'per_year', mark: 'line', x: 'year', y: 'episodes' };
    const doc = parseSvg(renderChartSvg(spec, rows));
    const ticks = texts(doc, 'g[aria-label="x-axis tick label"] text');
    expect(ticks).toContain('2004');
    // One path whose x coordinates only ever increase.
    const d = doc.querySelector('g[aria-label="line"] path')?.getAttribute('d') ?? '';
    const xs = [...d.matchAll(/[ML]([\d.]+),/g)].map((m) => Number(m[1]));
    expect(xs).toHaveLength(rows.length);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
  });
});

describe.skipIf(!hasDatasets)('charts of a real dataset (COW Diplomatic Exchange)', () => {
  beforeAll(async () => {
    const file = await engine.registerFile('Diplomatic_Exchange_2006v1.csv', {
      kind: 'path',
      path: dipex,
    });
    await engine.exec(`CREATE OR REPLACE TABLE dipex AS SELECT * FROM read_csv(${literal(file)})`);
  });

  it('refuses to chart 310,820 dyad-years and points to aggregation', async () => {
    const columns = (await describeTable(engine, 'dipex')).map((c) => c.name);
    const { rows } = await engine.query('SELECT count(*) AS n FROM dipex');
    const n = Number(rows[0].n);
    expect(n).toBe(310_820);
    const spec: ChartSpec = { from: 'dipex', mark: 'dot', x: 'year', y: 'DE' };
    expect(() => validateChart(spec, columns, n)).toThrow(CellError);
    expect(() => validateChart(spec, columns, n)).toThrow(/310,820 rows.*sql cell/s);
  });

  it('charts the aggregate instead: one dot per sample year', async () => {
    const { rows } = await engine.query(
      `SELECT year, avg(DE) AS share_exchanging FROM dipex GROUP BY year ORDER BY year`,
    );
    const spec: ChartSpec = { from: 'by_year', mark: 'dot', x: 'year', y: 'share_exchanging' };
    const doc = parseSvg(renderChartSvg(spec, rows));
    expect(doc.querySelectorAll('g[aria-label="dot"] circle')).toHaveLength(rows.length);
    expect(rows.length).toBe(38); // the README's "38 sample years"
    for (const t of texts(doc, 'g[aria-label="y-axis tick label"] text')) expect(t).toMatch(/%$/);
  });
});

import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { statecraft } from './statecraft.ts';

const FIXTURES = 'test/fixtures/notebooks';

describe('statecraft run', () => {
  it('writes results.json with every result table and one SVG per chart', async () => {
    const out = await mkdtemp(join(tmpdir(), 'sc-out-'));
    const { code, stdout } = await statecraft([
      'run',
      `${FIXTURES}/small.md`,
      '--data',
      FIXTURES,
      '--out',
      out,
    ]);
    expect(stdout).toMatch(/by_embassy\s+rate\s+2 rows/);
    expect(code).toBe(0);
    const results = JSON.parse(await readFile(join(out, 'results.json'), 'utf8'));
    expect(Object.keys(results).sort()).toEqual(
      [
        '_meta',
        'by_embassy',
        'by_embassy_missing',
        'embassy_table',
        'embassy_table_test',
        'embassy_table_missing',
        'model',
        'model_fit',
        'model_missing',
        'recent',
      ].sort(),
    );
    expect(results.recent).toHaveLength(16);
    const closed = results.by_embassy.find(
      (r: { embassy_closed: boolean }) => r.embassy_closed === true,
    );
    expect(closed).toMatchObject({ n: 7, successes: 2 });
    expect(typeof closed.n).toBe('number');
    expect(closed.rate).toBeCloseTo(2 / 7, 12);
    expect(results._meta.datasets[0]).toMatchObject({
      name: 'episodes',
      file: 'episodes.csv',
      rows: 16,
    });
    expect(results._meta.datasets[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(results._meta.engine_version).toBe('v1.4.3');
    const svgs = (await readdir(out)).filter((f) => f.endsWith('.svg')).sort();
    expect(svgs).toEqual(['chart-2.svg', 'rates_chart.svg']);
    expect(await readFile(join(out, 'rates_chart.svg'), 'utf8')).toMatch(/^<svg|<\?xml/);
  });

  it('a chart it cannot draw fails its cell, and the other results are written', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sc-chart-'));
    const text = [
      '```sql t',
      "SELECT 'a' AS g, 'x' AS v",
      '```',
      '',
      '```chart',
      'from: t',
      'mark: barY',
      'x: g',
      'y: v',
      '```',
      '',
    ].join('\n');
    await writeFile(join(dir, 'text-bars.md'), text);
    const out = join(dir, 'out');
    const { code, stdout } = await statecraft(['run', join(dir, 'text-bars.md'), '--out', out]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/chart-1 +chart +FAILED at line 5: A barY chart needs numbers in 'v'/);
    expect(stdout).not.toMatch(/\n +at /);
    expect(JSON.parse(await readFile(join(out, 'results.json'), 'utf8')).t).toEqual([
      { g: 'a', v: 'x' },
    ]);
  });
  it('exits 1 and names the failing cell, its line and the engine message', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sc-bad-'));
    const text = (await readFile(`${FIXTURES}/small.md`, 'utf8')).replace(
      'SELECT *, outcome = 1 AS success FROM episodes',
      'SELECT *, outcome = 1 AS success FROM episodes\nWHERE nonexistent_column > 0 AND',
    );
    await writeFile(join(dir, 'bad.md'), text);
    const { code, stdout } = await statecraft([
      'run',
      join(dir, 'bad.md'),
      '--data',
      FIXTURES,
      '--out',
      dir,
    ]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/recent\s+sql\s+FAILED at line 1[89]: .*(Parser|Binder) Error/);
    expect(stdout).toMatch(/by_embassy\s+rate\s+not run: depends on recent/);
  });

  it('exits 2 naming a missing dataset and the folder searched', async () => {
    const { code, stdout } = await statecraft(['run', `${FIXTURES}/small.md`, '--data', 'nowhere']);
    expect(code).toBe(2);
    expect(stdout).toMatch(/dataset file "episodes.csv" not found; searched .*nowhere/);
  });

  it('exits 2 on a usage error', async () => {
    const { code, stdout } = await statecraft(['frobnicate']);
    expect(code).toBe(2);
    expect(stdout).toMatch(/Unknown command "frobnicate"/);
  });
});

describe('statecraft check', () => {
  it('prints a receipt and passes when every expectation holds', async () => {
    const { code, stdout } = await statecraft([
      'check',
      `${FIXTURES}/small.md`,
      '--data',
      FIXTURES,
    ]);
    expect(stdout).toMatch(/pass {2}by_embassy\[embassy_closed=true\]\.n: expected 7/);
    expect(stdout).toMatch(/REPRODUCED \(2 expectations\)/);
    expect(code).toBe(0);
  });

  it('fails and shows the actual value when a number differs', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sc-check-'));
    const text = (await readFile(`${FIXTURES}/small.md`, 'utf8')).replace(
      'successes: 2',
      'successes: 3',
    );
    await writeFile(join(dir, 'changed.md'), text);
    const { code, stdout } = await statecraft([
      'check',
      join(dir, 'changed.md'),
      '--data',
      FIXTURES,
    ]);
    expect(code).toBe(1);
    expect(stdout).toMatch(
      /FAIL {2}by_embassy\[embassy_closed=true\]\.successes: expected 3 ± 0.0001, got 2/,
    );
    expect(stdout).toMatch(/NOT REPRODUCED/);
  });
});

import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeDta } from '../ingest/dta-writer.ts';
import { statecraft } from './statecraft.ts';

/** A Stata file whose variables carry labels, as researchers' files do. */
export function labelledDta(): Uint8Array {
  return writeDta({
    release: 118,
    byteOrder: 'LSF',
    label: 'sanctions',
    variables: [
      {
        name: 'EU',
        type: 'double',
        format: '%9.0g',
        label: 'EU SANCTION',
        valueLabel: 'yesno',
        values: [0, 1, 1, 0, 1, 0],
      },
      {
        name: 'cost',
        type: 'double',
        format: '%9.0g',
        label: 'Cost to target (bn USD)',
        values: [1.5, 2, 3.25, 0.5, 4, 1],
      },
    ],
    valueLabels: { yesno: { 0: 'No', 1: 'Yes' } },
  });
}

async function run(chart: string[]): Promise<{ code: number; stdout: string; svg: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'sc-labels-'));
  await writeFile(join(dir, 'sanctions.dta'), labelledDta());
  const text = [
    '---',
    'datasets:',
    '  sanctions:',
    '    file: sanctions.dta',
    '---',
    '',
    '```sql by_eu',
    'SELECT EU, avg(cost) AS cost FROM sanctions GROUP BY EU ORDER BY EU',
    '```',
    '',
    '```chart costs',
    ...chart,
    '```',
    '',
  ].join('\n');
  await writeFile(join(dir, 'nb.md'), text);
  const out = join(dir, 'out');
  const { code, stdout } = await statecraft([
    'run',
    join(dir, 'nb.md'),
    '--data',
    dir,
    '--out',
    out,
  ]);
  const svg = code === 0 ? await readFile(join(out, 'costs.svg'), 'utf8') : '';
  return { code, stdout, svg };
}

/** The texts of the SVG's axis titles (Plot draws them as aria-label="x-axis label" groups). */
function axisTitles(svg: string): string[] {
  return [
    ...svg.matchAll(/aria-label="[xy]-axis label"[^>]*>(?:<[^>]*>)*?<text[^>]*>([^<]*)</g),
  ].map((m) => m[1]);
}

describe('variable labels in charts', () => {
  it('a chart of a Stata file titles its axes with the variable labels, kept through a sql cell', async () => {
    const { code, stdout, svg } = await run(['from: by_eu', 'mark: barY', 'x: EU', 'y: cost']);
    expect(code, stdout).toBe(0);
    expect(svg).toContain('EU SANCTION');
    expect(svg).toContain('Cost to target (bn USD)');
    expect(axisTitles(svg).join(' | ')).toMatch(/EU SANCTION/);
  });

  it('the notebook’s labels: key overrides a variable label', async () => {
    const { code, stdout, svg } = await run([
      'from: by_eu',
      'mark: barY',
      'x: EU',
      'y: cost',
      'labels: {EU: EU sender}',
    ]);
    expect(code, stdout).toBe(0);
    expect(svg).toContain('EU sender');
    expect(svg).not.toContain('EU SANCTION');
    expect(svg).toContain('Cost to target (bn USD)');
  });

  it('a label for a column the table lacks fails the cell at its line', async () => {
    const { code, stdout } = await run([
      'from: by_eu',
      'mark: barY',
      'x: EU',
      'y: cost',
      'labels: {US: US sender}',
    ]);
    expect(code).not.toBe(0);
    expect(stdout).toMatch(/'US' \(labels\) is not in 'by_eu'/);
  });
});

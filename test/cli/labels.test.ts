import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labelledDta, labelledNotebook } from '../charts/labelled-dta.ts';
import { statecraft } from './statecraft.ts';

async function run(chart: string[]): Promise<{ code: number; stdout: string; svg: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'sc-labels-'));
  await writeFile(join(dir, 'sanctions.dta'), labelledDta());
  const text = labelledNotebook(chart);
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
    // The codes on the category axis read as their value labels.
    const ticks = [...svg.matchAll(/aria-label="x-axis tick label"[^]*?<\/g>/g)].flatMap((m) =>
      [...m[0].matchAll(/<text[^>]*>([^<]*)</g)].map((t) => t[1]),
    );
    expect(ticks).toEqual(['No', 'Yes']);
  });

  it('a legend of a coded column names its codes and titles itself with the label', async () => {
    const { code, stdout, svg } = await run([
      'from: by_eu',
      'mark: barY',
      'x: EU',
      'y: cost',
      'fill: EU',
    ]);
    expect(code, stdout).toBe(0);
    const legend = svg.slice(svg.indexOf('aria-label="color legend"'));
    const texts = [...legend.matchAll(/<text[^>]*>([^<]*)</g)].map((t) => t[1]);
    expect(texts.slice(0, 3)).toEqual(['EU SANCTION', 'No', 'Yes']);
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

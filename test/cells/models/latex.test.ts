/**
 * The regression table's LaTeX: `statecraft run` writes it beside results.json, it compiles
 * with pdflatex and booktabs (Debian's texlive-latex-base and texlive-latex-recommended; the
 * test says so and skips when pdflatex is absent), labels and terms are escaped, and the
 * numbers in it are the cell's own.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../../src/cli/commands.ts';
import type { Row } from '../../../src/engine/Engine.ts';
import { fence, MODEL_CELLS, MODELS_CSV } from './run-notebook.ts';

const hasPdflatex = spawnSync('pdflatex', ['--version']).status === 0;
if (!hasPdflatex) {
  console.warn(
    'pdflatex is absent: the LaTeX compile test is skipped (apt-get install texlive-latex-base texlive-latex-recommended)',
  );
}

const NOTEBOOK = [
  '---',
  'datasets:',
  '  d:',
  '    file: models-table.csv',
  '---',
  '',
  ...MODEL_CELLS,
  fence(
    'models paper_table',
    'models: [m1, m2, m3]',
    // Every character LaTeX treats specially, in a label.
    'labels: {m1: "Base_line & 50% #1 $x$ {a} ~^\\\\"}',
    'compare: lr',
  ),
].join('\n');

let out: string;
let tex: string;
let results: Record<string, Row[]>;
beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'sc-models-'));
  out = join(dir, 'out');
  await writeFile(join(dir, 'paper.md'), NOTEBOOK);
  const lines: string[] = [];
  const code = await runCommand(join(dir, 'paper.md'), [dirname(MODELS_CSV)], out, (l) =>
    lines.push(l),
  );
  expect(code, lines.join('\n')).toBe(0);
  tex = await readFile(join(out, 'paper_table.tex'), 'utf8');
  results = JSON.parse(await readFile(join(out, 'results.json'), 'utf8'));
}, 60_000);

/** The numbers of a LaTeX row's cells, as plain numbers: `$-$0.305$^{***}$` → -0.305. */
function numbersOf(line: string): (number | null)[] {
  return line
    .replace(/ \\\\$/, '')
    .split(' & ')
    .slice(1)
    .map((c) =>
      c
        .replaceAll('$-$', '-')
        .replace(/\$\^\{\**\}\$/, '')
        .replace(/[()]/g, ''),
    )
    .map((c) => (c.trim() === '' ? null : Number(c)));
}

describe('the regression table in LaTeX', () => {
  it('is written beside results.json with the Markdown', async () => {
    expect(tex).toMatch(/^% paper_table: regression table/);
    expect(tex).toContain('\\toprule');
    expect(tex).toContain('\\midrule');
    expect(tex).toContain('\\bottomrule');
    const md = await readFile(join(out, 'paper_table.md'), 'utf8');
    expect(md.split('\n')[0]).toBe('|  | Base\\_line & 50% #1 $x$ {a} ~^\\\\ | m2 | m3 |');
  });

  it('escapes the label', () => {
    expect(tex).toContain(
      'Base\\_line \\& 50\\% \\#1 \\$x\\$ \\{a\\} \\textasciitilde{}\\textasciicircum{}\\textbackslash{}',
    );
  });

  it('shows the cell’s estimates and standard errors, to three decimals', () => {
    const lines = tex.split('\n');
    for (const [j, model] of ['m1', 'm2', 'm3'].entries()) {
      for (const row of results.paper_table.filter((r) => r.model === model)) {
        const at = lines.findIndex((l) =>
          l.startsWith(`${String(row.term).replace('_', '\\_')} &`),
        );
        expect(at, String(row.term)).toBeGreaterThan(0);
        expect(numbersOf(lines[at])[j]).toBe(Number((row.estimate as number).toFixed(3)));
        expect(numbersOf(lines[at + 1])[j]).toBe(Number((row.std_error as number).toFixed(3)));
      }
    }
    const n = lines.find((l) => l.startsWith('N &'))!;
    expect(numbersOf(n)).toEqual(results.paper_table_fit.map((f) => f.n));
  });

  it.skipIf(!hasPdflatex)('compiles with pdflatex and booktabs', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sc-latex-'));
    await writeFile(join(dir, 'paper_table.tex'), tex);
    await writeFile(
      join(dir, 'doc.tex'),
      '\\documentclass{article}\n\\usepackage{booktabs}\n\\begin{document}\n' +
        '\\input{paper_table}\n\\end{document}\n',
    );
    const log = execFileSync(
      'pdflatex',
      ['-interaction=nonstopmode', '-halt-on-error', 'doc.tex'],
      {
        cwd: dir,
        encoding: 'utf8',
      },
    );
    expect(log).toContain('Output written on doc.pdf');
    expect(log).not.toMatch(/^! /m);
  });
});

describe('notebooks/paper-tables.md', () => {
  it('shows the LaTeX its models cell exports', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sc-paper-'));
    const lines: string[] = [];
    const code = await runCommand('notebooks/paper-tables.md', ['data'], dir, (l) => lines.push(l));
    expect(code, lines.join('\n')).toBe(0);
    const exported = await readFile(join(dir, 'paper_table.tex'), 'utf8');
    const notebook = await readFile('notebooks/paper-tables.md', 'utf8');
    const shown = /```latex\n([\s\S]*?)```/.exec(notebook)?.[1];
    expect(shown).toBe(exported);
  }, 60_000);
});

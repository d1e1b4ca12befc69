/**
 * Inline values on the command line (issue 22): `run` writes prose.md with the values of the
 * run in place of `{{ … }}`, and `check` fails, naming the line, on one that does not resolve.
 */
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { statecraft } from './statecraft.ts';

const FIXTURES = 'test/fixtures/notebooks';

const PROSE = [
  'Closing the embassy: {{ by_embassy.rate where embassy_closed = true | .1% }} of',
  '{{ by_embassy.n where embassy_closed = true }} episodes succeeded.',
].join('\n');

/** The small fixture notebook with `prose` under its heading (line 8 on). */
async function notebookWith(prose: string): Promise<{ dir: string; file: string; text: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'sc-inline-'));
  const small = await readFile(`${FIXTURES}/small.md`, 'utf8');
  const text = small.replace('# A small notebook\n', `# A small notebook\n${prose}\n`);
  const file = join(dir, 'prose-values.md');
  await writeFile(file, text);
  return { dir, file, text };
}

describe('inline values on the command line', () => {
  it('run writes prose.md: the notebook with the values in its sentences', async () => {
    const { dir, file, text } = await notebookWith(PROSE);
    const out = join(dir, 'out');
    const run = await statecraft(['run', file, '--data', FIXTURES, '--out', out]);
    expect(run.stdout).toContain(`wrote ${join(out, 'prose.md')} (2 inline values)`);
    expect(run.code).toBe(0);
    const prose = await readFile(join(out, 'prose.md'), 'utf8');
    expect(prose).toBe(
      text
        .replace('{{ by_embassy.rate where embassy_closed = true | .1% }}', '28.6%')
        .replace('{{ by_embassy.n where embassy_closed = true }}', '7'),
    );

    const check = await statecraft(['check', file, '--data', FIXTURES]);
    expect(check.stdout).toContain(
      '  value {{ by_embassy.rate where embassy_closed = true | .1% }} (line 8): 28.6%',
    );
    expect(check.stdout).toContain('REPRODUCED (2 expectations, 2 inline values)');
    expect(check.code).toBe(0);
  });

  it('check fails on a reference that does not resolve, naming its line', async () => {
    const { file } = await notebookWith(
      `${PROSE}\nBut {{ by_embassy.rate where embassy_closed = maybe }} is no value.`,
    );
    const check = await statecraft(['check', file, '--data', FIXTURES]);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain(
      `  FAIL  ${file}:10: error: inline value {{ by_embassy.rate where embassy_closed = maybe }}: ` +
        'the value of embassy_closed must be a number, true, false or a quoted text, found "maybe"',
    );
    expect(check.stdout).toContain('NOT REPRODUCED (2 expectations, 3 inline values)');

    // run still writes everything, says what has no value, and exits 1.
    const out = join(file, '..', 'out');
    const run = await statecraft(['run', file, '--data', FIXTURES, '--out', out]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${file}:10: error: inline value {{ by_embassy.rate where`);
    const prose = await readFile(join(out, 'prose.md'), 'utf8');
    expect(prose).toContain('But [no value: the value of embassy_closed must be a number');
  });

  it('writes no prose.md for a notebook without inline values', async () => {
    const out = await mkdtemp(join(tmpdir(), 'sc-noinline-'));
    const run = await statecraft(['run', `${FIXTURES}/small.md`, '--data', FIXTURES, '--out', out]);
    expect(run.code).toBe(0);
    expect(await readdir(out)).not.toContain('prose.md');
  });
});

/**
 * A YAML alias bomb ("billion laughs") on the command line (issue 14, finding 9): the run is
 * a normal notebook failure — the bomb's cell is FAILED at its line, the other cells are
 * computed and written — never an uncaught exception with a stack trace.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { statecraft } from './statecraft.ts';

const BAD = 'test/fixtures/bad';

/** Signs of an uncaught exception rather than a message written for people. */
const CRASH = /ReferenceError|\n\s+at |node_modules|Node\.js v\d/;

describe('statecraft run: a YAML alias bomb', () => {
  it('in one cell: that cell fails at its line, the others are in results.json', async () => {
    const out = await mkdtemp(join(tmpdir(), 'sc-bomb-'));
    const { code, stdout } = await statecraft(['run', `${BAD}/yaml-bomb.md`, '--out', out]);
    expect(stdout).not.toMatch(CRASH);
    expect(stdout).toMatch(
      /boom\s+chart\s+FAILED at line 14: Invalid YAML in the chart cell boom: aliases \(\*a …\) repeat anchored values more than 100 times/,
    );
    expect(stdout).toMatch(/before\s+sql\s+1 rows/);
    expect(stdout).toMatch(/after\s+sql\s+1 rows/);
    expect(code).toBe(1);
    const results = JSON.parse(await readFile(join(out, 'results.json'), 'utf8'));
    expect(results.before).toEqual([{ one: 1 }]);
    expect(results.after).toEqual([{ two: 2 }]);
  });

  it('in the front matter: an error naming the file and line, exit code 1', async () => {
    const out = await mkdtemp(join(tmpdir(), 'sc-bomb-'));
    const { code, stdout } = await statecraft([
      'run',
      `${BAD}/yaml-bomb-front-matter.md`,
      '--out',
      out,
    ]);
    expect(stdout).not.toMatch(CRASH);
    expect(stdout).toMatch(
      /yaml-bomb-front-matter\.md:4: error: Invalid YAML in the front matter: aliases \(\*a …\)/,
    );
    expect(code).toBe(1);
  });

  it('check: the same failure, no stack trace', async () => {
    const { code, stdout } = await statecraft(['check', `${BAD}/yaml-bomb.md`]);
    expect(stdout).not.toMatch(CRASH);
    expect(stdout).toMatch(/line 14: Invalid YAML in the chart cell boom/);
    expect(code).toBe(1);
  });
});

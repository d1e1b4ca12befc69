import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from '../../src/cli/args.ts';
import { statecraft } from './statecraft.ts';

const NOTEBOOK = [
  '---',
  'title: Runaway',
  '---',
  '',
  '```sql quick',
  'SELECT 42 AS answer',
  '```',
  '',
  '```sql forever',
  'SELECT count(*) AS n FROM range(1000000000000) t(i) WHERE i % 7 = 9',
  '```',
  '',
].join('\n');

describe('--time-limit', () => {
  it('is read in seconds; 0 means no limit; anything else is a usage error', () => {
    expect(parseArgs(['run', 'a.md', '--time-limit', '90']).timeLimitSeconds).toBe(90);
    expect(parseArgs(['check', 'a.md', '--time-limit', '0']).timeLimitSeconds).toBe(0);
    expect(parseArgs(['run', 'a.md']).timeLimitSeconds).toBeUndefined();
    for (const bad of ['soon', '-1', '']) {
      expect(() => parseArgs(['run', 'a.md', '--time-limit', bad])).toThrow(UsageError);
    }
    expect(() => parseArgs(['run', 'a.md', '--time-limit'])).toThrow(
      '--time-limit needs a number of seconds',
    );
  });

  it('stops an endless cell, says how to raise the limit, and writes the other results', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sc-limit-'));
    try {
      const file = join(dir, 'runaway.md');
      await writeFile(file, NOTEBOOK);
      const started = performance.now();
      const { code, stdout } = await statecraft([
        'run',
        file,
        '--out',
        join(dir, 'out'),
        '--time-limit',
        '1',
      ]);
      expect(performance.now() - started).toBeLessThan(30_000);
      expect(code).toBe(1);
      expect(stdout).toContain(
        `FAILED at line 9: Stopped after 1 s: the time limit for one cell. Make the query cheaper ` +
          `(filter or aggregate earlier, join fewer rows), or raise the limit: ` +
          `npx statecraft run ${file} --time-limit 2 (seconds; 0 for none).`,
      );
      const results = JSON.parse(await readFile(join(dir, 'out', 'results.json'), 'utf8'));
      expect(results.quick).toEqual([{ answer: 42 }]);
      expect(results.forever).toBeUndefined();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseNotebook } from '../../src/notebook/parse.ts';

const exec = promisify(execFile);
const SHARED = resolve('../shared/datasets');
const hasShared = existsSync(SHARED);
if (!hasShared) console.warn(`notice: ${SHARED} is absent; real-data notebooks are not checked`);

const notebooks = (await readdir('notebooks')).filter((f) => f.endsWith('.md')).sort();

async function needsShared(file: string): Promise<boolean> {
  const { notebook } = parseNotebook(await readFile(join('notebooks', file), 'utf8'));
  return notebook.datasets.some((d) => !existsSync(join('data', d.file)));
}

describe('bundled notebooks', () => {
  it('include the six examples', () => {
    expect(notebooks).toEqual([
      'dcid-cyber.md',
      'embassy-closure.md',
      'embassy-evidence.md',
      'paper-tables.md',
      'ties-diplomacy.md',
      'welcome.md',
    ]);
  });

  for (const file of notebooks) {
    it(`${file} reproduces every expectation and writes results and charts`, async (ctx) => {
      if (!hasShared && (await needsShared(file))) {
        console.warn(`notice: skipping ${file}: it reads ${SHARED}`);
        ctx.skip();
      }
      const check = await exec('node', [
        'bin/statecraft.js',
        'check',
        `notebooks/${file}`,
        '--data',
        'data',
        '--data',
        SHARED,
      ]);
      expect(check.stdout).toMatch(/\nREPRODUCED \(\d+ expectations[,)]/);
      expect(check.stdout).not.toMatch(/FAIL|MISMATCH/);
      const out = await mkdtemp(join(tmpdir(), 'sc-nb-'));
      await exec('node', [
        'bin/statecraft.js',
        'run',
        `notebooks/${file}`,
        '--data',
        'data',
        '--data',
        SHARED,
        '--out',
        out,
      ]);
      const results = JSON.parse(await readFile(join(out, 'results.json'), 'utf8'));
      const { notebook } = parseNotebook(await readFile(join('notebooks', file), 'utf8'));
      const charts = notebook.blocks.filter((b) => b.kind === 'chart').length;
      expect((await readdir(out)).filter((f) => f.endsWith('.svg'))).toHaveLength(charts);
      expect(
        results._meta.datasets.every((d: { sha256: string }) => /^[0-9a-f]{64}$/.test(d.sha256)),
      ).toBe(true);
    });
  }
});

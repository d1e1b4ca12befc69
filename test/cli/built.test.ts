import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The command line built at install time (scripts/build-cli.js, esbuild) against the
 * TypeScript sources run through tsx: byte-identical results.json and SVGs on every bundled
 * notebook, and bin/statecraft.js running the build only while it is current.
 */

const exec = promisify(execFile);
const SHARED = resolve('../shared/datasets');
const hasShared = existsSync(SHARED);
if (!hasShared) console.warn(`notice: ${SHARED} is absent; real-data notebooks are not compared`);
const NOTEBOOKS = ['welcome', 'embassy-closure', 'ties-diplomacy', 'dcid-cyber'];
const NEEDS_SHARED = new Set(['ties-diplomacy', 'dcid-cyber']);

let work: string;
/** A build of this tree made for this test, inside node_modules so its packages resolve. */
let built: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'statecraft-built-'));
  await mkdir('node_modules/.cache', { recursive: true });
  built = await mkdtemp(resolve('node_modules/.cache/statecraft-cli-test-'));
  await exec('node', ['scripts/build-cli.js', '--outdir', built]);
  // A file that loads main.cjs with its code cache, as bin/statecraft.js does.
  await writeFile(
    join(built, 'run.mjs'),
    [
      `import { loadBuiltMain } from ${JSON.stringify(resolve('bin/built-cli.js'))};`,
      `const args = process.argv.slice(2);`,
      `const { main, saveCache, cacheState } = loadBuiltMain(${JSON.stringify(built)}, args);`,
      `process.stderr.write('code cache: ' + cacheState + '\\n');`,
      `process.exitCode = await main(args);`,
      `saveCache();`,
    ].join('\n') + '\n',
  );
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
  if (built) await rm(built, { recursive: true, force: true });
});

/** Runs the built main() on `args` in a new process, as bin/statecraft.js does. */
function runBuilt(args: string[]): Promise<{ stdout: string; stderr: string }> {
  return exec('node', [join(built, 'run.mjs'), ...args]);
}

function runSources(args: string[]): Promise<{ stdout: string; stderr: string }> {
  return exec('node', ['bin/statecraft.js', ...args], {
    env: { ...process.env, STATECRAFT_SOURCES: '1' },
  });
}

async function outputs(dir: string): Promise<Record<string, string>> {
  const files = (await readdir(dir)).sort();
  return Object.fromEntries(
    await Promise.all(files.map(async (f) => [f, await readFile(join(dir, f), 'utf8')] as const)),
  );
}

describe('the built command line', () => {
  for (const name of NOTEBOOKS) {
    it(`gives the sources' results.json and SVGs, byte for byte, on ${name}.md`, async (ctx) => {
      if (NEEDS_SHARED.has(name) && !hasShared) {
        console.warn(`notice: skipping ${name}.md: it reads ${SHARED}`);
        ctx.skip();
      }
      const args = (out: string) => [
        'run',
        `notebooks/${name}.md`,
        '--data',
        'data',
        ...(hasShared ? ['--data', SHARED] : []),
        '--out',
        out,
      ];
      const fromBuild = join(work, `${name}-built`);
      const fromSources = join(work, `${name}-sources`);
      const a = await runBuilt(args(fromBuild));
      const b = await runSources(args(fromSources));
      // Cell times differ from run to run; everything else printed must not.
      const untimed = (text: string) =>
        text
          .replaceAll(/ *\d+ ms/g, ' N ms')
          .replaceAll(fromBuild, 'OUT')
          .replaceAll(fromSources, 'OUT');
      expect(untimed(a.stdout)).toBe(untimed(b.stdout));
      const builtFiles = await outputs(fromBuild);
      expect(Object.keys(builtFiles)).toContain('results.json');
      expect(builtFiles).toEqual(await outputs(fromSources));
    });
  }

  it("writes a command's code cache on its first run and starts from it after", async () => {
    await rm(join(built, 'code-cache'), { recursive: true, force: true });
    const args = (out: string) => ['run', 'notebooks/welcome.md', '--data', 'data', '--out', out];
    const first = await runBuilt(args(join(work, 'cache-1')));
    expect(first.stderr).toContain('code cache: absent');
    expect(existsSync(join(built, 'code-cache', 'run.bin'))).toBe(true);
    const second = await runBuilt(args(join(work, 'cache-2')));
    expect(second.stderr).toContain('code cache: used');
    expect(await outputs(join(work, 'cache-2'))).toEqual(await outputs(join(work, 'cache-1')));
    // Another command has a cache of its own.
    expect((await runBuilt(['--help'])).stderr).toContain('code cache: absent');
    expect((await runBuilt(['--help'])).stderr).toContain('code cache: used');
  });

  it('prints help without the sources', async () => {
    const { stdout } = await runBuilt(['--help']);
    expect(stdout).toContain('statecraft run <notebook.md>');
  });
});

describe('bin/statecraft.js', () => {
  it('runs the sources, with a note, when the build is older than a source file', async () => {
    // A throwaway copy of bin/ and a manifest naming one file, made newer than the manifest.
    const root = await mkdtemp(resolve('node_modules/.cache/statecraft-bin-test-'));
    try {
      await mkdir(join(root, 'bin'));
      await mkdir(join(root, 'dist-cli'));
      for (const file of ['statecraft.js', 'built-cli.js']) {
        await writeFile(join(root, 'bin', file), await readFile(join('bin', file), 'utf8'));
      }
      await writeFile(
        join(root, 'dist-cli/main.cjs'),
        'exports.main = async function () { console.log("built"); return 0; };\n',
      );
      await writeFile(join(root, 'source.ts'), '');
      await writeFile(join(root, 'dist-cli/inputs.json'), '["source.ts"]\n');
      const run = () => exec('node', [join(root, 'bin/statecraft.js'), '--help']);
      expect((await run()).stdout).toBe('built\n');
      const later = new Date(Date.now() + 60_000);
      await utimes(join(root, 'source.ts'), later, later);
      // No sources in the copy: the fallback fails, after saying why it did not use the build.
      const failed = await run().then(
        () => undefined,
        (error: unknown) => error as { stderr: string },
      );
      expect(failed?.stderr).toContain('source.ts changed since the build');
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { tableRows } from '../../../src/cells/tables.ts';
import { renderChartSvg } from '../../../src/charts/svg-node.ts';
import { checkCommand } from '../../../src/cli/check.ts';
import { runCommand } from '../../../src/cli/commands.ts';
import { cellsOf } from '../../../src/notebook/parse.ts';
import { pinResults } from '../../../src/notebook/pin.ts';
import { NotebookDocument } from '../../../src/ui/model/document.svelte.ts';
import {
  collectingExports,
  FIXTURES,
  sessionFixture,
  smallFiles,
  type Fixture,
} from './session-fixture.ts';

let fixture: Fixture | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await fixture?.engine.close();
  fixture = undefined;
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

/** The small notebook opened with its data, all results pinned, as a person would leave it. */
async function setup() {
  fixture = await sessionFixture();
  const { session } = fixture;
  const doc = new NotebookDocument(fixture.access);
  await session.addFiles(await smallFiles());
  const pinned = await pinResults(session.text, cellsOf(session.runner.notebook), (t) =>
    session.read((e) => tableRows(e, t)),
  );
  await doc.edit(pinned);
  doc.mirror(session, true);
  const { exports, saved } = collectingExports(fixture, doc, renderChartSvg);
  return { exports, saved, doc };
}

async function unzipTo(blob: Blob): Promise<{ dir: string; files: Record<string, Uint8Array> }> {
  const files = unzipSync(new Uint8Array(await blob.arrayBuffer()));
  const dir = await mkdtemp(join(tmpdir(), 'replication-'));
  dirs.push(dir);
  for (const [name, bytes] of Object.entries(files)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), bytes);
  }
  return { dir, files };
}

describe('replication package', () => {
  it('holds the notebook, results.json and charts as the CLI writes them, and reproduces', async () => {
    const { exports, saved, doc } = await setup();
    await exports.downloadReplication(true);
    expect(fixture!.notices).toEqual([]);
    expect(saved.map((s) => s.name)).toEqual(['small-replication.zip']);
    const { dir, files } = await unzipTo(saved[0]!.blob);
    expect(Object.keys(files).sort()).toEqual([
      'README.md',
      'data/episodes.csv',
      'results/chart-2.svg',
      'results/rates_chart.svg',
      'results/results.json',
      'small.md',
    ]);
    expect(strFromU8(files['small.md']!)).toBe(doc.text);
    const readme = strFromU8(files['README.md']!);
    expect(readme).toMatch(/\*\*episodes\*\*: `episodes.csv`, sha256 `[0-9a-f]{64}`/);
    expect(readme).toContain('npx statecraft check small.md --data data');

    const lines: string[] = [];
    const status = await checkCommand(join(dir, 'small.md'), [join(dir, 'data')], (l) =>
      lines.push(l),
    );
    expect(lines.join('\n')).toMatch(/REPRODUCED/);
    expect(status).toBe(0);

    // `statecraft run` writes the same results.json and the same SVGs.
    const out = join(dir, 'cli');
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      expect(await runCommand('small.md', ['data'], 'cli', () => {})).toBe(0);
    } finally {
      process.chdir(cwd);
    }
    for (const name of ['results.json', 'rates_chart.svg', 'chart-2.svg']) {
      expect(await readFile(join(out, name), 'utf8'), name).toBe(
        strFromU8(files[`results/${name}`]!),
      );
    }
  });

  it('leaves the data files out unless asked', async () => {
    const { exports, saved } = await setup();
    await exports.downloadReplication();
    const { files } = await unzipTo(saved[0]!.blob);
    expect(Object.keys(files).some((f) => f.startsWith('data/'))).toBe(false);
    expect(strFromU8(files['README.md']!)).toMatch(/not included/);
  });

  it('holds prose.md when the prose states values inline, as statecraft run writes it', async () => {
    fixture = await sessionFixture();
    const small = await readFile(`${FIXTURES}/small.md`, 'utf8');
    const text = small.replace(
      '# A small notebook\n',
      '# A small notebook\nClosed: {{ by_embassy.rate where embassy_closed = true | .1% }}.\n',
    );
    await fixture.session.addFiles([
      new File([await readFile(`${FIXTURES}/episodes.csv`)], 'episodes.csv'),
      new File([text], 'small.md'),
    ]);
    const doc = new NotebookDocument(fixture.access);
    doc.mirror(fixture.session, true);
    const { exports, saved } = collectingExports(fixture, doc, renderChartSvg);
    await exports.downloadReplication(true);
    const { dir, files } = await unzipTo(saved[0]!.blob);
    const prose = strFromU8(files['results/prose.md']!);
    expect(prose).toContain('Closed: 28.6%.');

    const out = join(dir, 'cli');
    const lines: string[] = [];
    const status = await runCommand(join(dir, 'small.md'), [join(dir, 'data')], out, (l) =>
      lines.push(l),
    );
    expect(status).toBe(0);
    expect(await readFile(join(out, 'prose.md'), 'utf8')).toBe(prose);
  });
});

import { existsSync } from 'node:fs';
import {
  copyFile,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statecraft } from '../cli/statecraft.ts';
import { attackNotebook, bypassAttacks, readAttacks, SECRET } from './notebook-attacks.ts';

/**
 * `statecraft run` and `check` on a notebook written by an attacker (issue #14, findings 1–2):
 * no cell writes a file, reaches a server, changes a dataset or reads a file that is not one
 * of the notebook's datasets, and a receipt forged by changing the data is not REPRODUCED.
 */

const FIXTURE = 'test/fixtures/notebooks/episodes.csv';

let root: string;
let data: string;
let outside: string;
let home: string;
let server: Server;
let requests = 0;
let url: string;
let realSum: number;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'sc-attack-'));
  data = join(root, 'data');
  outside = join(root, 'secret');
  home = join(root, 'home');
  for (const dir of [data, outside, home]) await mkdir(dir);
  await copyFile(FIXTURE, join(data, 'episodes.csv'));
  await writeFile(join(outside, 'creds.txt'), `token\n${SECRET}\n`);
  await writeFile(join(data, 'undeclared.csv'), `note\n${SECRET}\n`);
  await symlink(join(outside, 'creds.txt'), join(data, 'link.csv'));
  const csv = await readFile(FIXTURE, 'utf8');
  realSum = csv
    .trim()
    .split('\n')
    .slice(1)
    .reduce((sum, line) => sum + Number(line.split(',').at(-1)), 0);
  server = createServer((_, response) => {
    requests++;
    response.end('a\n1\n');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((done) => server.close(done));
  await rm(root, { recursive: true, force: true });
});

const target = (n: number) => join(home, `profile-${n}`);

describe('a stranger’s notebook on the command line', () => {
  it('runs no second statement, writes no file, reaches no server and reads nothing outside its datasets', async () => {
    const attacks = [
      ...bypassAttacks(target, url),
      ...readAttacks(outside, join(data, 'undeclared.csv'), url),
    ];
    const file = join(root, 'attack.md');
    await writeFile(file, attackNotebook(attacks, 999 * 16));
    const out = join(root, 'out');
    const { code, stdout } = await statecraft(['run', file, '--data', data, '--out', out]);

    expect(code, stdout).toBe(1);
    for (const attack of attacks) {
      const line = stdout.split('\n').find((l) => l.startsWith(attack.name.padEnd(24)));
      expect(line, `${attack.name} is refused`).toMatch(/FAILED at line \d+/);
      expect(line, attack.name).toMatch(attack.refusal);
    }
    expect(await readdir(home), 'no file written').toEqual([]);
    expect(requests, 'no request reached the server').toBe(0);
    const results = await readFile(join(out, 'results.json'), 'utf8');
    expect(results).not.toContain(SECRET);
    expect(results).not.toContain('root:x:0');
    // The dataset is as the file says: the UPDATE never ran.
    expect(JSON.parse(results).totals).toEqual([{ n: 16, s: realSum }]);
  });

  it('check: a receipt forged by changing the data is NOT REPRODUCED', async () => {
    const attacks = bypassAttacks(target, url).filter((a) => a.name === 'forge');
    const file = join(root, 'forged.md');
    await writeFile(file, attackNotebook(attacks, 999 * 16));
    const { code, stdout } = await statecraft(['check', file, '--data', data]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/NOT REPRODUCED/);
    expect(stdout).toContain(`got ${realSum}`);
  });

  it('an input value cannot add a statement: it is text in the query', async () => {
    const breakout = `x'); COPY (SELECT 1) TO '${target(9)}'; SELECT ('`;
    const file = join(root, 'input.md');
    await writeFile(
      file,
      [
        '```input note',
        'type: select',
        `options: [${JSON.stringify(breakout)}]`,
        `value: ${JSON.stringify(breakout)}`,
        '```',
        '',
        '```sql echoed',
        'SELECT $note AS note',
        '```',
        '',
      ].join('\n'),
    );
    const out = join(root, 'out-input');
    const { code, stdout } = await statecraft(['run', file, '--out', out]);
    expect(code, stdout).toBe(0);
    const results = JSON.parse(await readFile(join(out, 'results.json'), 'utf8'));
    expect(results.echoed).toEqual([{ note: breakout }]);
    expect(existsSync(target(9))).toBe(false);
  });

  it.each([
    ['an absolute path', '/etc/passwd', '/etc/passwd'],
    ['a path up and out', '../secret/creds.txt', 'secret/creds.txt'],
    ['a symlink pointing out', 'link.csv', 'secret/creds.txt'],
  ])('refuses a dataset named by %s, naming the path, and runs nothing', async (_, name, shown) => {
    const file = join(root, `dataset-${name.replace(/\W/g, '_')}.md`);
    await writeFile(
      file,
      [
        '---',
        'datasets:',
        `  stolen: ${JSON.stringify(name)}`,
        '---',
        '',
        '```sql leak',
        'SELECT * FROM stolen',
        '```',
        '',
      ].join('\n'),
    );
    const out = join(root, `out-${name.replace(/\W/g, '_')}`);
    const { code, stdout } = await statecraft(['run', file, '--data', data, '--out', out]);
    expect(code).toBe(2);
    expect(stdout).toMatch(/:3: error: dataset file .* resolves to .*outside the data folders/);
    expect(stdout).toContain(shown);
    expect(stdout).not.toContain(SECRET);
    expect(existsSync(join(out, 'results.json'))).toBe(false);
  });
});

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { read as readWorkbook, utils as sheetUtils } from '@e965/xlsx';
import { toCsv } from '../../scripts/demo/csv.ts';
import { buildDemo, CYBER_FILE, SANCTIONS_FILE, writeDemo } from '../../scripts/demo/generate.ts';
import { generateSanctions } from '../../scripts/demo/sanctions.ts';
import { checkSanctions } from '../../scripts/demo/sanctions-checks.ts';
import {
  DCID_ACHIEVED_SHARE,
  DCID_CONCESSION_SHARE,
  DCID_INCIDENTS,
  DCID_OBJECTIVE_COUNTS,
  SANCTIONS_EPISODES,
  TIES_CODED_EPISODES,
  TIES_OUTCOME_COUNTS,
} from '../../scripts/demo/targets.ts';
import { NativeEngine } from '../../src/engine/NativeEngine.ts';
import { literal } from '../../src/engine/sql.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = join(repoRoot, 'data');
const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');
const script = join(repoRoot, 'scripts', 'generate-demo.ts');

const temps: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'statecraft-demo-'));
  temps.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

describe('demo data generator', () => {
  it('regenerates the committed files byte for byte', async () => {
    const out = tempDir();
    await writeDemo(out, buildDemo());
    for (const name of [SANCTIONS_FILE, CYBER_FILE]) {
      const fresh = readFileSync(join(out, name));
      const committed = readFileSync(join(dataDir, name));
      expect(fresh.equals(committed), `${name} differs from data/${name}`).toBe(true);
    }
  });

  it('writes plain CSV: LF endings, no quoting, a final newline', () => {
    for (const name of [SANCTIONS_FILE, CYBER_FILE]) {
      const text = readFileSync(join(dataDir, name), 'utf8');
      expect(text.includes('\r')).toBe(false);
      expect(text.includes('"')).toBe(false);
      expect(text.endsWith('\n')).toBe(true);
      const widths = new Set(text.trimEnd().split('\n').map((line) => line.split(',').length));
      expect(widths.size).toBe(1);
    }
  });

  it('meets every calibration target with the committed seed', () => {
    const missed = buildDemo().checks.filter((c) => !c.ok);
    expect(missed).toEqual([]);
  });

  it('flags a missed target: the closed-embassy failure rate check fails when outcomes flip', () => {
    const rows = generateSanctions(2014, SANCTIONS_EPISODES);
    const flipped = rows.map((r) =>
      r.us_primary_sender && r.embassy_closed && !r.success && r.episode_id % 3 === 0
        ? { ...r, success: true, finaloutcome: 7 }
        : r,
    );
    const check = (rs: typeof rows) =>
      checkSanctions(rs).find((c) => c.name === 'US failure rate, embassy closed');
    expect(check(rows)?.ok).toBe(true);
    expect(check(flipped)?.ok).toBe(false);
  });

  it('the CLI exits 1 and writes nothing when a seed misses a target', () => {
    let seed = 1;
    while (buildDemo(seed).checks.every((c) => c.ok)) seed++;
    const out = tempDir();
    const run = spawnSync(tsx, [script, '--seed', String(seed), '--out', out], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^MISS /m);
    expect(run.stderr).toContain('Calibration missed');
    expect(readdirSync(out)).toEqual([]);
  });

  it('the CLI exits 0 and writes the committed files with the default seed', () => {
    const out = tempDir();
    const run = spawnSync(tsx, [script, '--out', out], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    const sanctions = readFileSync(join(out, SANCTIONS_FILE));
    expect(sanctions.equals(readFileSync(join(dataDir, SANCTIONS_FILE)))).toBe(true);
  });

  it('refuses CSV values that would need quoting', () => {
    expect(() => toCsv(['name'], [{ name: 'Korea, North' }])).toThrow(/quoting/);
    expect(toCsv(['a', 'b'], [{ a: true, b: 3 }])).toBe('a,b\ntrue,3\n');
  });
});

describe('demo data in DuckDB', () => {
  let engine: NativeEngine;
  const sanctions = `read_csv(${literal(join(dataDir, SANCTIONS_FILE))})`;
  const cyber = `read_csv(${literal(join(dataDir, CYBER_FILE))})`;
  const one = async (sql: string) => (await engine.query(sql)).rows[0];

  beforeAll(async () => {
    engine = await NativeEngine.create();
  });
  afterAll(async () => {
    await engine.close();
  });

  it('sniffs yes/no columns as BOOLEAN and codes as integers', async () => {
    const { rows } = await engine.query(`DESCRIBE SELECT * FROM ${sanctions}`);
    const types = Object.fromEntries(rows.map((r) => [r.column_name, r.column_type]));
    expect(types.embassy_closed).toBe('BOOLEAN');
    expect(types.success).toBe('BOOLEAN');
    expect(types.us_primary_sender).toBe('BOOLEAN');
    expect(types.finaloutcome).toBe('BIGINT');
    expect(types.target_region).toBe('VARCHAR');
  });

  it('has Maller’s failure rates among more than 100 US-led episodes', async () => {
    const { rows } = await engine.query(
      `SELECT embassy_closed, count(*) AS n, avg(CASE WHEN success THEN 0 ELSE 1 END) AS failure
       FROM ${sanctions} WHERE us_primary_sender GROUP BY embassy_closed ORDER BY embassy_closed`,
    );
    const [open, closed] = rows;
    expect(Number(open.n) + Number(closed.n)).toBeGreaterThanOrEqual(100);
    expect(Number(closed.n)).toBeGreaterThanOrEqual(80);
    expect(Math.abs(Number(closed.failure) - 0.73)).toBeLessThanOrEqual(0.03);
    expect(Math.abs(Number(open.failure) - 0.42)).toBeLessThanOrEqual(0.03);
  });

  it('follows TIES v4.1 outcome shares, and success and stage agree with finaloutcome', async () => {
    const total = Number((await one(`SELECT count(*) AS n FROM ${sanctions}`)).n);
    expect(total).toBeGreaterThanOrEqual(1000);
    expect(total).toBeLessThanOrEqual(1400);
    const { rows } = await engine.query(
      `SELECT finaloutcome, count(*) / ${total} AS share FROM ${sanctions} GROUP BY ALL`,
    );
    const shares = new Map(rows.map((r) => [Number(r.finaloutcome), Number(r.share)]));
    for (const [code, n] of TIES_OUTCOME_COUNTS) {
      expect(Math.abs((shares.get(code) ?? 0) - n / TIES_CODED_EPISODES), `code ${code}`).toBeLessThanOrEqual(0.03);
    }
    const contradictions = await one(
      `SELECT count(*) AS n FROM ${sanctions}
       WHERE success <> (finaloutcome IN (1, 2, 5, 6, 7, 10))
          OR (stage = 'imposed') <> (finaloutcome >= 6)`,
    );
    expect(Number(contradictions.n)).toBe(0);
  });

  it('cyber table: rare concessions, none after a disruption', async () => {
    const { rows } = await engine.query(
      `SELECT cyber_objective, count(*) AS n, count(*) FILTER (concession) AS conceded
       FROM ${cyber} GROUP BY ALL ORDER BY cyber_objective`,
    );
    const byObjective = new Map(rows.map((r) => [String(r.cyber_objective), r]));
    expect([...byObjective.keys()]).toEqual([
      'degrade',
      'disruption',
      'long-term espionage',
      'short-term espionage',
    ]);
    expect(Number(byObjective.get('disruption')?.conceded)).toBe(0);
    const n = rows.reduce((s, r) => s + Number(r.n), 0);
    const conceded = rows.reduce((s, r) => s + Number(r.conceded), 0);
    expect(n).toBeGreaterThanOrEqual(350);
    expect(n).toBeLessThanOrEqual(450);
    expect(Math.abs(conceded / n - 12 / 429)).toBeLessThanOrEqual(0.01);
    const byResponse = await one(
      `SELECT avg(CASE WHEN concession THEN 1 ELSE 0 END) FILTER (diplomatic_response) AS with_response,
              avg(CASE WHEN concession THEN 1 ELSE 0 END) FILTER (NOT diplomatic_response) AS without
       FROM ${cyber}`,
    );
    expect(Number(byResponse.with_response)).toBeGreaterThan(2 * Number(byResponse.without));
  });
});

describe('notebooks pin the files they were computed from', () => {
  const frontMatter = (file: string) => {
    const text = readFileSync(join(repoRoot, 'notebooks', file), 'utf8');
    const match = /^---\n([\s\S]*?)\n---\n/.exec(text);
    if (!match) throw new Error(`${file} has no front matter`);
    return parseYaml(match[1]) as { datasets: Record<string, { file: string; sha256?: string }> };
  };
  const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

  it('demo notebooks name the current demo CSV by sha256', () => {
    const expected = sha256(join(dataDir, SANCTIONS_FILE));
    for (const notebook of ['welcome.md', 'embassy-closure.md']) {
      const datasets = Object.values(frontMatter(notebook).datasets);
      expect(datasets.map((d) => d.file)).toEqual([SANCTIONS_FILE]);
      expect(datasets[0].sha256, notebook).toBe(expected);
    }
  });

  const shared = resolve(repoRoot, '../shared/datasets');
  const haveShared = existsSync(shared);
  if (!haveShared) console.warn(`Skipping real-dataset checks: ${shared} is absent`);

  describe.skipIf(!haveShared)('real-data notebooks', () => {
    it('pin the sha256 of the files in the shared datasets folder', () => {
      for (const notebook of ['ties-diplomacy.md', 'dcid-cyber.md']) {
        for (const dataset of Object.values(frontMatter(notebook).datasets)) {
          expect(dataset.sha256, `${notebook}: ${dataset.file}`).toBe(sha256(join(shared, dataset.file)));
        }
      }
    });

    const sheet = (file: string, index: number) => {
      const workbook = readWorkbook(readFileSync(join(shared, file)));
      const rows = sheetUtils.sheet_to_json<Record<string, unknown>>(
        workbook.Sheets[workbook.SheetNames[index]],
        { defval: null },
      );
      return rows;
    };
    const countBy = (rows: Record<string, unknown>[], column: string) => {
      const counts = new Map<string, number>();
      for (const row of rows) {
        const key = String(row[column]);
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      return counts;
    };

    it('calibration targets are TIES v4.1 aggregates', () => {
      const counts = countBy(sheet('TIESv4-1.xls', 0), 'finaloutcome');
      const coded = [...counts].filter(([code]) => code !== 'null').reduce((s, [, n]) => s + n, 0);
      expect(coded).toBe(TIES_CODED_EPISODES);
      for (const [code, n] of TIES_OUTCOME_COUNTS) expect(counts.get(String(code)), `code ${code}`).toBe(n);
    });

    it('calibration targets are DCID 2.0 incident aggregates', () => {
      const rows = sheet('DCID_2.0_Release_update_February_2023.xlsx', 0);
      expect(rows.length).toBe(DCID_INCIDENTS);
      const objectives = countBy(rows, 'cyber_objective');
      DCID_OBJECTIVE_COUNTS.forEach(([, n], i) => expect(objectives.get(String(i + 1))).toBe(n));
      expect(countBy(rows, 'Concession ').get('1')).toBe(Math.round(DCID_CONCESSION_SHARE * rows.length));
      expect(countBy(rows, 'objective_achievement').get('1')).toBe(
        Math.round(DCID_ACHIEVED_SHARE * rows.length),
      );
    });
  });
});

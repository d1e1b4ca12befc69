import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tableRows } from '../../src/cells/tables.ts';
import { checkCommand } from '../../src/cli/check.ts';
import { NativeEngine } from '../../src/engine/NativeEngine.ts';
import { cellKey } from '../../src/notebook/graph.ts';
import { cellsOf, parseNotebook } from '../../src/notebook/parse.ts';
import { tablesToPin } from '../../src/cells/registry.ts';
import { PIN_CELL, pinResults } from '../../src/notebook/pin.ts';
import { Session } from '../../src/notebook/Session.ts';

const FIXTURES = 'test/fixtures/notebooks';

let engine: NativeEngine | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await engine?.close();
  engine = undefined;
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function openSmall(): Promise<Session> {
  engine = await NativeEngine.create();
  const session = new Session(engine);
  await session.addFiles([
    new File([await readFile(`${FIXTURES}/episodes.csv`)], 'episodes.csv'),
    new File([await readFile(`${FIXTURES}/small.md`)], 'small.md'),
  ]);
  return session;
}

async function pinAll(session: Session, tolerance?: number): Promise<string> {
  const cells = cellsOf(session.runner.notebook);
  return pinResults(
    session.text,
    cells,
    (table) => session.read((e) => tableRows(e, table)),
    tolerance,
  );
}

function expectations(session: Session) {
  return cellsOf(session.runner.notebook).flatMap(
    (c) => session.runner.cells.get(cellKey(c))?.expectations ?? [],
  );
}

describe('pinResults', () => {
  it('says which tables each kind pins and which columns pick a row', async () => {
    const session = await openSmall();
    const plans = Object.fromEntries(
      cellsOf(session.runner.notebook).map((c) => [c.name ?? c.kind, tablesToPin(c)]),
    );
    expect(plans.recent).toEqual([]);
    expect(plans.by_embassy).toEqual([{ table: 'by_embassy', keys: ['embassy_closed'] }]);
    expect(plans.embassy_table!.map((p) => [p.table, p.keys])).toEqual([
      ['embassy_table', ['embassy_closed', 'success']],
      ['embassy_table_test', ['method']],
    ]);
    expect(plans.model!.map((p) => p.table)).toEqual(['model', 'model_fit']);
  });

  it('pins every result, and the notebook run again passes every expectation', async () => {
    const session = await openSmall();
    const pinned = await pinAll(session);
    await session.setText(pinned);
    expect(session.runner.succeeded).toBe(true);
    const cell = cellsOf(session.runner.notebook).find((c) => c.name === PIN_CELL);
    expect(cell?.kind).toBe('expect');
    const results = expectations(session).filter(
      (e) => e.table !== 'by_embassy' || e.tolerance !== 0.0001,
    );
    const tables = new Set(results.map((e) => e.table));
    expect([...tables].sort()).toEqual([
      'by_embassy',
      'embassy_table',
      'embassy_table_test',
      'model',
      'model_fit',
    ]);
    expect(results.every((e) => e.pass)).toBe(true);
    // Model terms carry estimate and std_error, picked by term.
    const intercept = results.filter((e) => e.table === 'model' && e.where.term === '(Intercept)');
    expect(intercept.map((e) => e.column)).toEqual([
      'estimate',
      'std_error',
      'statistic',
      'p_value',
    ]);
    expect(intercept[0]!.tolerance).toBe(1e-6);

    // The receipt holds for the command line too.
    const dir = await mkdtemp(join(tmpdir(), 'pin-'));
    dirs.push(dir);
    await copyFile(`${FIXTURES}/episodes.csv`, join(dir, 'episodes.csv'));
    await writeFile(join(dir, 'small.md'), pinned);
    const lines: string[] = [];
    expect(await checkCommand(join(dir, 'small.md'), [dir], (l) => lines.push(l))).toBe(0);
    expect(lines.join('\n')).toMatch(/REPRODUCED \(\d+ expectations\)/);
  });

  it('re-pinning updates the one pin cell, keeps an edited tolerance and catches a change', async () => {
    const session = await openSmall();
    const first = await pinAll(session);
    const edited = first.replace(/(by_embassy:\n {2}tolerance:) 0\.000001/, '$1 0.01');
    expect(edited).not.toBe(first);
    await session.setText(edited);
    const again = await pinAll(session);
    expect(again.match(/```expect pinned_results/g)).toHaveLength(1);
    expect(again).toContain('by_embassy:\n  tolerance: 0.01');
    expect(again).toContain('model:\n  tolerance: 0.000001');
    expect(parseNotebook(again).errors).toEqual([]);

    // Different data: the pinned numbers no longer hold.
    await session.setText(
      again.replace('WHERE year >= $from_year', 'WHERE year >= $from_year + 5'),
    );
    expect(expectations(session).some((e) => !e.pass)).toBe(true);
  });
});

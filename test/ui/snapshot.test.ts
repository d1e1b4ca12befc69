import { describe, expect, it } from 'vitest';
import type { CellState } from '../../src/notebook/state.ts';
import { missingFiles, snapshotCells } from '../../src/ui/snapshot.ts';

function state(key: string, patch: Partial<CellState> = {}): CellState {
  return {
    key,
    label: key,
    kind: 'sql',
    line: 1,
    status: 'ok',
    warnings: [],
    outputs: [],
    ...patch,
  };
}

describe('snapshotCells', () => {
  it('keeps the snapshot of an unchanged cell and copies a changed one', () => {
    const a = state('a');
    const b = state('b');
    const runner = new Map([
      ['a', a],
      ['b', b],
    ]);
    const first = snapshotCells(new Map(), runner);
    expect(first.get('a')).toEqual(a);
    expect(first.get('a')).not.toBe(a);
    expect(snapshotCells(first, runner)).toBe(first);

    // The runner assigns new field values in place, as Object.assign does.
    Object.assign(b, { status: 'running', outputs: [] });
    const second = snapshotCells(first, runner);
    expect(second).not.toBe(first);
    expect(second.get('a')).toBe(first.get('a'));
    expect(second.get('b')).not.toBe(first.get('b'));
    expect(second.get('b')!.status).toBe('running');
  });

  it('notices a removed cell and a field that appears', () => {
    const a = state('a');
    const first = snapshotCells(new Map(), new Map([['a', a]]));
    expect(snapshotCells(first, new Map()).size).toBe(0);
    a.blockedBy = 'x';
    expect(snapshotCells(first, new Map([['a', a]])).get('a')!.blockedBy).toBe('x');
  });
});

describe('missingFiles', () => {
  it('lists the named files nobody supplied, ignoring case', () => {
    expect(
      missingFiles(['Demo-Sanctions-Synthetic.csv', 'TIESv4-1.xls'], ['tiesv4-1.XLS', 'notes.md']),
    ).toEqual(['Demo-Sanctions-Synthetic.csv']);
  });
});

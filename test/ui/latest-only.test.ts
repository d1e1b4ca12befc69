import { describe, expect, it } from 'vitest';
import { keyedLatestOnly, latestOnly } from '../../src/ui/latest-only.ts';

function deferred() {
  let done!: () => void;
  const promise = new Promise<void>((resolve) => (done = resolve));
  return { promise, done };
}

describe('latestOnly', () => {
  it('applies the first value at once and only the newest of those that arrive meanwhile', async () => {
    const applied: number[] = [];
    const gates: ReturnType<typeof deferred>[] = [];
    const set = latestOnly(async (v: number) => {
      applied.push(v);
      const gate = deferred();
      gates.push(gate);
      await gate.promise;
    });
    const calls = [1945, 1950, 1955, 1960].map((v) => set(v));
    await Promise.resolve();
    expect(applied).toEqual([1945]);
    gates[0].done();
    await new Promise((r) => setTimeout(r, 0));
    expect(applied).toEqual([1945, 1960]);
    gates[1].done();
    await Promise.all(calls);
    expect(applied).toEqual([1945, 1960]);
  });

  it('passes a failure to the callers whose value it was, and keeps working', async () => {
    const set = latestOnly(async (v: number) => {
      if (v < 0) throw new Error(`bad ${v}`);
    });
    await expect(set(-1)).rejects.toThrow('bad -1');
    await expect(set(2)).resolves.toBeUndefined();
  });

  it('coalesces each key on its own', async () => {
    const applied: string[] = [];
    const set = keyedLatestOnly(async (key: string, v: number) => {
      applied.push(`${key}=${v}`);
      await new Promise((r) => setTimeout(r, 5));
    });
    await Promise.all([set('a', 1), set('b', 1), set('a', 2), set('a', 3), set('b', 2)]);
    expect(applied).toEqual(['a=1', 'b=1', 'a=3', 'b=2']);
  });
});

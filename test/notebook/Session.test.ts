import { afterEach, describe, expect, it } from 'vitest';
import { closeSmall, openSmall } from './small-session.ts';

afterEach(closeSmall);

describe('Session', () => {
  it('opens a notebook dropped together with its dataset and runs every cell', async () => {
    const session = await openSmall();
    expect(session.state).toBe('ready');
    const statuses = [...session.runner.cells.values()].map((c) => [c.key, c.status]);
    expect(statuses.every(([, s]) => s === 'ok')).toBe(true);
    const results = await session.results();
    expect((results.recent as unknown[]).length).toBe(16);
  });

  it('re-runs only the cells downstream of a changed input', async () => {
    const session = await openSmall();
    const before = new Map([...session.runner.cells.values()].map((c) => [c.key, c.signature]));
    const dataset = session.runner.datasets.get('episodes');
    await session.setInput('from_year', 1990);
    // The dataset is not read again for an input change.
    expect(session.runner.datasets.get('episodes')).toBe(dataset);
    const results = await session.results();
    expect((results.recent as unknown[]).length).toBe(8);
    const changed = [...session.runner.cells.values()]
      .filter((c) => c.signature !== before.get(c.key))
      .map((c) => c.key)
      .sort();
    expect(changed).toEqual(
      [
        '#6',
        '#7',
        'by_embassy',
        'embassy_table',
        'from_year',
        'model',
        'rates_chart',
        'recent',
      ].sort(),
    );
  });

  it('keeps other cells working when one cell breaks, and recovers when it is fixed', async () => {
    const session = await openSmall();
    await session.setCellSource('by_embassy', 'from: recent\noutcome: region\nby: embassy_closed');
    const rate = session.runner.cells.get('by_embassy')!;
    expect(rate.status).toBe('error');
    expect(rate.error!.message).toMatch(/region/);
    expect(session.runner.cells.get('rates_chart')!.status).toBe('stale');
    expect(session.runner.cells.get('model')!.status).toBe('ok');
    expect(session.text).toContain('outcome: region');
    await session.setCellSource('by_embassy', 'from: recent\noutcome: success\nby: embassy_closed');
    expect(session.runner.cells.get('rates_chart')!.status).toBe('ok');
  });

  it('re-runs nothing when nothing changed', async () => {
    const session = await openSmall();
    const ran = new Map([...session.runner.cells.values()].map((c) => [c.key, c.ms]));
    await session.setText(session.text);
    for (const c of session.runner.cells.values()) expect(c.ms, c.key).toBe(ran.get(c.key));
  });

  it("drops a deleted cell's table, so no cell can go on reading what the CLI would not have", async () => {
    const session = await openSmall();
    await session.setText(session.text.replace(/```crosstab embassy_table[^`]*```/, ''));
    const { rows } = await session.engine.query(
      "SELECT count(*) AS n FROM information_schema.tables WHERE table_name LIKE 'embassy_table%'",
    );
    expect(rows[0].n).toBe(0);
    expect(session.runner.cells.has('embassy_table')).toBe(false);
  });

  it('takes a new value: written in the notebook over the one the user had picked', async () => {
    const session = await openSmall();
    await session.setInput('from_year', 1990);
    expect(((await session.results()).recent as unknown[]).length).toBe(8);
    await session.setText(session.text.replace('value: 1970', 'value: 1995'));
    expect(session.runner.inputValue('from_year')).toBe(1995);
    expect(((await session.results()).recent as unknown[]).length).toBe(5);
  });
});

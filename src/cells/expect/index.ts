/**
 * The `expect` cell: values that result tables must have (a reproduction receipt). Its keys
 * are table names, so its body is checked as it is evaluated rather than against fixed keys.
 */
import { requireTable } from '../tables.ts';
import type { CellKindDef } from '../types.ts';
import { evaluateExpectations } from './evaluate.ts';
import type { ExpectSpec } from './spec.ts';

export const expectCell: CellKindDef<'expect', ExpectSpec> = {
  kind: 'expect',
  body: 'yaml',
  nameOptional: true,
  // Its keys are the pinned tables, its rows their values: the kind "Pin results" writes.
  template: (table) => `${table ?? 'my_table'}:\n  rows: []`,
  outputTables: () => [],
  tablesRead: (cell) => Object.keys(cell.spec).map((k) => k.toLowerCase()),
  async run(cell, ctx) {
    for (const table of Object.keys(cell.spec)) await requireTable(table, ctx);
    const expectations = await evaluateExpectations(ctx.engine, cell.spec);
    return { warnings: [], outputs: [], expectations };
  },
};

/**
 * The `input` cell: a control (select, range, checkbox, text) whose value SQL cells read as
 * `$name`. It makes no table; the runner keeps its current value.
 */
import type { CellKindDef } from '../types.ts';
import type { InputSpec } from './spec.ts';

export const inputCell: CellKindDef<'input', InputSpec> = {
  kind: 'input',
  body: 'yaml',
  spec: {
    required: ['type', 'value'],
    keys: {
      type: 'string',
      options: 'list',
      min: 'number',
      max: 'number',
      step: 'number',
      value: 'scalar',
      label: 'string',
    },
    check: checkInput,
  },
  newName: 'choice',
  template: () => 'type: range\nmin: 0\nmax: 10\nstep: 1\nvalue: 5',
  outputTables: () => [],
  tablesRead: () => [],
  run: async (cell, ctx) => {
    const value = ctx.inputs.get(cell.name!) ?? cell.spec.value;
    return { warnings: [], outputs: [], input: { spec: cell.spec, value } };
  },
};

/** The input cells among `cells`: the ones whose value the runner keeps and SQL reads. */
export function isInputCell<C extends { kind: string }>(
  cell: C,
): cell is Extract<C, { kind: 'input' }> {
  return cell.kind === inputCell.kind;
}

function checkInput(spec: Record<string, unknown>): string | undefined {
  const type = String(spec.type);
  if (!['select', 'range', 'checkbox', 'text'].includes(type)) {
    return `unknown input type "${type}"; use select, range, checkbox or text`;
  }
  if (type === 'select' && !Array.isArray(spec.options)) return 'a select input needs options';
  if (type === 'select' && !(spec.options as unknown[]).includes(spec.value)) {
    return `value ${JSON.stringify(spec.value)} is not one of the options`;
  }
  if (type === 'range') {
    if (typeof spec.min !== 'number' || typeof spec.max !== 'number') {
      return 'a range input needs min and max';
    }
    if (typeof spec.value !== 'number') return 'a range input needs a numeric value';
  }
  if (type === 'checkbox' && typeof spec.value !== 'boolean') {
    return 'a checkbox input needs value: true or false';
  }
  return undefined;
}

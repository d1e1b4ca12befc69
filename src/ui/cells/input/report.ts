/** An input cell in the HTML report. */
import type { InputSpec, InputValue } from '../../../cells/input/spec.ts';
import { formatValue } from '../../format.ts';
import { code, escapeHtml as e } from '../../report-tables.ts';

/** The value an input had when the report was made: the numbers depend on it. */
export function inputHtml(name: string, spec: InputSpec, value: InputValue): string {
  const range =
    spec.type === 'range'
      ? ` (from ${spec.min ?? '?'} to ${spec.max ?? '?'}${spec.step !== undefined ? `, step ${spec.step}` : ''})`
      : spec.type === 'select' && spec.options
        ? ` (one of ${spec.options.map((o) => String(o)).join(', ')})`
        : '';
  return (
    `<p class="input">${e(spec.label ?? name)} ${code(`$${name}`)}: ` +
    `<strong>${e(formatValue(value))}</strong>${e(range)}</p>`
  );
}

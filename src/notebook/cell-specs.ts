/**
 * The keys each YAML cell kind accepts, which are required, and what type they take. The
 * parser checks a body against this before anything runs, so a typo (`outcom:`) is an error
 * at its line rather than a confusing failure later.
 */
import { CHART_MARKS } from '../charts/spec.ts';
import { type CellKind } from './types.ts';

type KeyType = 'string' | 'number' | 'boolean' | 'columns' | 'pair' | 'scalar' | 'list' | 'level';

interface KindRule {
  required: string[];
  keys: Record<string, KeyType>;
  check?: (spec: Record<string, unknown>) => string | undefined;
}

export const SPEC_RULES: Record<Exclude<CellKind, 'sql' | 'expect'>, KindRule> = {
  rate: {
    required: ['from', 'outcome', 'by'],
    keys: { from: 'string', outcome: 'string', by: 'columns', level: 'level' },
  },
  crosstab: {
    required: ['from', 'rows', 'cols'],
    keys: { from: 'string', rows: 'string', cols: 'string' },
  },
  logit: {
    required: ['from', 'formula'],
    keys: { from: 'string', formula: 'string', level: 'level', predict: 'string' },
    check: (spec) =>
      String(spec.formula).includes('~') ? undefined : 'formula must look like "y ~ x1 + x2"',
  },
  chart: {
    required: ['from', 'mark'],
    keys: {
      from: 'string',
      mark: 'string',
      x: 'string',
      y: 'string',
      fill: 'string',
      stroke: 'string',
      fx: 'string',
      fy: 'string',
      ci: 'pair',
      title: 'string',
      caption: 'string',
    },
    check: (spec) =>
      (CHART_MARKS as readonly string[]).includes(String(spec.mark))
        ? undefined
        : `unknown mark "${String(spec.mark)}"; use one of ${CHART_MARKS.join(', ')}`,
  },
  input: {
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
};

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

/** Returns a message for a value of the wrong type, or undefined when it fits. */
export function checkKeyType(key: string, type: KeyType, value: unknown): string | undefined {
  const ok = (() => {
    switch (type) {
      case 'string':
        return typeof value === 'string' && value.length > 0;
      case 'number':
        return typeof value === 'number' && Number.isFinite(value);
      case 'boolean':
        return typeof value === 'boolean';
      case 'level':
        return typeof value === 'number' && value > 0 && value < 1;
      case 'columns':
        return (
          (typeof value === 'string' && value.length > 0) ||
          (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string'))
        );
      case 'pair':
        return (
          Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string')
        );
      case 'scalar':
        return ['string', 'number', 'boolean'].includes(typeof value);
      case 'list':
        return (
          Array.isArray(value) &&
          value.every((v) => ['string', 'number', 'boolean'].includes(typeof v))
        );
    }
  })();
  if (ok) return undefined;
  const expected: Record<KeyType, string> = {
    string: 'a non-empty text',
    number: 'a number',
    boolean: 'true or false',
    level: 'a confidence level between 0 and 1, like 0.95',
    columns: 'a column name or a list of column names',
    pair: 'a list of two column names [low, high]',
    scalar: 'a text, number or true/false',
    list: 'a list of values',
  };
  return `"${key}" must be ${expected[type]}`;
}

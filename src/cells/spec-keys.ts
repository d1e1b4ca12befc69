/**
 * The types of keys a YAML cell body may hold, and the check of a body against its kind's
 * rule. The parser runs it before anything runs, so a typo (`outcom:`) is an error at its line
 * rather than a confusing failure later.
 */
export type KeyType =
  | 'string'
  | 'number'
  | 'boolean'
  | 'columns'
  | 'pair'
  | 'scalar'
  | 'list'
  | 'level'
  | 'names'
  | 'levels'
  | 'grid';

/** The keys a kind accepts, which are required, and a last check of the whole spec. */
export interface SpecRule {
  required: string[];
  keys: Record<string, KeyType>;
  check?: (spec: Record<string, unknown>) => string | undefined;
}

/**
 * Reports the first problem of `spec` against `rule` through `fail`: an unknown key or a value
 * of the wrong type at its line, then missing keys and the kind's own check at the fence.
 */
export function checkSpec(
  kind: string,
  rule: SpecRule,
  spec: Record<string, unknown>,
  keyLines: Map<string, number>,
  line: number,
  fail: (message: string, at?: number) => void,
): void {
  for (const key of Object.keys(spec)) {
    const at = keyLines.get(key) ?? line;
    const type = rule.keys[key];
    if (!type) {
      fail(
        `Unknown key "${key}" in ${kind} cell (allowed: ${Object.keys(rule.keys).join(', ')})`,
        at,
      );
      return;
    }
    const problem = checkKeyType(key, type, spec[key]);
    if (problem) {
      fail(`${problem} in ${kind} cell`, at);
      return;
    }
  }
  const missing = rule.required.filter((k) => spec[k] === undefined);
  if (missing.length > 0) {
    fail(
      `The ${kind} cell is missing required key${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`,
    );
    return;
  }
  const problem = rule.check?.(spec);
  if (problem) fail(`${problem} in ${kind} cell`);
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
      case 'names':
        return (
          typeof value === 'object' &&
          value !== null &&
          !Array.isArray(value) &&
          Object.values(value).every((v) => typeof v === 'string' && v.length > 0)
        );
      case 'levels':
        return (
          typeof value === 'object' &&
          value !== null &&
          !Array.isArray(value) &&
          Object.values(value).every((v) => ['string', 'number', 'boolean'].includes(typeof v))
        );
      case 'grid':
        return (
          typeof value === 'object' &&
          value !== null &&
          !Array.isArray(value) &&
          Object.values(value).every(
            (v) =>
              Array.isArray(v) &&
              v.length > 0 &&
              v.every((x) => ['string', 'number', 'boolean'].includes(typeof x)),
          )
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
    names: 'a mapping of column names to texts, like {EU: EU sender}',
    levels: 'a mapping of column names to one of their values, like {region: Europe}',
    grid: 'a mapping of a column name to a list of its values, like {start_year: [1960, 1980, 2000]}',
  };
  return `"${key}" must be ${expected[type]}`;
}

/**
 * YAML bodies for the cells the engagement explorer writes: one `key: value` line per key,
 * plain where YAML reads the text back unchanged, double-quoted (JSON, which YAML accepts)
 * otherwise — so a column called `true` or `a: b` stays a string.
 */
import { parse } from 'yaml';

/** Characters a plain scalar may hold here (no `,[]{}`: lists are written in flow style). */
const PLAIN = /^[A-Za-z0-9_][A-Za-z0-9_ .;()%×'~+-]*$/;

export function yamlScalar(text: string): string {
  if (PLAIN.test(text) && !text.endsWith(' ')) {
    try {
      if (parse(text) === text) return text;
    } catch {
      // Not valid YAML on its own: quote it.
    }
  }
  return JSON.stringify(text);
}

export function yamlBody(spec: object): string {
  return Object.entries(spec)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]: [string, unknown]) => `${key}: ${yamlValue(value)}`)
    .join('\n');
}

function yamlValue(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(yamlValue).join(', ')}]`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return yamlScalar(String(value));
}

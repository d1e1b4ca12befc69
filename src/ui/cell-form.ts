/**
 * The form view of a cell whose kind has one (its fields are in src/ui/cells/<kind>). The YAML
 * body stays the one source of truth: the fields are read from it and every change is written
 * back into it one key at a time, leaving the other lines (and their comments) as the author
 * wrote them.
 */
import { messageOf } from '../shared/errors.ts';
import { isCollection, isMap, isScalar, parse, parseDocument } from 'yaml';
import { CELL_KINDS } from '../cells/registry.ts';
import { yamlScalar } from '../explorer/yaml.ts';
import { type CellKind } from '../notebook/types.ts';
import { isPlainFormula, parseFormula, rVariableName } from '../stats/logit/formula.ts';
import { uiKindOf } from './cells/registry.ts';
import { OUTCOME_KEY, PREDICTORS_KEY, type FieldDef, type FieldKind } from './cells/types.ts';
import type { Schema } from './editor/extensions.ts';

export type { FieldKind } from './cells/types.ts';
export { OUTCOME_KEY, PREDICTORS_KEY };
export type FieldValue = string | string[];

export interface FormField {
  /** The YAML key, or `formula.outcome` / `formula.predictors` for the parts of a formula. */
  key: string;
  label: string;
  kind: FieldKind;
  required: boolean;
  /** The choices of a `choice` field. */
  options?: readonly string[];
  /** '' or [] when the key is absent. */
  value: FieldValue;
}

export interface CellFormModel {
  fields: FormField[];
  /** The `from` table, whose columns the column fields offer. */
  from: string;
  /** Why the body cannot be shown as a form (it must be fixed as YAML first). */
  problem?: string;
}

/** Keys that no form may remove: required by every kind that has them. */
const REQUIRED = new Set([
  ...CELL_KINDS.flatMap((kind) => kind.spec?.required ?? []).filter((key) => key !== 'formula'),
  OUTCOME_KEY,
]);

const PLAIN_ONLY =
  "The form edits formulas of the form y ~ a + b; this one uses more of R's formula grammar " +
  '(interactions, transforms, factor(), no intercept): edit it in the YAML view.';

export function formFields(kind: CellKind, body: string): CellFormModel {
  const defs = uiKindOf(kind).form ?? [];
  const spec = readSpec(body);
  const empty = ({ choosesPredictor: _, ...def }: FieldDef): FormField => ({
    ...def,
    required: REQUIRED.has(def.key),
    value: def.kind === 'columns' || def.kind === 'pair' ? [] : '',
  });
  if (typeof spec === 'string') return { fields: defs.map(empty), from: '', problem: spec };
  let problem: string | undefined;
  let formula = { outcome: '', predictors: [] as string[] };
  const hasFormula = defs.some((def) => def.key === OUTCOME_KEY);
  if (hasFormula && typeof spec.formula === 'string') {
    try {
      const parsed = parseFormula(spec.formula);
      formula = parsed;
      // Writing outcome + predictors back would flatten a*b, log(x), - 1 into a + b.
      if (!isPlainFormula(parsed)) problem = PLAIN_ONLY;
    } catch (error) {
      problem = messageOf(error);
    }
  }
  const fields = defs.map((def): FormField => {
    const field = empty(def);
    if (def.key === OUTCOME_KEY) return { ...field, value: formula.outcome };
    if (def.key === PREDICTORS_KEY) return { ...field, value: formula.predictors };
    if (def.choosesPredictor) field.options = formula.predictors;
    const raw = spec[def.key];
    if (raw === undefined || raw === null) return field;
    if (def.kind === 'columns' || def.kind === 'pair') {
      return { ...field, value: (Array.isArray(raw) ? raw : [raw]).map(String) };
    }
    return { ...field, value: Array.isArray(raw) ? raw.map(String).join(', ') : String(raw) };
  });
  return { fields, from: typeof spec.from === 'string' ? spec.from : '', problem };
}

/** The choices for a column field: the table's columns, and the current value if it is not one. */
export function columnOptions(schema: Schema, table: string, current: FieldValue): string[] {
  const columns = schema[table] ?? [];
  const extra = (Array.isArray(current) ? current : [current]).filter(
    (value) => value !== '' && !columns.includes(value),
  );
  return [...columns, ...extra];
}

/** A logit formula as the format writes it: non-syntactic names in backticks, as in R. */
export function formatFormula(outcome: string, predictors: readonly string[]): string {
  const terms = predictors.filter((p) => p !== outcome).map(rVariableName);
  return `${rVariableName(outcome)} ~ ${terms.length > 0 ? terms.join(' + ') : '1'}`;
}

/**
 * Returns `body` with field `key` set to `value`: an empty value removes an optional key and
 * leaves a required one as it was (the form cannot unset what the cell needs).
 */
export function applyField(body: string, key: string, value: FieldValue): string {
  const isEmpty = Array.isArray(value) ? value.length === 0 : value.trim() === '';
  if (key === OUTCOME_KEY || key === PREDICTORS_KEY) return applyFormula(body, key, value);
  if (isEmpty) return REQUIRED.has(key) ? body : writeKey(body, key, undefined);
  if (Array.isArray(value)) {
    if (key === 'ci' && value.length !== 2) return body;
    const text = value.length === 1 && key !== 'ci' ? yamlScalar(value[0]) : flowList(value);
    return writeKey(body, key, text);
  }
  const trimmed = value.trim();
  const numeric = key === 'level' && /^(?:0?\.\d+|0|1)$/.test(trimmed);
  return writeKey(body, key, numeric ? trimmed : yamlScalar(trimmed));
}

function applyFormula(body: string, key: string, value: FieldValue): string {
  const spec = readSpec(body);
  let current = { outcome: '', predictors: [] as string[] };
  if (typeof spec !== 'string' && typeof spec.formula === 'string') {
    try {
      current = parseFormula(spec.formula);
    } catch {
      // An unreadable formula is replaced by what the form holds.
    }
  }
  const outcome = key === OUTCOME_KEY ? String(value).trim() : current.outcome;
  if (outcome === '') return body;
  const predictors = key === PREDICTORS_KEY ? (value as string[]) : current.predictors;
  const kept = predictors.filter((p) => p !== outcome);
  let next = writeKey(body, 'formula', yamlScalar(formatFormula(outcome, kept)));
  const predict = typeof spec === 'string' ? undefined : spec.predict;
  if (typeof predict === 'string' && !kept.includes(predict)) {
    next = writeKey(next, 'predict', undefined);
  }
  return next;
}

function flowList(values: readonly string[]): string {
  return `[${values.map(yamlScalar).join(', ')}]`;
}

function readSpec(body: string): Record<string, unknown> | string {
  try {
    const value: unknown = parse(body);
    if (value === null || value === undefined) return {};
    if (typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // Reported below.
  }
  return 'The YAML cannot be read as keys and values; fix it in the YAML view first.';
}

/**
 * Replaces the value of a top-level key (or removes the key when `text` is undefined, or
 * appends it when absent). notebook/edit.ts's setYamlKey rewrites only one line and only
 * scalars; this also handles block lists and keeps a comment after a one-line value.
 */
function writeKey(body: string, key: string, text: string | undefined): string {
  const doc = parseDocument(body);
  const pair = isMap(doc.contents)
    ? doc.contents.items.find((p) => isScalar(p.key) && p.key.value === key)
    : undefined;
  if (!pair || !isScalar(pair.key) || !pair.key.range) {
    if (text === undefined) return body;
    const rest = body.replace(/\n+$/, '');
    return rest === '' ? `${key}: ${text}` : `${rest}\n${key}: ${text}`;
  }
  const start = body.lastIndexOf('\n', pair.key.range[0] - 1) + 1;
  const node = pair.value;
  let end = pair.key.range[1];
  if (node && typeof node === 'object' && 'range' in node && node.range) {
    end = node.range[1];
    // A block list's range runs to the next key; stop at its last written character.
    if (isCollection(node) && !node.flow) end = start + body.slice(start, end).trimEnd().length;
  }
  if (text !== undefined) return `${body.slice(0, start)}${key}: ${text}${body.slice(end)}`;
  const lineEnd = body.indexOf('\n', end);
  if (lineEnd >= 0) return body.slice(0, start) + body.slice(lineEnd + 1);
  return body.slice(0, Math.max(0, start - 1));
}

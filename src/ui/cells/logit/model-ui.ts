/**
 * The page's side of the binomial model cells (logit, probit): one view, one form and one
 * report part, the probit's without odds ratios and without `method`.
 */
import {
  OUTCOME_KEY,
  PREDICTORS_KEY,
  type CellOfKind,
  type FieldDef,
  type UiCellKind,
} from '../types.ts';
import type { Component } from 'svelte';
import type { CellViewProps } from '../types.ts';
import type { BinomialStyle } from './layout.ts';
import { logitTablesHtml } from './report.ts';

type ModelCell = CellOfKind<'logit'> | CellOfKind<'probit'>;

/** The `se:` choices, as the form offers them (`model` is the default). */
const SE_CHOICES = ['model', 'HC0', 'HC1', 'HC2', 'HC3', 'stata', 'cluster'] as const;

export function modelForm(withMethod: boolean): FieldDef[] {
  return [
    { key: 'from', label: 'Table', kind: 'table' },
    { key: OUTCOME_KEY, label: 'Outcome', kind: 'column' },
    { key: PREDICTORS_KEY, label: 'Predictors', kind: 'columns' },
    { key: 'predict', label: 'Predicted rates by', kind: 'choice', choosesPredictor: true },
    { key: 'se', label: 'Standard errors', kind: 'choice', options: SE_CHOICES },
    { key: 'cluster', label: 'Cluster column', kind: 'column' },
    { key: 'weights', label: 'Weights column', kind: 'column' },
    ...(withMethod
      ? [{ key: 'method', label: 'Method', kind: 'choice' as const, options: ['ml', 'firth'] }]
      : []),
    { key: 'level', label: 'Confidence level', kind: 'text' },
  ];
}

/** A binomial kind's page side, from its own view, style and whether it has `method:`. */
export function modelUi<C extends ModelCell>(kind: {
  View: Component<CellViewProps<C>>;
  style: BinomialStyle;
  withMethod: boolean;
}): UiCellKind<C> {
  return {
    View: kind.View,
    form: modelForm(kind.withMethod),
    report(cell, state, output) {
      const result = output('');
      if (!result) return '';
      return logitTablesHtml(
        result,
        output('_fit'),
        output('_predicted'),
        cell.spec,
        output('_missing'),
        state.warnings,
        kind.style,
      );
    },
  };
}

/**
 * The `se:` choices: `model` is summary.glm's; the others are sandwich estimators (sandwich.ts).
 * A module of its own so that checking a cell's keys does not load the fitting code.
 */
export const SE_TYPES = ['model', 'HC0', 'HC1', 'HC2', 'HC3', 'stata', 'cluster'] as const;
export type SeType = (typeof SE_TYPES)[number];

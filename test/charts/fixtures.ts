/**
 * Invented chart inputs, shaped like what rate cells and sql cells produce (no rows from
 * any real dataset). Intervals are Wilson score intervals of the invented counts.
 */
import type { Row } from '../../src/engine/Engine.ts';

const Z95 = 1.959963984540054;

/** Wilson score interval for k successes out of n. */
export function wilson(k: number, n: number, z = Z95): [number, number] {
  const p = k / n;
  const denom = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denom;
  return [centre - half, centre + half];
}

function rateRow(group: Record<string, string>, successes: number, n: number): Row {
  const [ci_low, ci_high] = wilson(successes, n);
  return { ...group, n, successes, rate: successes / n, ci_low, ci_high };
}

/** Success rate of sanction episodes by engagement level (row order = level order). */
export const byEngagement: Row[] = [
  rateRow({ engagement: 'none' }, 31, 142),
  rateRow({ engagement: 'low' }, 40, 118),
  rateRow({ engagement: 'medium' }, 37, 81),
  rateRow({ engagement: 'high' }, 29, 47),
];

/** The same, split by whether a diplomatic track ran alongside. */
export const byEngagementAndDiplomatic: Row[] = [
  rateRow({ engagement: 'none', diplomatic: 'no' }, 19, 101),
  rateRow({ engagement: 'none', diplomatic: 'yes' }, 12, 41),
  rateRow({ engagement: 'low', diplomatic: 'no' }, 22, 77),
  rateRow({ engagement: 'low', diplomatic: 'yes' }, 18, 41),
  rateRow({ engagement: 'high', diplomatic: 'no' }, 11, 26),
  rateRow({ engagement: 'high', diplomatic: 'yes' }, 18, 21),
];

/** Episodes per sender (counts, not rates), with long names. */
export const bySender: Row[] = [
  { sender: 'United States of America', episodes: 612 },
  { sender: 'European Union', episodes: 208 },
  { sender: 'United Nations Security Council', episodes: 131 },
  { sender: 'United Kingdom', episodes: 74 },
  { sender: 'Canada', episodes: 35 },
];

/** Cyber incidents per year and target region; DATE values as the engines emit them. */
export const incidentsByYear: Row[] = [];
for (let year = 2010; year <= 2019; year++) {
  for (const [i, region] of ['Europe', 'Asia', 'Americas'].entries()) {
    incidentsByYear.push({
      year: `${year}-01-01`,
      region,
      incidents: 4 + ((year * 7 + i * 5) % 11) + (year - 2010),
    });
  }
}

/** Sanction durations (years) of individual episodes by sender type. */
export const durations: Row[] = [
  ['state', 1.5],
  ['state', 3],
  ['state', 0.5],
  ['state', 7],
  ['state', 2.25],
  ['international organization', 4],
  ['international organization', 9.5],
  ['international organization', 6],
  ['international organization', 12],
].map(([sender_type, duration]) => ({ sender_type, duration }));

const Z = 1.959963984540054;

/**
 * A logit's coefficient table as the logit cell writes it (invented estimates), in the
 * cell's row order: intercept first, then the terms as the formula names them.
 */
export const logitTerms: Row[] = (
  [
    ['(Intercept)', -0.62, 0.21],
    ['embassy_closed', 0.84, 0.24],
    ['target_costs', -0.31, 0.12],
    ['target_regionAsia', 0.12, 0.28],
    ['target_regionEurope', -0.45, 0.3],
    ['democracy', 0.05, 0.02],
  ] as const
).map(([term, estimate, std_error]) => ({
  term,
  estimate,
  std_error,
  conf_low: estimate - Z * std_error,
  conf_high: estimate + Z * std_error,
  odds_ratio: Math.exp(estimate),
  or_low: Math.exp(estimate - Z * std_error),
  or_high: Math.exp(estimate + Z * std_error),
}));

/** A predicted-probability curve over start year with its interval (`<margins>_curve`). */
export const predictedCurve: Row[] = [1960, 1970, 1980, 1990, 2000, 2010].map((start_year, i) => {
  const predicted = 0.25 + 0.07 * i;
  const std_error = 0.03 + 0.004 * Math.abs(i - 2.5);
  return {
    start_year,
    predicted,
    std_error,
    lower: predicted - Z * std_error,
    upper: predicted + Z * std_error,
  };
});

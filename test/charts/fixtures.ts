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

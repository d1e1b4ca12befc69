/**
 * Exact quotas. Drawing outcomes independently would leave the calibrated shares at the mercy
 * of sampling noise (±5 points for a group of 100). Instead the generator fixes how many rows
 * of a group get each outcome and lets a latent logit score decide which rows: a threshold
 * model whose intercept is chosen so the group's count comes out exactly.
 */

/** Splits `total` into integer counts proportional to `shares` (largest remainder method). */
export function quotaCounts<K extends string | number>(
  total: number,
  shares: ReadonlyArray<readonly [K, number]>,
): Map<K, number> {
  const sum = shares.reduce((s, [, w]) => s + w, 0);
  const exact = shares.map(([key, w]) => ({ key, value: (total * w) / sum }));
  const counts = new Map(exact.map(({ key, value }) => [key, Math.floor(value)]));
  let left = total - [...counts.values()].reduce((s, c) => s + c, 0);
  const byRemainder = exact
    .map((e, order) => ({ ...e, order, rest: e.value - Math.floor(e.value) }))
    .sort((a, b) => b.rest - a.rest || a.order - b.order);
  for (const e of byRemainder) {
    if (left === 0) break;
    counts.set(e.key, (counts.get(e.key) ?? 0) + 1);
    left--;
  }
  return counts;
}

/** Positions (into `scores`) of the `k` highest scores; ties go to the earlier position. */
export function topK(scores: readonly number[], k: number): Set<number> {
  const order = scores
    .map((score, i) => ({ score, i }))
    .sort((a, b) => b.score - a.score || a.i - b.i);
  return new Set(order.slice(0, k).map((e) => e.i));
}

/**
 * Deals labels to `members` in exact numbers: the members with the highest scores get the
 * first label, the next ones the second, and so on.
 */
export function dealByScore<K>(
  members: readonly number[],
  scores: ReadonlyMap<number, number>,
  counts: ReadonlyArray<readonly [K, number]>,
): Map<number, K> {
  const ordered = [...members].sort((a, b) => (scores.get(b) ?? 0) - (scores.get(a) ?? 0) || a - b);
  const out = new Map<number, K>();
  let at = 0;
  for (const [label, count] of counts) {
    for (let j = 0; j < count; j++) out.set(ordered[at++], label);
  }
  if (at !== ordered.length) throw new Error(`Quotas cover ${at} of ${ordered.length} members`);
  return out;
}

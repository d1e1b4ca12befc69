/**
 * Wilson score interval without continuity correction, written exactly as R's prop.test
 * (correct = FALSE) computes `conf.int`, including its exact 0 and 1 at the edges.
 */
export function wilsonInterval(
  successes: number,
  n: number,
  z: number,
): { lower: number; upper: number } {
  const estimate = successes / n;
  const z22n = (z * z) / (2 * n);
  const spread = z * Math.sqrt((estimate * (1 - estimate)) / n + z22n / (2 * n));
  const upper = estimate >= 1 ? 1 : (estimate + z22n + spread) / (1 + 2 * z22n);
  const lower = estimate <= 0 ? 0 : (estimate + z22n - spread) / (1 + 2 * z22n);
  return { lower: Math.max(lower, 0), upper: Math.min(upper, 1) };
}

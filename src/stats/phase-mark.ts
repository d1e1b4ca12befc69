/**
 * Marks a phase of a logit fit (`statecraft:logit:<phase>`) for the benchmark to say where the
 * time went (bench/figures/logit.ts); performance.mark exists in Node and the browser and costs
 * nothing that shows.
 */
export function markLogitPhase(phase: string): void {
  globalThis.performance?.mark(`statecraft:logit:${phase}`);
}

import type { Browser } from 'playwright-core';
import type { Site } from '../build.ts';

/** A figure's reference, measured in the same bench run. */
export interface Reference {
  label: string;
  unit: string;
  median: number | null;
  runs: number[];
  /** Why there is no measurement, when there is none. */
  unavailable?: string;
}

export interface FigureResult {
  id: string;
  title: string;
  unit: string;
  /** Median of `runs`; null when the figure could not be measured. */
  value: number | null;
  runs: number[];
  references: Reference[];
  /** The ratio the target speaks of (value / first reference, or as the figure defines it). */
  ratio: number | null;
  target: string;
  /** Whether the target is met; null when it cannot be judged. */
  pass: boolean | null;
  unavailable?: string;
  /** Anything else worth keeping: sizes, per-step times, consistency checks. */
  details: Record<string, unknown>;
}

export interface BenchContext {
  site: Site;
  /** The local server's URL for the site root, ending in `/`. */
  url: string;
  browser(): Promise<Browser>;
  /** Temp folder of this bench run (generated data). */
  tmp: string;
  /** Rscript's path, or null when R is not installed. */
  rscript: string | null;
  log(line: string): void;
}

export interface Figure {
  id: string;
  title: string;
  /** Runs when --runs is not given: fewer for the slow figures. */
  defaultRuns: number;
  run(ctx: BenchContext, runs: number): Promise<FigureResult>;
}

/** Result of a figure that could not be measured at all. */
export function unavailableResult(
  figure: Pick<Figure, 'id' | 'title'>,
  unit: string,
  target: string,
  reason: string,
): FigureResult {
  return {
    id: figure.id,
    title: figure.title,
    unit,
    value: null,
    runs: [],
    references: [],
    ratio: null,
    target,
    pass: null,
    unavailable: reason,
    details: {},
  };
}

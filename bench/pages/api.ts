/**
 * What the bench pages expose to the Node side (bench/figures/*). Types only: the pages and the
 * figures import this file, so both sides agree on the shapes that cross page.evaluate().
 */
import type { QueryResult } from '../../src/engine/Engine.ts';
import type { CellTables } from '../../src/shared/table-data.ts';
import type { LogitSpec } from '../../src/stats/logit/run-logit.ts';
import type { RateSpec } from '../../src/stats/rate.ts';

export interface Timed<T> {
  /** Milliseconds measured inside the page with performance.now(). */
  ms: number;
  value: T;
}

export interface LoadSummary {
  rows: number;
  bytes: number;
  /** Milliseconds from the start of the load to the first progress event of each phase. */
  phases: Record<string, number>;
}

/** bench.html: the project's stats and ingest code on DuckDB-WASM, nothing else. */
export interface BenchApi {
  /** Resolves with DuckDB's version once the engine is up. */
  ready(): Promise<string>;
  exec(sql: string): Promise<Timed<null>>;
  query(sql: string): Promise<QueryResult>;
  rate(spec: RateSpec): Promise<Timed<CellTables>>;
  logit(spec: LogitSpec): Promise<Timed<CellTables>>;
  /** loadFile() on the file picked in [data-testid=file-input]. */
  loadPicked(table: string): Promise<Timed<LoadSummary>>;
}

/** session.html: a notebook Session plus Observable Plot, as the app drives them, without UI. */
export interface SessionApi {
  /** Opens the picked notebook and data files; resolves with the time until the chart is drawn. */
  openPicked(): Promise<Timed<number>>;
  /** Sets an input and redraws the chart; the time covers the re-run and the redraw. */
  change(input: string, value: number): Promise<Timed<number>>;
}

/** floor.html: DuckDB-WASM started and one query run, the lower bound of any cold start. */
export interface FloorResult {
  /** performance.now() when the query's rows arrived (milliseconds since navigation start). */
  doneAt: number;
  version: string;
}

/** One bar of the welcome notebook's first chart: the rate cell's row for one group. */
export interface SameWorkRow {
  embassy_closed: boolean | null;
  n: number;
  successes: number;
  rate: number;
  lower: number;
  upper: number;
}

/** same-work.html: the welcome notebook's first chart made by hand (DuckDB-WASM + Plot). */
export interface SameWorkResult {
  /** performance.now() when the chart's svg was in the DOM (ms since navigation start). */
  drawnAt: number;
  rows: SameWorkRow[];
  /** Bars (rect elements of Plot's barY mark) in the chart. */
  bars: number;
}

/** bare.html: DuckDB-WASM with its defaults and one connection, for the memory reference. */
export interface BareApi {
  ready(): Promise<void>;
  /** Runs one statement; its rows as plain objects (BigInt values as DuckDB gives them). */
  exec(sql: string): Promise<Record<string, unknown>[]>;
  /** Registers the file picked in [data-testid=file-input] under its name; returns the name. */
  registerPicked(): Promise<string>;
}

export interface BenchWindow {
  bench: BenchApi;
  benchSession: SessionApi;
  bare: BareApi;
  floor?: FloorResult;
  floorError?: string;
  sameWork?: SameWorkResult;
  sameWorkError?: string;
  /** Set by the cold-start observer (see figures/cold-start.ts). */
  coldStartAt?: number;
  /** When #app first showed each data-state, by the same observer. */
  coldStartStates?: Record<string, number>;
}

/**
 * Calibration targets of the synthetic tables, each with its source. The generator checks its
 * output against every target and refuses to write files that miss one; docs/demo-data.md
 * lists the same targets for readers.
 */

export const MALLER_2013 =
  'Maller, "Enhancing the Cyberdiplomacy Arsenal", MIT PhD dissertation, 2013: failure rates of US sanctions episodes by whether the US had closed its embassy in the target';
export const TIES_V41 =
  'TIES v4.1 (Morgan, Bapat & Kobayashi 2014), 1,024 episodes with a coded finaloutcome; aggregate shares computed from TIESv4-1.xls';
export const DCID_V2 =
  'DCID 2.0 incidents sheet (Maness et al. 2022), 429 incidents; aggregate shares computed from DCID_2.0_Release_update_February_2023.xlsx';

export const SANCTIONS_EPISODES = 1240;

/** Failure rates of US-led episodes by embassy closure (Maller 2013). */
export const US_FAILURE_EMBASSY_CLOSED = 0.73;
export const US_FAILURE_EMBASSY_OPEN = 0.42;
export const RATE_TOLERANCE = 0.03;
export const MIN_US_EPISODES = 100;
/** Enough closed-embassy episodes for an interval narrower than about ±0.1. */
export const MIN_US_EMBASSY_CLOSED = 80;

/**
 * TIES v4.1 episodes by finaloutcome (counts among the 1,024 coded episodes). Codes 1–5 end
 * in the threat stage, 6–10 after imposition; 1, 2, 5, 6, 7 and 10 count as success.
 */
export const TIES_OUTCOME_COUNTS: ReadonlyArray<readonly [number, number]> = [
  [1, 56],
  [2, 146],
  [3, 188],
  [4, 23],
  [5, 60],
  [6, 61],
  [7, 121],
  [8, 166],
  [9, 71],
  [10, 132],
];
export const TIES_CODED_EPISODES = 1024;
export const SUCCESS_CODES: readonly number[] = [1, 2, 5, 6, 7, 10];
export const SHARE_TOLERANCE = 0.03;

/** The embassy effect must survive the controls of the welcome notebook's logit… */
export const MIN_ADJUSTED_Z = 2.5;
/** …but shrink: the adjusted odds ratio at most this fraction of the raw one. */
export const MAX_ADJUSTED_OR_FRACTION = 0.85;

export const CYBER_INCIDENTS = 400;
/** DCID 2.0 incidents by cyber_objective (1 disruption … 4 degrade). */
export const DCID_OBJECTIVE_COUNTS: ReadonlyArray<readonly [string, number]> = [
  ['disruption', 120],
  ['short-term espionage', 132],
  ['long-term espionage', 131],
  ['degrade', 46],
];
export const DCID_INCIDENTS = 429;
/** DCID 2.0: 12 of 429 incidents end in a concession, 368 achieve their objective. */
export const DCID_CONCESSION_SHARE = 12 / 429;
export const DCID_ACHIEVED_SHARE = 368 / 429;
/** DCID 2.0: 96 of 429 incidents come with an information operation. */
export const DCID_INFO_OP_SHARE = 96 / 429;
export const CONCESSION_TOLERANCE = 0.01;
/** DCID 2.0 has no concession after a disruption; the demo keeps that (separation in a logit). */
export const NEVER_CONCEDED_OBJECTIVE = 'disruption';

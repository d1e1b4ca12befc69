import type { Engine } from '../../engine/Engine.ts';
import { ident } from '../../engine/sql.ts';
import { REPRESENTATION } from './cow.ts';
import { labelCase } from './kit.ts';

/**
 * The "was there an embassy" helper: for each TIES episode, the representation the sender
 * had in the target and the target in the sender, in the last Diplomatic Exchange sample year
 * at or before the episode's start year (an ASOF join; the data set is sampled every ~5 years).
 * The sender is `primarysender`, or `sender1` when no primary sender is coded.
 */
export async function createTiesDiplomaticView(
  engine: Engine,
  ties: string,
  diplomatic: string,
): Promise<string> {
  const view = `${ties}_diplomatic`;
  const num = (column: string): string => `CAST(TRY_CAST(${ident(column)} AS DOUBLE) AS INTEGER)`;
  const level = (expr: string): string => labelCase(expr, REPRESENTATION);
  await engine.exec(`CREATE OR REPLACE VIEW ${ident(view)} AS
WITH episodes AS (
  SELECT ${ident('caseid')} AS caseid,
    ${num('startyear')} AS startyear,
    coalesce(${num('primarysender')}, ${num('sender1')}) AS sender,
    ${num('targetstate')} AS target
  FROM ${ident(ties)}
), dyads AS (
  SELECT ${num('ccode1')} AS ccode1, ${num('ccode2')} AS ccode2, ${num('year')} AS year,
    ${num('DR_at_1')} AS dr_at_1, ${num('DR_at_2')} AS dr_at_2, ${num('DE')} AS de
  FROM ${ident(diplomatic)}
)
SELECT e.caseid, e.startyear, e.sender, e.target,
  d.year AS dipex_year,
  e.startyear - d.year AS dipex_gap_years,
  d.dr_at_2 AS sender_rep_in_target,
  ${level('d.dr_at_2')} AS sender_rep_in_target_label,
  d.dr_at_1 AS target_rep_in_sender,
  ${level('d.dr_at_1')} AS target_rep_in_sender_label,
  CASE WHEN d.dr_at_2 IN (0, 1, 2, 3) THEN d.dr_at_2 = 3 END AS sender_embassy_in_target,
  CASE WHEN d.dr_at_1 IN (0, 1, 2, 3) THEN d.dr_at_1 = 3 END AS target_embassy_in_sender,
  CASE WHEN d.dr_at_2 IN (0, 1, 2, 3) THEN d.dr_at_2 > 0 END AS sender_mission_in_target,
  CASE WHEN d.dr_at_1 IN (0, 1, 2, 3) THEN d.dr_at_1 > 0 END AS target_mission_in_sender,
  d.de = 1 AS exchange
FROM episodes e
ASOF LEFT JOIN dyads d ON d.ccode1 = e.sender AND d.ccode2 = e.target AND d.year <= e.startyear
ORDER BY e.caseid`);
  return view;
}

import { atLeast, atMost, between, share, within, type Check } from './checks.ts';
import { fitLogit } from './logit.ts';
import type { SanctionEpisode } from './sanctions.ts';
import {
  MALLER_2013,
  MAX_ADJUSTED_OR_FRACTION,
  MIN_ADJUSTED_Z,
  MIN_US_EMBASSY_CLOSED,
  MIN_US_EPISODES,
  RATE_TOLERANCE,
  SHARE_TOLERANCE,
  SUCCESS_CODES,
  TIES_CODED_EPISODES,
  TIES_OUTCOME_COUNTS,
  TIES_V41,
  US_FAILURE_EMBASSY_CLOSED,
  US_FAILURE_EMBASSY_OPEN,
} from './targets.ts';

const DESIGN = 'generator design (docs/demo-data.md)';

export function checkSanctions(rows: readonly SanctionEpisode[]): Check[] {
  const us = rows.filter((r) => r.us_primary_sender);
  const closed = us.filter((r) => r.embassy_closed);
  const open = us.filter((r) => !r.embassy_closed);
  const failed = (r: SanctionEpisode) => !r.success;
  const tiesShare = (codes: (code: number) => boolean) =>
    TIES_OUTCOME_COUNTS.filter(([c]) => codes(c)).reduce((s, [, n]) => s + n, 0) /
    TIES_CODED_EPISODES;

  const checks: Check[] = [
    between('episodes', rows.length, 1000, 1400, DESIGN),
    atLeast('US-led episodes', us.length, MIN_US_EPISODES, MALLER_2013),
    atLeast(
      'US-led episodes with the embassy closed',
      closed.length,
      MIN_US_EMBASSY_CLOSED,
      DESIGN,
    ),
    within(
      'US failure rate, embassy closed',
      share(closed, failed),
      US_FAILURE_EMBASSY_CLOSED,
      RATE_TOLERANCE,
      MALLER_2013,
    ),
    within(
      'US failure rate, embassy open',
      share(open, failed),
      US_FAILURE_EMBASSY_OPEN,
      RATE_TOLERANCE,
      MALLER_2013,
    ),
    within(
      'success share',
      share(rows, (r) => r.success),
      tiesShare((c) => SUCCESS_CODES.includes(c)),
      SHARE_TOLERANCE,
      TIES_V41,
    ),
    within(
      'imposed share',
      share(rows, (r) => r.stage === 'imposed'),
      tiesShare((c) => c >= 6),
      SHARE_TOLERANCE,
      TIES_V41,
    ),
    ...TIES_OUTCOME_COUNTS.map(([code, n]) =>
      within(
        `finaloutcome ${code} share`,
        share(rows, (r) => r.finaloutcome === code),
        n / TIES_CODED_EPISODES,
        SHARE_TOLERANCE,
        TIES_V41,
      ),
    ),
    atMost(
      'rows whose success or stage contradicts finaloutcome',
      rows.filter(
        (r) =>
          r.success !== SUCCESS_CODES.includes(r.finaloutcome) ||
          (r.stage === 'imposed') !== r.finaloutcome >= 6,
      ).length,
      0,
      TIES_V41,
    ),
    ...adjustedEmbassyChecks(us),
  ];
  return checks;
}

/**
 * The welcome notebook's model among US-led episodes:
 * failed ~ embassy_closed + target_costs + multilateral + institution_involved + target_regime + start_year.
 */
function adjustedEmbassyChecks(us: readonly SanctionEpisode[]): Check[] {
  const y = us.map((r) => !r.success);
  const raw = fitLogit(
    us.map((r) => [1, +r.embassy_closed]),
    y,
  );
  const adjusted = fitLogit(
    us.map((r) => [
      1,
      +r.embassy_closed,
      r.target_costs,
      +r.multilateral,
      +r.institution_involved,
      +(r.target_regime === 'anocracy'),
      +(r.target_regime === 'autocracy'),
      (r.start_year - 1975) / 10,
    ]),
    y,
  );
  const rawOr = Math.exp(raw.coefficients[1]);
  const adjustedOr = Math.exp(adjusted.coefficients[1]);
  return [
    atLeast(
      'embassy effect z with controls',
      adjusted.coefficients[1] / adjusted.standardErrors[1],
      MIN_ADJUSTED_Z,
      DESIGN,
    ),
    atMost(
      'adjusted / raw embassy odds ratio',
      adjustedOr / rawOr,
      MAX_ADJUSTED_OR_FRACTION,
      DESIGN,
    ),
    atLeast('adjusted embassy odds ratio', adjustedOr, 1, DESIGN),
  ];
}

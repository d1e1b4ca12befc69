import { atLeast, atMost, between, share, within, type Check } from './checks.ts';
import type { CyberIncident } from './cyber.ts';
import {
  CONCESSION_TOLERANCE,
  DCID_ACHIEVED_SHARE,
  DCID_CONCESSION_SHARE,
  DCID_INCIDENTS,
  DCID_INFO_OP_SHARE,
  DCID_OBJECTIVE_COUNTS,
  DCID_V2,
  NEVER_CONCEDED_OBJECTIVE,
  SHARE_TOLERANCE,
} from './targets.ts';

const DESIGN = 'generator design (docs/demo-data.md)';

export function checkCyber(rows: readonly CyberIncident[]): Check[] {
  const conceded = (r: CyberIncident) => r.concession;
  const rate = (subset: readonly CyberIncident[]) => share(subset, conceded);
  return [
    between('incidents', rows.length, 350, 450, DESIGN),
    ...DCID_OBJECTIVE_COUNTS.map(([objective, n]) =>
      within(
        `${objective} share`,
        share(rows, (r) => r.cyber_objective === objective),
        n / DCID_INCIDENTS,
        SHARE_TOLERANCE,
        DCID_V2,
      ),
    ),
    within('concession share', rate(rows), DCID_CONCESSION_SHARE, CONCESSION_TOLERANCE, DCID_V2),
    within(
      'objective achieved share',
      share(rows, (r) => r.objective_achieved),
      DCID_ACHIEVED_SHARE,
      SHARE_TOLERANCE,
      DCID_V2,
    ),
    within(
      'information operation share',
      share(rows, (r) => r.information_operation),
      DCID_INFO_OP_SHARE,
      SHARE_TOLERANCE,
      DCID_V2,
    ),
    atMost(
      `concessions after ${NEVER_CONCEDED_OBJECTIVE}`,
      rows.filter((r) => r.cyber_objective === NEVER_CONCEDED_OBJECTIVE && r.concession).length,
      0,
      DCID_V2,
    ),
    between(
      'objectives without any concession',
      DCID_OBJECTIVE_COUNTS.filter(
        ([o]) => !rows.some((r) => r.cyber_objective === o && r.concession),
      ).length,
      1,
      1,
      DCID_V2,
    ),
    atLeast(
      'concession rate ratio, diplomatic response vs none',
      rate(rows.filter((r) => r.diplomatic_response)) /
        rate(rows.filter((r) => !r.diplomatic_response)),
      2,
      DESIGN,
    ),
    atLeast(
      'concession rate ratio, severity ≥ 4 vs below',
      rate(rows.filter((r) => r.severity >= 4)) / rate(rows.filter((r) => r.severity < 4)),
      2,
      DCID_V2,
    ),
  ];
}

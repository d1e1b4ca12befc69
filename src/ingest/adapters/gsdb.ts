import { literal } from '../../engine/sql.ts';
import type { Columns, LabelledBuilder } from './kit.ts';

const OBJECTIVES = [
  'human_rights',
  'democracy',
  'policy_change',
  'end_war',
  'prevent_war',
  'terrorism',
  'destab_regime',
  'territorial_conflict',
  'other',
];

const SUCCESS_CODES = ['success_total', 'success_part', 'nego_settlement', 'failed', 'ongoing'];

const TRADE_MEASURES: ReadonlyArray<readonly [string, string]> = [
  ['exp_compl', 'export_complete'],
  ['imp_compl', 'import_complete'],
  ['exp_part', 'export_partial'],
  ['imp_part', 'import_partial'],
];

const FLAGS: ReadonlyArray<readonly [string, string, string]> = [
  ['trade', 'sanction_trade', 'Trade sanction'],
  ['arms', 'sanction_arms', 'Arms sanction'],
  ['military', 'sanction_military', 'Military assistance sanction'],
  ['financial', 'sanction_financial', 'Financial sanction'],
  ['travel', 'sanction_travel', 'Travel sanction'],
  ['other', 'sanction_other', 'Other sanction'],
  ['target_mult', 'multiple_targets', 'More than one target state'],
  ['sender_mult', 'multiple_senders', 'More than one sender state'],
];

/** A comma-joined cell ("exp_part, imp_part") → trimmed VARCHAR[]. */
function list(c: Columns, column: string): string {
  return `CASE WHEN ${c.text(column)} IS NOT NULL THEN [trim(x) FOR x IN string_split(${c.text(column)}, ',') IF trim(x) <> ''] END`;
}

/** Global Sanctions Data Base V3. */
export function gsdbAdapter(b: LabelledBuilder): void {
  b.describe('case_id', 'Sanction case identifier');
  b.describe('sanctioned_state', 'Target');
  b.describe('sanctioning_state', 'Sender');
  b.describe('begin', 'First year');
  b.describe('end', 'Last year');
  for (const [column, , what] of FLAGS) {
    b.describe(column, `${what} (0/1)`, [
      [0, 'no'],
      [1, 'yes'],
    ]);
  }
  b.describe(
    'descr_trade',
    'Trade measures, comma-joined (exp_compl, imp_compl, exp_part, imp_part)',
  );
  b.describe('objective', `Objectives, comma-joined (${OBJECTIVES.join(', ')})`);
  b.describe('success', `Outcomes, comma-joined (${SUCCESS_CODES.join(', ')})`);
  for (const [column, name, what] of FLAGS) {
    b.add(name, (c) => c.flag(column), `${what} (${column} = 1)`);
  }
  b.add('trade_measures', (c) => list(c, 'descr_trade'), 'descr_trade split into a list');
  for (const [code, name] of TRADE_MEASURES) {
    b.add(
      name,
      (c) => `coalesce(list_contains(${list(c, 'descr_trade')}, ${literal(code)}), FALSE)`,
      `descr_trade contains ${code}`,
    );
  }
  b.add('objectives', (c) => list(c, 'objective'), 'objective split into a list');
  for (const objective of OBJECTIVES) {
    b.add(
      `objective_${objective}`,
      (c) => `list_contains(${list(c, 'objective')}, ${literal(objective)})`,
      `objective contains ${objective}`,
    );
  }
  b.add(
    'success_codes',
    (c) => list(c, 'success'),
    'success split into a list (one entry per objective)',
  );
  b.add(
    'outcome',
    (c) => {
      const l = list(c, 'success');
      return `CASE WHEN list_has_any(${l}, ['success_total', 'success_part']) THEN 'success' WHEN list_contains(${l}, 'nego_settlement') THEN 'negotiated settlement' WHEN list_contains(${l}, 'failed') THEN 'failed' WHEN list_contains(${l}, 'ongoing') THEN 'ongoing' END`;
    },
    'First that applies: success (total or partial), negotiated settlement, failed, ongoing',
    [
      ['success', 'total or partial success for at least one objective'],
      ['negotiated settlement', 'negotiated settlement, no success'],
      ['failed', 'failed'],
      ['ongoing', 'ongoing (not yet evaluated)'],
    ],
  );
  b.add(
    'succeeded',
    (c) => {
      const l = list(c, 'success');
      return `CASE WHEN list_has_any(${l}, ['success_total', 'success_part']) THEN TRUE WHEN list_has_any(${l}, ['failed', 'nego_settlement']) THEN FALSE END`;
    },
    'TRUE for total or partial success; FALSE for failed or negotiated settlement only; NULL while only ongoing (kept apart)',
  );
  b.add(
    'ongoing',
    (c) => `list_contains(${list(c, 'success')}, 'ongoing')`,
    'At least one objective is still ongoing',
  );
}

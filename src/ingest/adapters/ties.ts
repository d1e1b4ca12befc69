import type { Engine } from '../../engine/Engine.ts';
import { ident } from '../../engine/sql.ts';
import { REPRESENTATION } from './cow.ts';
import { COW_LABELS } from './cow-names.ts';
import {
  labelCase,
  labelList,
  type AdapterLink,
  type Columns,
  type LabelledBuilder,
  type Labels,
} from './kit.ts';

/** Codebook facts for TIES v4 (Morgan, Bapat & Kobayashi 2014; users' manual v4). */
export const FINAL_OUTCOME: Labels = [
  [1, 'partial acquiescence by target to threat'],
  [2, 'complete acquiescence by target to threat'],
  [3, 'sender capitulation in threat stage'],
  [4, 'stalemate in threat stage'],
  [5, 'negotiated settlement in threat stage'],
  [6, 'partial acquiescence by target after imposition'],
  [7, 'total acquiescence by target after imposition'],
  [8, 'sender capitulation after imposition'],
  [9, 'stalemate after imposition'],
  [10, 'negotiated settlement after imposition'],
];

/** Outcomes the literature counts as success: the target complied, fully or in part. */
const SUCCESS_CODES = [1, 2, 5, 6, 7, 10];

const ISSUES: Labels = [
  [1, 'contain political influence'],
  [2, 'contain military behaviour'],
  [3, 'destabilize regime'],
  [4, 'release citizens, property or material'],
  [5, 'solve territorial dispute'],
  [6, 'deny strategic materials'],
  [7, 'retaliate for alliance or alignment choice'],
  [8, 'improve human rights'],
  [9, 'end weapons/materials proliferation'],
  [10, 'end support of non-state actors'],
  [11, 'deter or punish drug trafficking'],
  [12, 'improve environmental policies'],
  [13, 'trade practices'],
  [14, 'implement economic reform'],
  [15, 'other'],
];

const SANCTION_TYPES: Labels = [
  [1, 'total economic embargo'],
  [2, 'partial economic embargo'],
  [3, 'import restriction'],
  [4, 'export restriction'],
  [5, 'blockade'],
  [6, 'asset freeze'],
  [7, 'termination of foreign aid'],
  [8, 'travel ban'],
  [9, 'suspension of economic agreement'],
  [10, 'other'],
];

/** `sanctiontypethreat` numbers the same measures one higher, with 1 = unspecified. */
const THREATENED_TYPES: Labels = [
  [1, 'unspecified'],
  ...SANCTION_TYPES.map(([code, label]) => [Number(code) + 1, label] as const),
];

const COMMITMENT: Labels = [
  [1, 'weak'],
  [2, 'moderate'],
  [3, 'strong'],
];

/** Ordinal 1–3, 3 highest: the codebook's scale, in words. */
const COSTS: Labels = [
  [1, 'low'],
  [2, 'moderate'],
  [3, 'high'],
];

const NO_YES: Labels = [
  [0, 'no'],
  [1, 'yes'],
];

const SENDERS = ['sender1', 'sender2', 'sender3', 'sender4', 'sender5'];

/** Derived variables for TIES v4.0/v4.1 (see docs/ingest.md for definitions). */
export function tiesAdapter(b: LabelledBuilder): void {
  describeRaw(b);
  b.add(
    'finaloutcome_label',
    (c) => c.label('finaloutcome', FINAL_OUTCOME),
    'Final outcome, labelled',
    FINAL_OUTCOME,
  );
  b.add(
    'success',
    (c) =>
      `CASE WHEN ${c.num('finaloutcome')} IS NULL THEN NULL ELSE ${c.num('finaloutcome')} IN (${SUCCESS_CODES.join(', ')}) END`,
    'TRUE when the target complied (finaloutcome 1, 2, 5, 6, 7 or 10); NULL when finaloutcome is missing',
  );
  b.add(
    'stage',
    (c) => `CASE ${c.num('imposition')} WHEN 1 THEN 'imposed' WHEN 0 THEN 'threat only' END`,
    "'imposed' when sanctions were imposed (imposition = 1), else 'threat only'",
  );
  b.add('threatened', (c) => c.flag('threat'), 'A threat was made (threat = 1)');
  b.add('imposed', (c) => c.flag('imposition'), 'Sanctions were imposed (imposition = 1)');
  b.add(
    'start_date',
    (c) => partialDate(c, 'start'),
    'Start date (NULL when month or day is missing)',
  );
  b.add(
    'primarysender_name',
    (c) => c.label('primarysender', COW_LABELS),
    'Primary sender (COW name)',
  );
  b.add('targetstate_name', (c) => c.label('targetstate', COW_LABELS), 'Target state (COW name)');
  b.add('senders', (c) => senderList(c), 'COW codes of sender1–sender5 that are present');
  b.add(
    'sender_names',
    (c) => labelList(senderList(c), COW_LABELS),
    'Names of sender1–sender5 (COW names; unknown codes as numbers)',
  );
  b.add(
    'n_senders',
    (c) => `len(${senderList(c)})`,
    'Number of sender states (sender1–sender5 present)',
  );
  b.add(
    'multilateral',
    (c) => `len(${senderList(c)}) > 1`,
    'More than one of sender1–sender5 present',
  );
  b.add(
    'us_primary_sender',
    (c) => `${c.num('primarysender')} = 2`,
    'The United States (COW 2) is the primary sender; NULL when primarysender is missing',
  );
  b.add(
    'us_sender',
    (c) => `list_contains(${senderList(c)}, 2)`,
    'The United States (COW 2) is one of sender1–sender5',
  );
  b.add(
    'institution_involved',
    (c) => c.flag('institution'),
    'An international institution is a sender (institution = 1)',
  );
  for (const issue of ['issue1', 'issue2', 'issue3']) {
    b.add(`${issue}_label`, (c) => c.label(issue, ISSUES), `${issue}, labelled`, ISSUES);
  }
  b.add(
    'issues',
    (c) =>
      `list_filter([${c.num('issue1')}, ${c.num('issue2')}, ${c.num('issue3')}], lambda x: x IS NOT NULL)::INTEGER[]`,
    'Codes of issue1–issue3 that are present',
  );
  b.add(
    'issue_labels',
    (c) =>
      labelList(
        `list_filter([${c.num('issue1')}, ${c.num('issue2')}, ${c.num('issue3')}], lambda x: x IS NOT NULL)::INTEGER[]`,
        ISSUES,
      ),
    'Labels of issue1–issue3',
  );
  b.add(
    'sanctiontype_codes',
    (c) => c.codes('sanctiontype'),
    'Imposed sanction types, split ("2 7" → [2, 7])',
    SANCTION_TYPES,
  );
  b.add(
    'sanctiontype_labels',
    (c) => labelList(c.codes('sanctiontype'), SANCTION_TYPES),
    'Imposed sanction types, labelled',
  );
  for (const [code, label] of SANCTION_TYPES) {
    const slug = String(label).replace(/[^a-z]+/gi, '_');
    b.add(
      `sanction_${slug}`,
      (c) => `list_contains(${c.codes('sanctiontype')}, ${code})`,
      `Imposed sanction type includes ${label} (sanctiontype contains ${code}); NULL when sanctiontype is empty`,
    );
  }
  b.add(
    'sanctiontypethreat_codes',
    (c) => c.codes('sanctiontypethreat'),
    'Threatened sanction types, split (1 = unspecified, others one higher than sanctiontype)',
    THREATENED_TYPES,
  );
  b.add(
    'sanctiontypethreat_labels',
    (c) => labelList(c.codes('sanctiontypethreat'), THREATENED_TYPES),
    'Threatened sanction types, labelled',
  );
  for (const column of [
    'threatenedtargetinterest',
    'sanctionidentity',
    'dsanctions',
    'carrots',
    'carrotsduringsanction',
    'institutionid',
  ]) {
    b.add(
      `${column}_codes`,
      (c) => c.codes(column),
      `${column}, multi-code cells split into a list`,
    );
  }
  b.add(
    'diplomatic_sanctions_threatened',
    (c) => `${c.text('dsanctions')} IS NOT NULL`,
    'dsanctions is not empty (code labels not confirmed; see dsanctions_codes)',
  );
  b.add(
    'diplomatic_sanctions_implemented',
    (c) => `${c.text('implementationofdiplomaticsancti')} IS NOT NULL`,
    'implementationofdiplomaticsancti is not empty (code labels not confirmed)',
  );
  b.add(
    'carrots_offered',
    (c) => `${c.text('carrots')} IS NOT NULL`,
    'carrots (threat stage) is not empty (code labels not confirmed)',
  );
  b.add(
    'carrots_during_sanction',
    (c) => `list_has_any(${c.codes('carrotsduringsanction')}, [1, 2, 3, 4, 5, 6, 7, 8, 9])`,
    'carrotsduringsanction holds a non-zero code (0 is the usual "none"; labels not confirmed)',
  );
  b.add(
    'scommit_label',
    (c) => c.label('scommit', COMMITMENT),
    'Sender commitment, labelled',
    COMMITMENT,
  );
  for (const cost of [
    'targetcosts',
    'sendercosts',
    'anticipatedtargetcosts',
    'anticipatedsendercosts',
  ]) {
    b.add(
      `${cost}_label`,
      (c) => c.label(cost, COSTS),
      `${cost} (ordinal 1–3, 3 highest), in words`,
      COSTS,
    );
  }
  for (const side of ['sender', 'target']) {
    const column = `settlementnature${side}`;
    b.add(
      `settlement_${side}`,
      (c) => `CASE WHEN ${c.num(column)} BETWEEN 0 AND 10 THEN ${c.num(column)} END`,
      `${column} with the missing code −9 as NULL (0–10, higher better for the ${side})`,
    );
  }
}

function senderList(c: Columns): string {
  const items = SENDERS.map((s) => c.num(s)).join(', ');
  return `list_filter([${items}], lambda x: x IS NOT NULL)::INTEGER[]`;
}

function partialDate(c: Columns, prefix: string): string {
  const part = (p: string): string => `CAST(${c.num(`${prefix}${p}`)} AS INTEGER)`;
  // make_date raises on an impossible day (TIES has 1965-6-31) in DuckDB-WASM, where TRY_CAST
  // cannot catch it; parsing text with try_strptime gives NULL in both engines.
  const text = `printf('%04d-%02d-%02d', ${part('year')}, ${part('month')}, ${part('day')})`;
  return `CAST(try_strptime(${text}, '%Y-%m-%d') AS DATE)`;
}

function describeRaw(b: LabelledBuilder): void {
  b.describe('caseid', 'Episode identifier');
  b.describe('finaloutcome', 'Final outcome of the episode', FINAL_OUTCOME);
  b.describe('threat', 'Sender threatened sanctions', NO_YES);
  b.describe('imposition', 'Sender imposed sanctions', NO_YES);
  b.describe('institution', 'An international institution is a sender', NO_YES);
  for (const s of [...SENDERS, 'primarysender', 'targetstate']) b.describe(s, `${s} (COW code)`);
  for (const issue of ['issue1', 'issue2', 'issue3']) b.describe(issue, 'Issue at stake', ISSUES);
  b.describe('sanctiontype', 'Sanction types imposed (may hold several codes)', SANCTION_TYPES);
  b.describe(
    'sanctiontypethreat',
    'Sanction types threatened (may hold several codes)',
    THREATENED_TYPES,
  );
  b.describe('scommit', 'Sender commitment', COMMITMENT);
  for (const cost of [
    'targetcosts',
    'sendercosts',
    'anticipatedtargetcosts',
    'anticipatedsendercosts',
  ]) {
    b.describe(cost, 'Costs, ordinal 1–3 (3 highest)', COSTS);
  }
  b.describe('settlementnaturesender', 'Nature of settlement for the sender, 0–10 (−9 missing)');
  b.describe('settlementnaturetarget', 'Nature of settlement for the target, 0–10 (−9 missing)');
}

/**
 * The success codes found among a column's values when it looks like TIES's final outcome (a
 * `finaloutcome` column coded 1–10), the explorer's first guess at its coding; otherwise
 * undefined.
 */
export function tiesSuccessAmong(column: string, codes: number[]): number[] | undefined {
  const tiesLike =
    /final_?outcome/i.test(column) &&
    codes.length > 0 &&
    codes.every((c) => Number.isInteger(c) && c >= 1 && c <= 10);
  return tiesLike ? SUCCESS_CODES.filter((c) => codes.includes(c)) : undefined;
}

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

/** TIES × Diplomatic Exchange: built whenever both are loaded, whichever came second. */
export const TIES_DIPLOMATIC_LINK: AdapterLink = {
  with: 'diplomatic-exchange',
  label: 'TIES × Diplomatic Exchange',
  create: createTiesDiplomaticView,
};

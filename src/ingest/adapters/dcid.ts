import { COW_LABELS } from './cow-names.ts';
import { labelCase, type LabelledBuilder, type Labels } from './kit.ts';

/** Codebook facts for DCID 2.0 (Maness, Valeriano, Hedgecock, Jensen & Macias 2022). */
const METHOD_FAMILY: Labels = [
  [0, 'none'],
  [1, 'vandalism (defacement)'],
  [2, 'denial of service'],
  [3, 'network intrusion'],
  [4, 'network infiltration'],
];

const METHOD_DETAIL = ['logic bomb/wiper', 'virus', 'worm', 'keystroke logging'];

/** 3.1 → "network intrusion: logic bomb/wiper": the decimal names the tool. */
export const METHOD: Labels = METHOD_FAMILY.flatMap(([family, label]) => [
  [family, label] as const,
  ...(Number(family) === 0
    ? []
    : METHOD_DETAIL.map(
        (detail, i) => [Number(family) + (i + 1) / 10, `${label}: ${detail}`] as const,
      )),
]);

const TARGET_TYPE: Labels = [
  [0, 'none'],
  [1, 'private/non-state'],
  [2, 'government non-military'],
  [3, 'government military'],
];

export const CYBER_OBJECTIVE: Labels = [
  [0, 'none'],
  [1, 'disruption'],
  [2, 'short-term espionage'],
  [3, 'long-term espionage'],
  [4, 'degrade'],
];

const DAMAGE_TYPE: Labels = [
  [0, 'none'],
  [1, 'direct-immediate'],
  [2, 'direct-delayed'],
  [3, 'indirect-immediate'],
  [4, 'indirect-delayed'],
];

const SEVERITY: Labels = [
  [0, 'none'],
  [2, 'harassment/disruption'],
  [3, 'targeted theft'],
  [4, 'widespread intrusion'],
  [5, 'infiltration with attempted destruction'],
  [6, 'critical infiltration with widespread destruction'],
  [10, 'massive death'],
];

/**
 * DHS critical-infrastructure sectors (PPD-21), numbered in alphabetical order as DCID does.
 * Code 17 is outside the 16 sectors and left unlabelled here: check the DCID codebook.
 */
export const CRIT_INF: Labels = [
  [0, 'none'],
  [1, 'chemical'],
  [2, 'commercial facilities'],
  [3, 'communications'],
  [4, 'critical manufacturing'],
  [5, 'dams'],
  [6, 'defense industrial base'],
  [7, 'emergency services'],
  [8, 'energy'],
  [9, 'financial services'],
  [10, 'food and agriculture'],
  [11, 'government facilities'],
  [12, 'healthcare and public health'],
  [13, 'information technology'],
  [14, 'nuclear reactors, materials and waste'],
  [15, 'transportation systems'],
  [16, 'water and wastewater systems'],
];

const NO_YES: Labels = [
  [0, 'no'],
  [1, 'yes'],
];

/** Labels shared by the incident and campaign sheets. */
function common(b: LabelledBuilder): void {
  b.describe('Cyberincidentnum', 'Incident number');
  b.describe('Dyadpair', 'The two COW codes of the dyad, concatenated');
  b.describe('StateA', 'First state of the dyad (name)');
  b.describe('StateB', 'Second state of the dyad (name)');
  b.describe('interactionstartdate', 'Start of the incident (Excel date)');
  b.describe('method', 'Method of the operation (the decimal names the tool)', METHOD);
  b.describe('targettype', 'Type of target', TARGET_TYPE);
  b.describe('initiator', 'COW code of the initiating state');
  b.describe('cyber_objective', 'Coercive objective', CYBER_OBJECTIVE);
  b.describe('information_operation', 'Linked to an information operation', NO_YES);
  b.describe('objective_achievement', 'The initiator achieved its objective', NO_YES);
  b.describe(
    'Concession',
    'The target made a concession (header has a trailing space in the file)',
    NO_YES,
  );
  b.describe('severity', 'Severity, 0–10', SEVERITY);
  b.describe('damage type', 'Type of damage', DAMAGE_TYPE);
  b.add('method_label', (c) => c.label('method', METHOD), 'Method, labelled', METHOD);
  b.add(
    'method_family',
    (c) => labelCase(`floor(${c.num('method')})`, METHOD_FAMILY),
    'Method family (the integer part of method)',
    METHOD_FAMILY,
  );
  b.add(
    'targettype_label',
    (c) => c.label('targettype', TARGET_TYPE),
    'Target type, labelled',
    TARGET_TYPE,
  );
  b.add(
    'cyber_objective_label',
    (c) => c.label('cyber_objective', CYBER_OBJECTIVE),
    'Objective, labelled',
    CYBER_OBJECTIVE,
  );
  b.add(
    'damage_type_label',
    (c) => c.label('damage type', DAMAGE_TYPE),
    'Damage type, labelled',
    DAMAGE_TYPE,
  );
  b.add(
    'severity_label',
    (c) => c.label('severity', SEVERITY),
    'Severity, labelled where the codebook names the level',
    SEVERITY,
  );
  b.add('initiator_name', (c) => c.label('initiator', COW_LABELS), 'Initiating state (COW name)');
  b.add(
    'information_operation_flag',
    (c) => c.flag('information_operation'),
    'Linked to an information operation (1 → TRUE)',
  );
  b.add(
    'objective_achieved',
    (c) => c.flag('objective_achievement'),
    'The initiator achieved its objective (1 → TRUE)',
  );
  b.add('concession_made', (c) => c.flag('Concession'), 'The target made a concession (1 → TRUE)');
}

export function dcidIncidentsAdapter(b: LabelledBuilder): void {
  common(b);
  b.describe('Crit Inf', 'Critical-infrastructure sector (DHS PPD-21 numbering)', CRIT_INF);
  b.describe('3rdpartyinitiator', 'A third party initiated the incident', NO_YES);
  b.describe('Supply Ch', 'Supply-chain operation', NO_YES);
  b.describe('Ransomware', 'Ransomware', NO_YES);
  b.add(
    'crit_inf_label',
    (c) => c.label('Crit Inf', CRIT_INF),
    'Critical-infrastructure sector, labelled (17 unlabelled)',
    CRIT_INF,
  );
  b.add(
    'third_party_initiator',
    (c) => c.flag('3rdpartyinitiator'),
    'A third party initiated it (1 → TRUE)',
  );
  b.add('supply_chain', (c) => c.flag('Supply Ch'), 'Supply-chain operation (1 → TRUE)');
  b.add('ransomware_flag', (c) => c.flag('Ransomware'), 'Ransomware (1 → TRUE)');
}

const ENGAGEMENT: ReadonlyArray<readonly [string, string]> = [
  ['Ddeny/reject-', 'diplomatic: deny/reject (negative)'],
  ['Dthreat/demand-', 'diplomatic: threat/demand (negative)'],
  ['Diplo_Negative', 'diplomatic negative actions, summary'],
  ['Dnegotiate+', 'diplomatic: negotiate (positive)'],
  ['Dagreement+', 'diplomatic: agreement (positive)'],
  ['Diplo_Positive', 'diplomatic positive actions, summary'],
  ['Ereduce-', 'economic: reduce relations (negative)'],
  ['Ethreat-', 'economic: threat (negative)'],
  ['Eemb/sanc-', 'economic: embargo/sanction (negative)'],
  ['Econ_Negative', 'economic negative actions, summary'],
  ['Ecoop+', 'economic: cooperation (positive)'],
  ['Eease+', 'economic: ease sanctions (positive)'],
  ['Eaid+', 'economic: aid (positive)'],
  ['Econ_Positive', 'economic positive actions, summary'],
  ['Mthreat-', 'military: threat (negative)'],
  ['Mdisplay-', 'military: display of force (negative)'],
  ['Musage-', 'military: use of force (negative)'],
  ['Mil_Negative', 'military negative actions, summary'],
  ['Mpromise+', 'military: promise (positive)'],
  ['Mcoop+', 'military: cooperation (positive)'],
  ['Mconfid+', 'military: confidence building (positive)'],
  ['Mil_Positive', 'military positive actions, summary'],
];

export function dcidCampaignsAdapter(b: LabelledBuilder): void {
  common(b);
  b.describe('target', 'COW code of the target state');
  b.describe('Cyber_escalation', 'The cyber incident escalated the rivalry', NO_YES);
  b.describe('Conv_descalation', 'Conventional de-escalation (ICEWS-based)');
  b.describe('Conv_escalation', 'Conventional escalation (ICEWS-based)');
  for (const [column, what] of ENGAGEMENT) {
    b.describe(column, `ICEWS/CAMEO-based count or intensity, ${what}`);
  }
  b.add('target_name', (c) => c.label('target', COW_LABELS), 'Target state (COW name)');
  b.add(
    'no_cyber',
    (c) => `${c.num('method')} = 0`,
    'Row without a cyber incident (method 0: the dyad-period holds engagement data only)',
  );
  b.add('cyber_escalation_flag', (c) => c.flag('Cyber_escalation'), 'Cyber escalation (1 → TRUE)');
  for (const [domain, prefix] of [
    ['diplomatic', 'Diplo'],
    ['economic', 'Econ'],
    ['military', 'Mil'],
  ] as const) {
    for (const sign of ['Negative', 'Positive'] as const) {
      b.add(
        `any_${domain}_${sign.toLowerCase()}`,
        (c) => `${c.num(`${prefix}_${sign}`)} > 0`,
        `${prefix}_${sign} is above 0`,
      );
    }
    b.add(
      `net_${domain}`,
      (c) => `${c.num(`${prefix}_Positive`)} - ${c.num(`${prefix}_Negative`)}`,
      `${prefix}_Positive minus ${prefix}_Negative`,
    );
  }
}

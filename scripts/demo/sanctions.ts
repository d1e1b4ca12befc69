import {
  activeIn,
  COUNTRIES,
  countryNamed,
  OTHER_SENDERS,
  regimeIn,
  usEmbassyClosedIn,
  type Country,
  type Regime,
  type Region,
} from './countries.ts';
import { dealByScore, quotaCounts, topK } from './quota.ts';
import { logistic, Random } from './random.ts';
import {
  SUCCESS_CODES,
  TIES_CODED_EPISODES,
  TIES_OUTCOME_COUNTS,
  US_FAILURE_EMBASSY_CLOSED,
  US_FAILURE_EMBASSY_OPEN,
} from './targets.ts';

export type Stage = 'threat only' | 'imposed';

export interface SanctionEpisode {
  episode_id: number;
  start_year: number;
  end_year: number;
  sender: string;
  sender_ccode: number;
  us_primary_sender: boolean;
  target: string;
  target_ccode: number;
  target_region: Region;
  target_regime: Regime;
  stage: Stage;
  issue: string;
  multilateral: boolean;
  institution_involved: boolean;
  diplomatic_sanctions: boolean;
  embassy_closed: boolean;
  carrots_offered: boolean;
  target_costs: number;
  sender_commitment: number;
  finaloutcome: number;
  success: boolean;
}

export const SANCTION_COLUMNS: ReadonlyArray<keyof SanctionEpisode> = [
  'episode_id',
  'start_year',
  'end_year',
  'sender',
  'sender_ccode',
  'us_primary_sender',
  'target',
  'target_ccode',
  'target_region',
  'target_regime',
  'stage',
  'issue',
  'multilateral',
  'institution_involved',
  'diplomatic_sanctions',
  'embassy_closed',
  'carrots_offered',
  'target_costs',
  'sender_commitment',
  'finaloutcome',
  'success',
];

/** Episodes per start decade among TIES v4.1's coded episodes (1940s = 1945–49). */
const DECADES: ReadonlyArray<readonly [number, number]> = [
  [1940, 35],
  [1950, 87],
  [1960, 126],
  [1970, 106],
  [1980, 159],
  [1990, 292],
  [2000, 219],
];

const US_SHARE = 0.5;
/** Every demo episode has ended (TIES's ongoing cases have no finaloutcome). */
const LAST_END_YEAR = 2010;
const POLITICAL = new Set([
  'human rights',
  'regime change',
  'nonproliferation',
  'military behavior',
]);

/** Issue weights by target regime: trade disputes among democracies, politics elsewhere. */
const ISSUES: Record<Regime, ReadonlyArray<readonly [string, number]>> = {
  democracy: [
    ['trade practices', 60],
    ['environment', 7],
    ['economic reform', 5],
    ['alliance choice', 6],
    ['military behavior', 4],
    ['political influence', 3],
    ['human rights', 2],
    ['nonproliferation', 2],
    ['release of citizens', 2],
    ['territorial dispute', 1],
    ['strategic materials', 1],
    ['other', 7],
  ],
  anocracy: [
    ['trade practices', 28],
    ['human rights', 9],
    ['regime change', 4],
    ['alliance choice', 12],
    ['military behavior', 7],
    ['political influence', 5],
    ['economic reform', 6],
    ['environment', 3],
    ['release of citizens', 5],
    ['territorial dispute', 3],
    ['strategic materials', 2],
    ['nonproliferation', 3],
    ['non-state actors', 2],
    ['drug trafficking', 3],
    ['other', 10],
  ],
  autocracy: [
    ['trade practices', 14],
    ['human rights', 12],
    ['regime change', 9],
    ['alliance choice', 13],
    ['military behavior', 9],
    ['political influence', 5],
    ['economic reform', 4],
    ['environment', 1],
    ['release of citizens', 6],
    ['territorial dispute', 3],
    ['strategic materials', 3],
    ['nonproliferation', 6],
    ['non-state actors', 4],
    ['drug trafficking', 2],
    ['other', 10],
  ],
};

/** Issues that the US pursues against states it has no embassy in. */
const ESTRANGED_ISSUES: ReadonlyArray<readonly [string, number]> = [
  ['regime change', 20],
  ['human rights', 15],
  ['nonproliferation', 15],
  ['non-state actors', 12],
  ['release of citizens', 8],
  ['military behavior', 10],
  ['alliance choice', 8],
  ['trade practices', 5],
  ['other', 7],
];

/** Effect of the issue on the latent failure score (TIES: environment and reform cases succeed). */
const ISSUE_FAILURE: Record<string, number> = {
  environment: -1.6,
  'economic reform': -1.5,
  'release of citizens': -0.9,
  'strategic materials': -0.6,
  'drug trafficking': 1.1,
  'non-state actors': 0.8,
  'regime change': 0.3,
  'political influence': 0.3,
  nonproliferation: 0.3,
  'human rights': 0.2,
  'alliance choice': 0.2,
  other: 0.2,
};

interface Draft extends Omit<
  SanctionEpisode,
  'episode_id' | 'end_year' | 'stage' | 'finaloutcome' | 'success'
> {
  failureScore: number;
  stageScore: number;
}

export function generateSanctions(seed: number, count: number): SanctionEpisode[] {
  const random = Random.derive(seed, 'sanctions/covariates');
  const drafts = Array.from({ length: count }, () => draftEpisode(random));
  const failed = assignFailures(drafts);
  const stageOf = assignStages(drafts, failed);
  const codeOf = assignOutcomeCodes(
    drafts,
    failed,
    stageOf,
    Random.derive(seed, 'sanctions/codes'),
  );
  const durations = Random.derive(seed, 'sanctions/durations');

  const episodes = drafts.map((d, i): Omit<SanctionEpisode, 'episode_id'> => {
    const stage = stageOf.get(i) ?? 'threat only';
    const finaloutcome = codeOf.get(i) ?? 0;
    return {
      start_year: d.start_year,
      end_year: Math.min(d.start_year + duration(durations, stage), LAST_END_YEAR),
      sender: d.sender,
      sender_ccode: d.sender_ccode,
      us_primary_sender: d.us_primary_sender,
      target: d.target,
      target_ccode: d.target_ccode,
      target_region: d.target_region,
      target_regime: d.target_regime,
      stage,
      issue: d.issue,
      multilateral: d.multilateral,
      institution_involved: d.institution_involved,
      diplomatic_sanctions: d.diplomatic_sanctions,
      embassy_closed: d.embassy_closed,
      carrots_offered: d.carrots_offered,
      target_costs: d.target_costs,
      sender_commitment: d.sender_commitment,
      finaloutcome,
      success: SUCCESS_CODES.includes(finaloutcome),
    };
  });
  // Stable sort: episodes of a year keep their draw order, so ids are reproducible.
  return episodes
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.start_year - b.e.start_year || a.i - b.i)
    .map(({ e }, i) => ({ episode_id: i + 1, ...e }));
}

function draftEpisode(random: Random): Draft {
  const decade = random.weighted(DECADES);
  const year =
    decade === 1940
      ? random.int(1945, 1949)
      : decade === 2000
        ? random.int(2000, 2005)
        : random.int(decade, decade + 9);
  const us = random.bernoulli(US_SHARE);
  const sender = us ? countryNamed('United States') : pickSender(random, year);
  const target = pickTarget(random, year, sender, us);
  const regime = regimeIn(target, year);
  const closed = us ? usEmbassyClosedIn(target, year) : random.bernoulli(closureElsewhere(regime));
  const issue = random.weighted(
    closed && random.bernoulli(0.7) ? ESTRANGED_ISSUES : ISSUES[regime],
  );
  const political = POLITICAL.has(issue);
  const trade = issue === 'trade practices';
  const multilateral = random.bernoulli(
    logistic(-1.5 + 1.0 * +political - 0.7 * +trade - 0.5 * +closed + 0.3 * +!us),
  );
  const institution = random.bernoulli(
    logistic(-1.5 + 1.6 * +multilateral + 0.7 * +trade - 0.5 * +closed),
  );
  const costs = ordinal(
    random,
    1.0 * +multilateral + 0.7 * +institution - 0.6 * +closed + 0.4 * +(regime === 'democracy'),
    [1.9, 3.9],
  );
  const commitment = ordinal(random, 0.9 * +closed + 0.5 * +political - 0.3 * +trade, [-1.6, 0.4]);
  const carrots = random.bernoulli(logistic(-3.3 + 0.6 * +multilateral));
  const diplomatic = random.bernoulli(
    logistic(-3.4 + 1.2 * +closed + 0.6 * +(regime === 'autocracy') + 0.6 * +political),
  );
  const failureScore =
    -0.85 * (costs - 1) -
    0.6 * +multilateral -
    0.55 * +institution +
    0.65 * +(regime === 'autocracy') +
    0.3 * +(regime === 'anocracy') -
    0.9 * +carrots -
    0.3 * (commitment - 2) +
    (ISSUE_FAILURE[issue] ?? 0) -
    0.012 * (year - 1975) +
    random.logistic();
  const stageScore =
    0.5 * (commitment - 2) +
    0.6 * (costs - 1) +
    0.5 * +closed +
    0.4 * +diplomatic +
    random.logistic();
  return {
    start_year: year,
    sender: sender.name,
    sender_ccode: sender.ccode,
    us_primary_sender: us,
    target: target.name,
    target_ccode: target.ccode,
    target_region: target.region,
    target_regime: regime,
    issue,
    multilateral,
    institution_involved: institution,
    diplomatic_sanctions: diplomatic,
    embassy_closed: closed,
    carrots_offered: carrots,
    target_costs: costs,
    sender_commitment: commitment,
    failureScore,
    stageScore,
  };
}

function pickSender(random: Random, year: number): Country {
  const active = OTHER_SENDERS.map(([name, w]) => [countryNamed(name), w] as const).filter(([c]) =>
    activeIn(c, year),
  );
  return random.weighted(active);
}

function pickTarget(random: Random, year: number, sender: Country, us: boolean): Country {
  const candidates = COUNTRIES.filter((c) => activeIn(c, year) && c.ccode !== sender.ccode).map(
    (c) => [c, us ? c.usWeight : c.otherWeight] as const,
  );
  return random.weighted(candidates);
}

/** Other senders keep embassies in most targets; autocracies are where they close them. */
function closureElsewhere(regime: Regime): number {
  return regime === 'autocracy' ? 0.1 : regime === 'anocracy' ? 0.05 : 0.01;
}

/** An ordinal 1–3 from a latent logit score and two cut points. */
function ordinal(random: Random, score: number, [low, high]: readonly [number, number]): number {
  const latent = score + random.logistic();
  return latent < low ? 1 : latent < high ? 2 : 3;
}

/**
 * Exact failure counts per group (Maller's two US rates, TIES's overall success share for
 * everything else); within a group the highest latent failure scores fail.
 */
function assignFailures(drafts: readonly Draft[]): Set<number> {
  const groups = {
    usClosed: [] as number[],
    usOpen: [] as number[],
    other: [] as number[],
  };
  drafts.forEach((d, i) => {
    const key = !d.us_primary_sender ? 'other' : d.embassy_closed ? 'usClosed' : 'usOpen';
    groups[key].push(i);
  });
  const failureShare =
    TIES_OUTCOME_COUNTS.filter(([code]) => !SUCCESS_CODES.includes(code)).reduce(
      (s, [, n]) => s + n,
      0,
    ) / TIES_CODED_EPISODES;
  const closedFailures = Math.round(US_FAILURE_EMBASSY_CLOSED * groups.usClosed.length);
  const openFailures = Math.round(US_FAILURE_EMBASSY_OPEN * groups.usOpen.length);
  const otherFailures = Math.round(failureShare * drafts.length) - closedFailures - openFailures;
  if (otherFailures < 0.3 * groups.other.length || otherFailures > 0.5 * groups.other.length) {
    throw new Error(
      `Non-US failure count ${otherFailures} of ${groups.other.length} is implausible`,
    );
  }
  const failed = new Set<number>();
  for (const [members, k] of [
    [groups.usClosed, closedFailures],
    [groups.usOpen, openFailures],
    [groups.other, otherFailures],
  ] as const) {
    for (const j of topK(
      members.map((i) => drafts[i].failureScore),
      k,
    ))
      failed.add(members[j]);
  }
  return failed;
}

/** TIES shares of imposition among successes and among failures, dealt by the stage score. */
function assignStages(drafts: readonly Draft[], failed: ReadonlySet<number>): Map<number, Stage> {
  const stages = new Map<number, Stage>();
  for (const isFailure of [false, true]) {
    const members = drafts.map((_, i) => i).filter((i) => failed.has(i) === isFailure);
    const codes = TIES_OUTCOME_COUNTS.filter(
      ([code]) => SUCCESS_CODES.includes(code) !== isFailure,
    );
    const imposedShare = codes.filter(([c]) => c >= 6).reduce((s, [, n]) => s + n, 0);
    const threatShare = codes.filter(([c]) => c <= 5).reduce((s, [, n]) => s + n, 0);
    const counts = quotaCounts(members.length, [
      ['imposed', imposedShare],
      ['threat only', threatShare],
    ] as const);
    const scores = new Map(members.map((i) => [i, drafts[i].stageScore]));
    const dealt = dealByScore(members, scores, [...counts] as [Stage, number][]);
    for (const [i, stage] of dealt) stages.set(i, stage);
  }
  return stages;
}

/** Within each success × stage cell, TIES's outcome codes in their TIES proportions. */
function assignOutcomeCodes(
  drafts: readonly Draft[],
  failed: ReadonlySet<number>,
  stageOf: ReadonlyMap<number, Stage>,
  random: Random,
): Map<number, number> {
  const codes = new Map<number, number>();
  for (const isFailure of [false, true]) {
    for (const stage of ['threat only', 'imposed'] as const) {
      const members = random.shuffle(
        drafts
          .map((_, i) => i)
          .filter((i) => failed.has(i) === isFailure && stageOf.get(i) === stage),
      );
      const cell = TIES_OUTCOME_COUNTS.filter(
        ([code]) =>
          SUCCESS_CODES.includes(code) !== isFailure && code >= 6 === (stage === 'imposed'),
      );
      let at = 0;
      for (const [code, n] of quotaCounts(members.length, cell)) {
        for (let j = 0; j < n; j++) codes.set(members[at++], code);
      }
    }
  }
  return codes;
}

/** Years from start to end: threats resolve fast, imposed sanctions linger. */
function duration(random: Random, stage: Stage): number {
  if (stage === 'threat only')
    return random.weighted([
      [0, 6],
      [1, 3],
      [2, 1],
    ]);
  return random.weighted([
    [0, 22],
    [1, 20],
    [2, 14],
    [3, 10],
    [4, 8],
    [5, 6],
    [6, 5],
    [7, 4],
    [8, 3],
    [9, 3],
    [10, 5],
  ]);
}

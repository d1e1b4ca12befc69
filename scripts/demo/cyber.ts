import { quotaCounts, topK } from './quota.ts';
import { logistic, Random } from './random.ts';
import {
  CYBER_INCIDENTS,
  DCID_ACHIEVED_SHARE,
  DCID_CONCESSION_SHARE,
  DCID_INFO_OP_SHARE,
  DCID_OBJECTIVE_COUNTS,
  NEVER_CONCEDED_OBJECTIVE,
} from './targets.ts';

export interface CyberIncident {
  incident_id: number;
  year: number;
  initiator: string;
  target_state: string;
  cyber_objective: string;
  severity: number;
  information_operation: boolean;
  diplomatic_response: boolean;
  economic_response: boolean;
  concession: boolean;
  objective_achieved: boolean;
}

export const CYBER_COLUMNS: ReadonlyArray<keyof CyberIncident> = [
  'incident_id',
  'year',
  'initiator',
  'target_state',
  'cyber_objective',
  'severity',
  'information_operation',
  'diplomatic_response',
  'economic_response',
  'concession',
  'objective_achieved',
];

type Objective = (typeof DCID_OBJECTIVE_COUNTS)[number][0];

interface Initiator {
  weight: number;
  targets: ReadonlyArray<readonly [string, number]>;
  /** Relative preference for disruption, short-term espionage, long-term espionage, degrade. */
  objectives: readonly [number, number, number, number];
}

/** Rivalries in the style of DCID: a handful of initiators, each with its usual targets. */
const INITIATORS: ReadonlyArray<readonly [string, Initiator]> = [
  [
    'Russia',
    {
      weight: 27,
      objectives: [40, 25, 20, 15],
      targets: [
        ['United States', 30],
        ['Ukraine', 20],
        ['Georgia', 8],
        ['Estonia', 5],
        ['United Kingdom', 6],
        ['Germany', 6],
        ['France', 3],
        ['Lithuania', 3],
        ['Poland', 3],
        ['Netherlands', 2],
      ],
    },
  ],
  [
    'China',
    {
      weight: 27,
      objectives: [10, 40, 45, 5],
      targets: [
        ['United States', 40],
        ['Japan', 10],
        ['India', 10],
        ['Taiwan', 10],
        ['South Korea', 6],
        ['Philippines', 5],
        ['Vietnam', 5],
        ['Australia', 4],
        ['United Kingdom', 3],
        ['Canada', 3],
      ],
    },
  ],
  [
    'Iran',
    {
      weight: 15,
      objectives: [45, 25, 10, 20],
      targets: [
        ['United States', 40],
        ['Israel', 25],
        ['Saudi Arabia', 25],
        ['United Arab Emirates', 5],
        ['United Kingdom', 5],
      ],
    },
  ],
  [
    'North Korea',
    {
      weight: 14,
      objectives: [45, 25, 15, 15],
      targets: [
        ['South Korea', 60],
        ['United States', 25],
        ['Japan', 10],
        ['Bangladesh', 5],
      ],
    },
  ],
  [
    'United States',
    {
      weight: 5,
      objectives: [5, 30, 30, 40],
      targets: [
        ['Iran', 40],
        ['Russia', 20],
        ['China', 20],
        ['North Korea', 20],
      ],
    },
  ],
  ['India', { weight: 3, objectives: [40, 30, 30, 5], targets: [['Pakistan', 1]] }],
  ['Pakistan', { weight: 3, objectives: [50, 30, 20, 5], targets: [['India', 1]] }],
  [
    'Israel',
    {
      weight: 2,
      objectives: [10, 30, 30, 40],
      targets: [
        ['Iran', 3],
        ['Syria', 1],
      ],
    },
  ],
  [
    'Syria',
    {
      weight: 1,
      objectives: [70, 20, 10, 5],
      targets: [
        ['United States', 1],
        ['Israel', 1],
      ],
    },
  ],
  ['South Korea', { weight: 1, objectives: [20, 40, 40, 5], targets: [['North Korea', 1]] }],
];

/** Severity (0–10 scale of DCID) by objective: disruptions harass, degrades destroy. */
const SEVERITY: Record<Objective, ReadonlyArray<readonly [number, number]>> = {
  disruption: [
    [0, 1],
    [1, 8],
    [2, 60],
    [3, 20],
    [4, 9],
    [5, 2],
  ],
  'short-term espionage': [
    [1, 3],
    [2, 15],
    [3, 55],
    [4, 25],
    [5, 2],
  ],
  'long-term espionage': [
    [2, 10],
    [3, 45],
    [4, 40],
    [5, 5],
  ],
  degrade: [
    [2, 10],
    [3, 20],
    [4, 35],
    [5, 20],
    [6, 15],
  ],
};

/** Log-odds that an incident of each objective comes with an information operation. */
const INFO_OP: Record<Objective, number> = {
  disruption: 0.2,
  'short-term espionage': -1.6,
  'long-term espionage': -3.9,
  degrade: -1.7,
};

const ACHIEVED: Record<Objective, number> = {
  disruption: 0.4,
  'short-term espionage': -0.4,
  'long-term espionage': 0.2,
  degrade: -0.3,
};

const PROFILES = new Map(INITIATORS);

function profileOf(initiator: string): Initiator {
  const profile = PROFILES.get(initiator);
  if (!profile) throw new Error(`Unknown initiator ${initiator}`);
  return profile;
}

interface Draft {
  year: number;
  initiator: string;
  target: string;
}

export function generateCyber(seed: number, count = CYBER_INCIDENTS): CyberIncident[] {
  const random = Random.derive(seed, 'cyber/incidents');
  const drafts = Array.from({ length: count }, (): Draft => {
    const initiator = random.weighted(INITIATORS.map(([name, i]) => [name, i.weight] as const));
    const year = random.weighted(YEARS);
    return { year, initiator, target: random.weighted(profileOf(initiator).targets) };
  });
  const objectives = dealObjectives(drafts, Random.derive(seed, 'cyber/objectives'));
  const outcomes = Random.derive(seed, 'cyber/outcomes');
  const severity = objectives.map((o) => outcomes.weighted(SEVERITY[o]));
  const infoOp = quota(
    count,
    DCID_INFO_OP_SHARE,
    (i) => INFO_OP[objectives[i]] + outcomes.logistic(),
  );
  const diplomatic = drafts.map((d, i) =>
    outcomes.bernoulli(
      logistic(
        -1.5 +
          0.6 * (severity[i] - 3) +
          0.7 * +(d.target === 'United States') +
          0.4 * +infoOp.has(i),
      ),
    ),
  );
  const economic = drafts.map((d, i) =>
    outcomes.bernoulli(
      logistic(
        -3.3 +
          0.6 * (severity[i] - 3) +
          1.4 * +diplomatic[i] +
          0.8 * +(d.target === 'United States'),
      ),
    ),
  );
  const concession = quota(
    count,
    DCID_CONCESSION_SHARE,
    (i) =>
      0.6 * (severity[i] - 3) +
      1.8 * +diplomatic[i] +
      0.8 * +economic[i] +
      0.6 * +(objectives[i] === 'degrade') -
      0.6 * +infoOp.has(i) +
      outcomes.logistic(),
    (i) => objectives[i] !== NEVER_CONCEDED_OBJECTIVE,
  );
  const achieved = quota(
    count,
    DCID_ACHIEVED_SHARE,
    (i) => ACHIEVED[objectives[i]] + 0.2 * (severity[i] - 3) + outcomes.logistic(),
  );

  return drafts
    .map((d, i) => ({ d, i }))
    .sort((a, b) => a.d.year - b.d.year || a.i - b.i)
    .map(({ d, i }, order) => ({
      incident_id: order + 1,
      year: d.year,
      initiator: d.initiator,
      target_state: d.target,
      cyber_objective: objectives[i],
      severity: severity[i],
      information_operation: infoOp.has(i),
      diplomatic_response: diplomatic[i],
      economic_response: economic[i],
      concession: concession.has(i),
      objective_achieved: achieved.has(i),
    }));
}

/** Incidents per year 2000–2020: few early, a peak in the mid-2010s. */
const YEARS: ReadonlyArray<readonly [number, number]> = Array.from({ length: 21 }, (_, k) => {
  const year = 2000 + k;
  return [year, year <= 2015 ? 1 + 1.5 * k : 23.5 - 3 * (year - 2015)] as const;
});

/**
 * DCID's objective shares exactly, each incident's objective following its initiator's habits:
 * objectives are dealt in turn to the incidents with the highest Gumbel-perturbed preference.
 */
function dealObjectives(drafts: readonly Draft[], random: Random): Objective[] {
  const counts = quotaCounts(drafts.length, DCID_OBJECTIVE_COUNTS);
  const names = DCID_OBJECTIVE_COUNTS.map(([o]) => o);
  const keys = drafts.map((d) => {
    return profileOf(d.initiator).objectives.map((w) => Math.log(w) + random.gumbel());
  });
  const out = new Array<Objective>(drafts.length);
  const open = new Set(drafts.map((_, i) => i));
  // Rarest first, so the small degrade quota goes to the initiators that favour it.
  for (const o of [...names].sort((a, b) => (counts.get(a) ?? 0) - (counts.get(b) ?? 0))) {
    const members = [...open];
    const j = names.indexOf(o);
    for (const m of topK(
      members.map((i) => keys[i][j] - Math.max(...keys[i])),
      counts.get(o) ?? 0,
    )) {
      out[members[m]] = o;
      open.delete(members[m]);
    }
  }
  return out;
}

/** The `share × count` incidents with the highest scores among those `eligible`. */
function quota(
  count: number,
  share: number,
  score: (i: number) => number,
  eligible: (i: number) => boolean = () => true,
): Set<number> {
  const members = Array.from({ length: count }, (_, i) => i).filter(eligible);
  const chosen = topK(
    members.map((i) => score(i)),
    Math.round(share * count),
  );
  return new Set([...chosen].map((j) => members[j]));
}

import type { Engine } from '../../engine/Engine.ts';
import { cfrAdapter, cfrChecks } from './cfr.ts';
import { cowStatesAdapter, diplomaticExchangeAdapter } from './cow.ts';
import { dcidCampaignsAdapter, dcidIncidentsAdapter } from './dcid.ts';
import { gsdbAdapter } from './gsdb.ts';
import type { AdapterLink, LabelledBuilder } from './kit.ts';
import { TIES_DIPLOMATIC_LINK, tiesAdapter } from './ties.ts';

export { LabelledBuilder } from './kit.ts';

/**
 * Every adapter's labels and checks. registry.ts loads this module (its own chunk in the app)
 * only once a loaded table matches a catalogued dataset: a user's own CSV never needs it.
 */
export interface Adapter {
  build: (b: LabelledBuilder) => void;
  /** Data checks run on the labelled view; each finding becomes a warning. */
  check?: (engine: Engine, view: string) => Promise<string[]>;
  link?: AdapterLink;
}

export const ADAPTERS: Record<string, Adapter> = {
  ties: { build: tiesAdapter, link: TIES_DIPLOMATIC_LINK },
  'dcid-incidents': { build: dcidIncidentsAdapter },
  'dcid-campaigns': { build: dcidCampaignsAdapter },
  'cow-states': { build: cowStatesAdapter },
  'diplomatic-exchange': { build: diplomaticExchangeAdapter },
  gsdb: { build: gsdbAdapter },
  cfr: { build: cfrAdapter, check: cfrChecks },
};

import type { ModuleManifest } from '../../platform/types.js';
import { ensureCatalogue } from './catalogue.load.js';
import { seedIndicatorsDemo } from './demo.seed.js';
import { indicatorsPolicy } from './indicators.policy.js';

/** Indicators (issue 8, docs/indicators.md): catalogue, entry, approval, roll-up, dashboard. */
export const indicatorsModule: ModuleManifest = {
  name: 'indicators',
  policy: indicatorsPolicy,
  routes: (_app, _deps) => {
    // Each part registers its routes here (catalogue, entry, approval, roll-up, spreadsheet).
  },
  referenceData: (db) => ensureCatalogue(db),
  seeds: [{ order: 70, name: 'indicators.demo', run: seedIndicatorsDemo }],
  reviewGates: [],
};

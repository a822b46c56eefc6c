import type { ModuleManifest } from '../../platform/types.js';
import { figuresGate } from './approval.service.js';
import { ensureCatalogue } from './catalogue.load.js';
import { registerApprovalRoutes } from './indicators.approval.routes.js';
import { indicatorsPolicy } from './indicators.policy.js';

/** Indicators (issue 8, docs/indicators.md): catalogue, entry, approval, roll-up, dashboard. */
export const indicatorsModule: ModuleManifest = {
  name: 'indicators',
  policy: indicatorsPolicy,
  routes: (app, deps) => {
    // Each part registers its routes here (catalogue, entry, approval, roll-up, spreadsheet).
    registerApprovalRoutes(app, deps);
  },
  referenceData: (db) => ensureCatalogue(db),
  seeds: [],
  reviewGates: [figuresGate],
};

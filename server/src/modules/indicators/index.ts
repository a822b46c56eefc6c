import type { ModuleManifest } from '../../platform/types.js';
import { figuresGate } from './approval.service.js';
import { ensureCatalogue } from './catalogue.load.js';
import { seedIndicatorsDemo } from './demo.seed.js';
import { registerApprovalRoutes } from './indicators.approval.routes.js';
import { registerCatalogueRoutes } from './indicators.catalogue.routes.js';
import { registerDashboardRoutes } from './indicators.dashboard.routes.js';
import { registerEntryRoutes } from './indicators.entry.routes.js';
import { indicatorsPolicy } from './indicators.policy.js';
import { registerSpreadsheetRoutes } from './indicators.spreadsheet.routes.js';

/** Indicators (issue 8, docs/indicators.md): catalogue, entry, approval, roll-up, dashboard. */
export const indicatorsModule: ModuleManifest = {
  name: 'indicators',
  policy: indicatorsPolicy,
  routes: (app, deps) => {
    // Each part registers its routes here (catalogue, entry, approval, roll-up, spreadsheet).
    registerCatalogueRoutes(app, deps);
    registerSpreadsheetRoutes(app, deps);
    registerEntryRoutes(app, deps);
    registerDashboardRoutes(app, deps);
    registerApprovalRoutes(app, deps);
  },
  referenceData: (db) => ensureCatalogue(db),
  seeds: [{ order: 70, name: 'indicators.demo', run: seedIndicatorsDemo }],
  reviewGates: [figuresGate],
};

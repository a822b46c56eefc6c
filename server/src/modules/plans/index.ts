import type { ModuleManifest } from '../../platform/types.js';
import { planEditRoutes } from './plans.edit.routes.js';
import { plansPolicy } from './plans.policy.js';
import { plansRoutes } from './plans.routes.js';
import { seedFoundingPlan } from './plans.seed.js';

export const plansModule: ModuleManifest = {
  name: 'plans',
  policy: plansPolicy,
  routes: (app, deps) => {
    plansRoutes(app, deps);
    planEditRoutes(app, deps);
  },
  seeds: [
    {
      order: 30,
      name: 'plans.founding',
      run: async (ctx) => {
        ctx.shared.set('plans.foundingDocumentId', (await seedFoundingPlan(ctx.db)).documentId);
      },
    },
  ],
};

import type { ModuleManifest } from '../../platform/types.js';
import { plansPolicy } from './plans.policy.js';
import { plansRoutes } from './plans.routes.js';
import { seedFoundingPlan } from './plans.seed.js';

export const plansModule: ModuleManifest = {
  name: 'plans',
  policy: plansPolicy,
  routes: plansRoutes,
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

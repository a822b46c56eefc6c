import { sharedValue } from '../../platform/bootstrap.js';
import type { ModuleManifest } from '../../platform/types.js';
import { organizationsPolicy } from './organizations.policy.js';
import { organizationsRoutes } from './organizations.routes.js';
import { seedDemoDirectory } from './organizations.seed.js';
import { OrganizationsService } from './organizations.service.js';

/** Key of the demo directory's unit ids by code in the seeds' shared values. */
export const DEMO_UNITS = 'organizations.units';
export const demoUnits = (ctx: Parameters<typeof sharedValue>[0]) => sharedValue<Map<string, string>>(ctx, DEMO_UNITS);

export const organizationsModule: ModuleManifest = {
  name: 'organizations',
  policy: organizationsPolicy,
  routes: organizationsRoutes,
  referenceData: (db) => new OrganizationsService(db).ensureReferenceData(),
  seeds: [
    {
      order: 10,
      name: 'organizations.directory',
      run: async (ctx) => {
        ctx.shared.set(DEMO_UNITS, await seedDemoDirectory(ctx.db));
      },
    },
  ],
};

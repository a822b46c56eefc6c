import type { ModuleManifest } from '../../platform/types.js';
import { overviewPolicy } from './overview.policy.js';
import { overviewRoutes } from './overview.routes.js';

/** The monitor's overview and the progress roll-up (issue 7, items 4 and 8): reads only. */
export const overviewModule: ModuleManifest = {
  name: 'overview',
  policy: overviewPolicy,
  routes: overviewRoutes,
};

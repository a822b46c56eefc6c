import type { ModuleManifest } from '../../platform/types.js';
import { reportsPolicy } from './reports.policy.js';
import { reportsRoutes } from './reports.routes.js';

export { ReportsService } from './reports.service.js';
export { timeliness } from './timeliness.js';

/** Reports per obligation, their review and timeline, evidence files, extensions (issue 7, part B). */
export const reportsModule: ModuleManifest = {
  name: 'reports',
  policy: reportsPolicy,
  routes: reportsRoutes,
};

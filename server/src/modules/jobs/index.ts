import type { ModuleManifest } from '../../platform/types.js';
import { jobsPolicy } from './jobs.policy.js';
import { jobsRoutes } from './jobs.routes.js';

/** The administrator's view of the durable job queue (platform/jobs.ts). */
export const jobsModule: ModuleManifest = { name: 'jobs', policy: jobsPolicy, routes: jobsRoutes };

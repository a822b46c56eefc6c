import type { ModuleManifest } from '../../platform/types.js';
import { purgeSessionsJob } from './auth.jobs.js';
import { authRoutes } from './auth.routes.js';

export const authModule: ModuleManifest = { name: 'auth', routes: authRoutes, jobs: [purgeSessionsJob] };

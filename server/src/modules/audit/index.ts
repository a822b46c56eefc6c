import type { ModuleManifest } from '../../platform/types.js';
import { auditPolicy } from './audit.policy.js';
import { auditRoutes } from './audit.routes.js';

export const auditModule: ModuleManifest = { name: 'audit', policy: auditPolicy, routes: auditRoutes };

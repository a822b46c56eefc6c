import type { ModuleManifest } from '../../platform/types.js';
import { plansRoutes } from './plans.routes.js';

export const plansModule: ModuleManifest = { name: 'plans', routes: plansRoutes };

import type { ModuleManifest } from '../../platform/types.js';
import { organizationsRoutes } from './organizations.routes.js';

export const organizationsModule: ModuleManifest = { name: 'organizations', routes: organizationsRoutes };

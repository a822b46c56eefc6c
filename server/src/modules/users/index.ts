import type { ModuleManifest } from '../../platform/types.js';
import { usersRoutes } from './users.routes.js';

export const usersModule: ModuleManifest = { name: 'users', routes: usersRoutes };

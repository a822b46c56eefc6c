import type { ModuleManifest } from '../../platform/types.js';
import { demoUnits } from '../organizations/index.js';
import { usersPolicy } from './users.policy.js';
import { usersRoutes } from './users.routes.js';
import { seedDemoUsers } from './users.seed.js';

export const usersModule: ModuleManifest = {
  name: 'users',
  policy: usersPolicy,
  routes: usersRoutes,
  seeds: [{ order: 50, name: 'users.demo', run: (ctx) => seedDemoUsers(ctx.db, demoUnits(ctx), ctx.demoPassword) }],
};

import type { ModuleManifest } from '../../platform/types.js';
import { disseminationPolicy } from './dissemination.policy.js';
import { disseminationRoutes } from './dissemination.routes.js';

export { DisseminationService, type RecordSessionInput } from './dissemination.service.js';

export const disseminationModule: ModuleManifest = {
  name: 'dissemination',
  policy: disseminationPolicy,
  routes: disseminationRoutes,
};

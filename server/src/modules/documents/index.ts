import { sharedValue } from '../../platform/bootstrap.js';
import type { ModuleManifest } from '../../platform/types.js';
import { demoUnits } from '../organizations/index.js';
import { documentsPolicy } from './documents.policy.js';
import { documentsRoutes } from './documents.routes.js';
import { seedCascade, seedSourceDocuments } from './documents.seed.js';

export const documentsModule: ModuleManifest = {
  name: 'documents',
  policy: documentsPolicy,
  routes: documentsRoutes,
  seeds: [
    { order: 20, name: 'documents.sources', run: (ctx) => seedSourceDocuments(ctx.db, demoUnits(ctx)).then(() => {}) },
    {
      order: 40,
      name: 'documents.cascade',
      run: (ctx) => seedCascade(ctx.db, demoUnits(ctx), sharedValue<string>(ctx, 'plans.foundingDocumentId')),
    },
  ],
};

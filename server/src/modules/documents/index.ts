import type { ModuleManifest } from '../../platform/types.js';
import { documentsRoutes } from './documents.routes.js';

export const documentsModule: ModuleManifest = { name: 'documents', routes: documentsRoutes };

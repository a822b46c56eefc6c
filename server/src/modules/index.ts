import { registerChangeHandlers, registerReviewGates } from '../platform/plan-events.js';
import type { ModuleManifest } from '../platform/types.js';
import { auditModule } from './audit/index.js';
import { authModule } from './auth/index.js';
import { disseminationModule } from './dissemination/index.js';
import { documentsModule } from './documents/index.js';
import { followupModule } from './followup/index.js';
import { indicatorsModule } from './indicators/index.js';
import { jobsModule } from './jobs/index.js';
import { organizationsModule } from './organizations/index.js';
import { overviewModule } from './overview/index.js';
import { plansModule } from './plans/index.js';
import { remindersModule } from './reminders/index.js';
import { reportsModule } from './reports/index.js';
import { usersModule } from './users/index.js';

/** Every module, in the order its routes are registered. */
export const modules: ModuleManifest[] = [
  authModule,
  usersModule,
  organizationsModule,
  documentsModule,
  plansModule,
  auditModule,
  jobsModule,
  disseminationModule,
  reportsModule,
  overviewModule,
  remindersModule,
  followupModule,
  indicatorsModule,
];

// Writers announce plan and directory changes; the modules listening are wired here, once.
registerChangeHandlers(modules);
registerReviewGates(modules.flatMap((m) => m.reviewGates ?? []));

import type { ModuleManifest } from '../../platform/types.js';
import { deliverJob, mailJob, scanJob } from './ladder.js';
import { remindersPolicy } from './reminders.policy.js';
import { remindersRoutes } from './reminders.routes.js';

/**
 * Reminders and escalation (issue 7, item 5): the ladder per plan on the durable jobs, in-app
 * notifications, e-mail, the request for explanation. docs/followup.md "Reminders and escalation".
 */
export const remindersModule: ModuleManifest = {
  name: 'reminders',
  policy: remindersPolicy,
  routes: remindersRoutes,
  jobs: [scanJob, deliverJob, mailJob],
};

export { runRemindersAt } from './ladder.js';

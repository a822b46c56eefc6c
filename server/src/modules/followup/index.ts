import type { JobDefinition, ModuleManifest } from '../../platform/types.js';
import { seedFollowupStory } from './demo.seed.js';
import { obligationsPolicy } from './obligations.policy.js';
import { obligationsRoutes } from './obligations.routes.js';
import { onDirectoryChanged, onPlanChanged, setHandlerClock, syncAllPlans } from './obligations.sync.js';

/** Every morning: the obligations of the periods that started (and any the events missed). */
export const syncJob: JobDefinition = {
  name: 'followup.sync',
  schedule: { cron: '15 0 * * *' },
  expireInSeconds: 600,
  handler: async (ctx) => {
    await syncAllPlans(ctx.db, ctx.clock.today());
  },
};

/** The follow-through (issue 7): obligations, regimes, what I owe, a leader's home. */
export const followupModule: ModuleManifest = {
  name: 'followup',
  policy: obligationsPolicy,
  routes: (app, deps) => {
    // The change handlers have no clock of their own: they take the application's.
    setHandlerClock(() => deps.clock.today());
    obligationsRoutes(app, deps);
  },
  jobs: [syncJob],
  // The demo's story across modules (reports, reminders, dissemination), after the users (50).
  seeds: [{ order: 60, name: 'followup.demo', run: seedFollowupStory }],
  onPlanChanged,
  onDirectoryChanged,
};

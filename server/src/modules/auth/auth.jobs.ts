import type { JobDefinition } from '../../platform/types.js';

/** Every night: sessions past their expiry are deleted (logins also sweep them). */
export const purgeSessionsJob: JobDefinition = {
  name: 'auth.purge-sessions',
  schedule: { cron: '30 2 * * *' },
  handler: async (ctx) => {
    await ctx.db.deleteFrom('user_session').where('expires_at', '<', ctx.clock.now()).execute();
  },
};

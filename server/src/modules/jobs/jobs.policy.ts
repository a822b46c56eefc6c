import { type Actor, authorize, DIRECTORY } from '../../platform/access.js';

/**
 * The job queue is the installation's, not a unit's: only a system administrator (an admin
 * grant without a unit) sees and steers it.
 */
export const jobsPolicy = {
  assertCanManage(actor: Actor): void {
    authorize(actor, 'job.manage', DIRECTORY);
  },
};

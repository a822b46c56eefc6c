import type { Actor } from '../../platform/access.js';
import { forbidden } from '../../platform/errors.js';

/** The job queue is the installation's, not a unit's: only a system administrator (an admin
 * grant without a unit) sees and steers it. */
export const jobsPolicy = {
  assertCanManage(actor: Actor): void {
    if (!actor.grants.some((g) => g.role === 'admin' && g.unitId === null)) throw forbidden();
  },
};

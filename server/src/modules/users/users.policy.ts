import { type Actor, hasCapability } from '../../platform/access.js';
import { forbidden } from '../../platform/errors.js';

export const usersPolicy = {
  assertCanManage(actor: Actor): void {
    if (!hasCapability(actor, 'users.manage')) throw forbidden();
  },
};

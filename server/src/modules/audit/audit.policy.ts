import { type Actor, hasCapability } from '../../platform/access.js';
import { forbidden } from '../../platform/errors.js';

export const auditPolicy = {
  assertCanRead(actor: Actor): void {
    if (!hasCapability(actor, 'audit.read')) throw forbidden();
  },
};

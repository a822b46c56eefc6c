import { type Actor, concernsActor, hasCapability } from '../../platform/access.js';
import { forbidden, outOfScope } from '../../platform/errors.js';

/**
 * A plan concerns the units inside the actor's scope and every unit above them: a commune
 * sees the plans its district and province issued, but not another commune's plan.
 */
export const plansPolicy = {
  canRead: (actor: Actor, ownerPath: string) => concernsActor(actor, ownerPath),
  assertCanRead(actor: Actor, ownerPath: string): void {
    if (!concernsActor(actor, ownerPath)) throw outOfScope();
  },
  assertCanManage(actor: Actor): void {
    if (!hasCapability(actor, 'plans.manage')) throw forbidden();
  },
};

import { type Actor, canReadPath, concernsActor, hasCapability } from '../../platform/access.js';
import { forbidden, outOfScope } from '../../platform/errors.js';

/**
 * A plan applies to a territory (its owner's nearest area). It concerns whoever may read its
 * owner, and every unit inside its territory: a commune sees the plans its district and
 * province issued, but not another commune's plan.
 */
export const plansPolicy = {
  canRead: (actor: Actor, plan: { ownerPath: string; scopePath: string }) =>
    canReadPath(actor, plan.ownerPath) || concernsActor(actor, plan.scopePath),
  assertCanRead(actor: Actor, plan: { ownerPath: string; scopePath: string }): void {
    if (!plansPolicy.canRead(actor, plan)) throw outOfScope();
  },
  /** Creating a plan for a unit requires reading that unit. */
  assertCanCreateFor(actor: Actor, ownerPath: string): void {
    if (!canReadPath(actor, ownerPath)) throw outOfScope();
  },
  assertCanManage(actor: Actor): void {
    if (!hasCapability(actor, 'plans.manage')) throw forbidden();
  },
};

import { type Actor, ANYWHERE, allowedActions, authorize, can, type PlanObject } from '../../platform/access.js';

interface Placed {
  ownerPath: string;
  scopePath: string;
}

const object = (plan: Placed, assigneePaths?: readonly string[]): PlanObject => ({
  type: 'plan',
  ownerPath: plan.ownerPath,
  scopePath: plan.scopePath,
  ...(assigneePaths ? { assigneePaths } : {}),
});

/** What an answer about a plan lists as its `actions`. */
export const PLAN_ACTIONS = ['plan.read', 'plan.manage'] as const;

/**
 * Plans through `authorize()` (platform/access.ts). A plan applies to a territory (its owner's
 * nearest area): it is readable by whoever reads its owner and by everyone inside its territory
 * (a commune sees its district's plans, not another commune's). Creating or changing a plan
 * needs one grant carrying `plans.manage` that covers the owner AND every unit assigned a task.
 */
export const plansPolicy = {
  canRead: (actor: Actor, plan: Placed) => can(actor, 'plan.read', object(plan)),
  assertCanRead: (actor: Actor, plan: Placed) => authorize(actor, 'plan.read', object(plan)),
  /** Reading a file into a preview writes nothing; any grant with `plans.manage` may. */
  assertCanImport: (actor: Actor) => authorize(actor, 'plan.import', ANYWHERE),
  canCreateFor: (actor: Actor, plan: Placed) => can(actor, 'plan.create', object(plan)),
  assertCanCreate: (actor: Actor, plan: Placed, assigneePaths: readonly string[]) =>
    authorize(actor, 'plan.create', object(plan, assigneePaths)),
  assertCanManage: (actor: Actor, plan: Placed, assigneePaths?: readonly string[]) =>
    authorize(actor, 'plan.manage', object(plan, assigneePaths)),
  /** A withdrawn or replaced plan is read, never managed again. */
  actions: (actor: Actor, plan: Placed, status: string = 'active') =>
    allowedActions(actor, PLAN_ACTIONS, object(plan)).filter((a) => status === 'active' || a !== 'plan.manage'),
};

import { type Actor, can, ROLE_DEFINITIONS, readablePrefixes } from '../../platform/access.js';
import { plansPolicy } from '../plans/plans.policy.js';

interface Placed {
  ownerPath: string;
  scopePath: string;
}

/**
 * Who may do what with obligations and regimes, over `authorize()` (platform/access.ts).
 * - A plan's regime, reporting line and span: read by whoever reads the plan; changed by whoever
 *   manages it (`plan.manage`, a grant carrying `plans.manage` that covers the owner).
 * - "What I owe": the units the actor answers for — every unit a grant carrying `reports.write`
 *   covers (its subtree), or the actor's home unit when no grant carries it.
 * - A leader's home: the actor's whole readable scope.
 */
export const obligationsPolicy = {
  assertCanRead: (actor: Actor, plan: Placed) => plansPolicy.assertCanRead(actor, plan),
  assertCanManage: (actor: Actor, plan: Placed) => plansPolicy.assertCanManage(actor, plan),
  actions: (actor: Actor, plan: Placed) =>
    can(actor, 'plan.manage', { type: 'plan', ownerPath: plan.ownerPath, scopePath: plan.scopePath })
      ? ['plan.manage']
      : [],
  /** Path prefixes of the units the actor writes reports for; [] when none (then: the home unit). */
  owingPrefixes(actor: Actor): string[] | null {
    const writers = actor.grants.filter((g) => ROLE_DEFINITIONS[g.role].can.has('reports.write'));
    if (writers.some((g) => g.unitPath === null)) return null;
    return writers.map((g) => g.unitPath as string);
  },
  /** The scope of a leader's home: every unit the actor reads (null: everything). */
  homePrefixes: (actor: Actor) => readablePrefixes(actor),
};

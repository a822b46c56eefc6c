import { type Actor, authorize, canReadPath, readablePrefixes, unitObject } from '../../platform/access.js';
import { plansPolicy } from '../plans/plans.policy.js';
import type { Scope } from './overview.repository.js';

interface Placed {
  owner_path: string;
  scope_path: string;
  reports_to_path: string | null;
}

/**
 * The overview reads reports, so it shows exactly what `report.read` allows (platform/access.ts):
 * an obligation is visible to whoever reads the unit that owes it, and to whoever reads the unit
 * that receives it — the plan's owner for a task, the plan's `reports_to` for the plan's own
 * report. In set form: the viewer's path prefixes over the owing unit, or every task obligation
 * when the viewer reads the owner. The plan itself must be readable (`plan.read`).
 */
export const overviewPolicy = {
  assertCanRead: (actor: Actor, plan: Placed) =>
    plansPolicy.assertCanRead(actor, { ownerPath: plan.owner_path, scopePath: plan.scope_path }),
  scope: (actor: Actor, plan: Placed): Scope => ({
    prefixes: readablePrefixes(actor),
    readsOwner: canReadPath(actor, plan.owner_path),
    readsReportsTo: plan.reports_to_path !== null && canReadPath(actor, plan.reports_to_path),
  }),
  /** The drill-down unit must be one the viewer reads (403 out_of_scope otherwise). */
  assertCanReadUnit: (actor: Actor, path: string) => authorize(actor, 'unit.read', unitObject(path)),
};

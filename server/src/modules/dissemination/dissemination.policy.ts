import { type Actor, allowedActions, authorize, can, canReadPath, unitObject } from '../../platform/access.js';
import { plansPolicy } from '../plans/plans.policy.js';

/** What an answer about a session lists as its `actions`. */
export const SESSION_ACTIONS = ['dissemination.write'] as const;

/**
 * Dissemination through `authorize()` (platform/access.ts). A unit's sessions are recorded,
 * edited and withdrawn by a grant carrying `reports.write` that covers the unit
 * (`dissemination.write`); a unit's sessions are read by whoever reads the plan or the unit, and
 * every list is filtered to the units the viewer reads.
 */
export const disseminationPolicy = {
  assertCanReadPlan: plansPolicy.assertCanRead,
  canReadUnit: (actor: Actor, unitPath: string) => canReadPath(actor, unitPath),
  canWrite: (actor: Actor, unitPath: string) => can(actor, 'dissemination.write', unitObject(unitPath)),
  assertCanWrite: (actor: Actor, unitPath: string) => authorize(actor, 'dissemination.write', unitObject(unitPath)),
  actions: (actor: Actor, unitPath: string) => allowedActions(actor, SESSION_ACTIONS, unitObject(unitPath)),
};

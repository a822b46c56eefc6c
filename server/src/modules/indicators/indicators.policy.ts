import { type Actor, authorize, can, DIRECTORY, unitObject } from '../../platform/access.js';

/**
 * Who may do what with indicators (platform/access.ts): read a unit's figures and its subtree's
 * roll-up where the unit is readable; type them with reports.write on the unit; submit and review
 * through the follow-through (report.* on the `figures` obligation); reopen a locked period and
 * edit the catalogue and targets with indicators.manage (administrators).
 */
export const indicatorsPolicy = {
  canRead: (actor: Actor, unitPath: string) => can(actor, 'indicator.read', unitObject(unitPath)),
  assertCanRead: (actor: Actor, unitPath: string) => authorize(actor, 'indicator.read', unitObject(unitPath)),
  canEnter: (actor: Actor, unitPath: string) => can(actor, 'indicator.enter', unitObject(unitPath)),
  assertCanEnter: (actor: Actor, unitPath: string) => authorize(actor, 'indicator.enter', unitObject(unitPath)),
  canReopen: (actor: Actor, unitPath: string) => can(actor, 'indicator.reopen', unitObject(unitPath)),
  assertCanReopen: (actor: Actor, unitPath: string) => authorize(actor, 'indicator.reopen', unitObject(unitPath)),
  canManageCatalogue: (actor: Actor) => can(actor, 'indicator.catalogue', DIRECTORY),
  assertCanManageCatalogue: (actor: Actor) => authorize(actor, 'indicator.catalogue', DIRECTORY),
  /** A unit's own target (unitPath) or a national one (null). */
  assertCanSetTarget: (actor: Actor, unitPath: string | null) =>
    unitPath === null
      ? authorize(actor, 'indicator.catalogue', DIRECTORY)
      : authorize(actor, 'indicator.target', unitObject(unitPath)),
};

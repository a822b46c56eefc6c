import { type Actor, canReadPath, hasCapability, readablePrefixes } from '../../platform/access.js';
import { forbidden, outOfScope } from '../../platform/errors.js';

/** Who may do what with organisation units. */
export const organizationsPolicy = {
  /** Path prefixes whose units the actor may list; null = every unit. */
  readable: (actor: Actor) => readablePrefixes(actor),
  assertCanRead(actor: Actor, unit: { path: string }): void {
    if (!canReadPath(actor, unit.path)) throw outOfScope();
  },
  /** Creating, editing, moving and closing units, and editing levels: administrators. */
  assertCanManage(actor: Actor): void {
    if (!hasCapability(actor, 'directory.manage')) throw forbidden();
  },
};

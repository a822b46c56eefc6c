import { type Actor, canReadPath, concernsActor, hasCapability } from '../../platform/access.js';
import { forbidden, outOfScope } from '../../platform/errors.js';

interface Located {
  issuer_path: string | null;
  scope_path: string | null;
}

/**
 * Documents from outside the directory (the centre's directives) are readable by everyone.
 * A document of a unit is readable by whoever reads that unit, and by everyone inside the
 * unit's territory (a commune reads its district's plan, not another commune's).
 */
export const documentsPolicy = {
  readable(actor: Actor, doc: Located): boolean {
    if (!doc.issuer_path) return true;
    return canReadPath(actor, doc.issuer_path) || (doc.scope_path !== null && concernsActor(actor, doc.scope_path));
  },
  assertCanRead(actor: Actor, doc: Located): void {
    if (!documentsPolicy.readable(actor, doc)) throw outOfScope();
  },
  /**
   * Registering and editing documents: administrators and monitors. A unit's documents from
   * above (its province's letters) may be registered by whoever they concern.
   */
  assertCanWrite(actor: Actor, doc: Located): void {
    if (!hasCapability(actor, 'plans.manage')) throw forbidden();
    if (!documentsPolicy.readable(actor, doc)) throw outOfScope();
  },
};

import { type Actor, authorize, DIRECTORY } from '../../platform/access.js';

export const auditPolicy = {
  assertCanRead: (actor: Actor) => authorize(actor, 'audit.read', DIRECTORY),
};

import { type Actor, allowedActions, authorize, DIRECTORY } from '../../platform/access.js';

/** Users and grants belong to the whole directory (platform/access.ts). */
export const usersPolicy = {
  assertCanManage: (actor: Actor) => authorize(actor, 'user.manage', DIRECTORY),
  /** What an answer about a user lists as its `actions`. */
  actions: (actor: Actor) => allowedActions(actor, ['user.manage'], DIRECTORY),
};

import {
  type Actor,
  ANYWHERE,
  allowedActions,
  authorize,
  can,
  DIRECTORY,
  readablePrefixes,
  unitObject,
} from '../../platform/access.js';

/** What an answer about a unit lists as its `actions` (`unit.create`: add a unit under it). */
export const UNIT_ACTIONS = ['unit.read', 'unit.manage', 'unit.create'] as const;

/** Organisation units through `authorize()` (platform/access.ts). */
export const organizationsPolicy = {
  /** Path prefixes whose units the actor may list (the SQL form of `unit.read`); null = every unit. */
  readable: (actor: Actor) => readablePrefixes(actor),
  canRead: (actor: Actor, unit: { path: string }) => can(actor, 'unit.read', unitObject(unit.path)),
  assertCanRead: (actor: Actor, unit: { path: string }) => authorize(actor, 'unit.read', unitObject(unit.path)),
  /** Creating a unit under a parent (null: a new root, which only a whole-directory grant may add). */
  assertCanCreateUnder: (actor: Actor, parent: { path: string } | null) =>
    authorize(actor, 'unit.create', parent ? unitObject(parent.path) : DIRECTORY),
  /** May the actor add units anywhere at all? (Asked before telling them a parent does not exist.) */
  assertCanCreateSomewhere: (actor: Actor) => authorize(actor, 'unit.create', ANYWHERE),
  /** Editing, moving and closing a unit. */
  assertCanManage: (actor: Actor, unit: { path: string }) => authorize(actor, 'unit.manage', unitObject(unit.path)),
  /** Levels belong to the whole directory. */
  assertCanManageLevels: (actor: Actor) => authorize(actor, 'level.manage', DIRECTORY),
  actions: (actor: Actor, unit: { path: string }) => allowedActions(actor, UNIT_ACTIONS, unitObject(unit.path)),
};

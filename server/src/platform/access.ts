/**
 * Who a caller is and what part of the organisation tree they may see. A grant is
 * (user, unit, role); every role covers the granted unit and its subtree for reading, and
 * the capabilities below say what else it may do. Module policies build on these helpers.
 */
export const ROLES = ['admin', 'monitor', 'viewer', 'unit_head', 'unit_officer'] as const;
export type Role = (typeof ROLES)[number];

export interface RoleDefinition {
  /** Does the grant reach the unit's descendants? */
  coversSubtree: boolean;
  /** Capabilities beyond reading the scope. */
  can: ReadonlySet<Capability>;
}

export type Capability =
  | 'directory.manage' // create, edit, move, close units; levels
  | 'users.manage' // users and grants
  | 'audit.read'
  | 'plans.manage'; // create and edit plans (importer issue)

export const ROLE_DEFINITIONS: Record<Role, RoleDefinition> = {
  admin: { coversSubtree: true, can: new Set(['directory.manage', 'users.manage', 'audit.read', 'plans.manage']) },
  monitor: { coversSubtree: true, can: new Set(['plans.manage']) },
  viewer: { coversSubtree: true, can: new Set() },
  unit_head: { coversSubtree: true, can: new Set() },
  unit_officer: { coversSubtree: true, can: new Set() },
};

export interface Grant {
  role: Role;
  /** null: the whole directory (system administrator). */
  unitId: string | null;
  unitPath: string | null;
  unitName: string | null;
}

export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  homeUnitId: string | null;
  grants: Grant[];
}

/** Request context handed from routes to services. */
export interface Ctx {
  actor: Actor;
  ip?: string | undefined;
}

/** A system actor for the CLI and the demo loader. */
export const SYSTEM_ACTOR: Actor = {
  userId: '',
  username: 'system',
  displayName: 'Hệ thống',
  homeUnitId: null,
  grants: [{ role: 'admin', unitId: null, unitPath: null, unitName: null }],
};

export function hasCapability(actor: Actor, capability: Capability): boolean {
  return actor.grants.some((g) => ROLE_DEFINITIONS[g.role].can.has(capability));
}

/** Path prefixes the actor may read; null means everything. */
export function readablePrefixes(actor: Actor): string[] | null {
  if (actor.grants.some((g) => g.unitPath === null)) return null;
  return actor.grants.map((g) => g.unitPath as string);
}

/** Is a unit (by its materialized path) inside the actor's scope? */
export function canReadPath(actor: Actor, path: string): boolean {
  return actor.grants.some((g) => {
    if (g.unitPath === null) return true;
    return ROLE_DEFINITIONS[g.role].coversSubtree ? path.startsWith(g.unitPath) : path === g.unitPath;
  });
}

/**
 * Does a unit's work concern the actor? True inside the scope, and for the ancestors of a
 * granted unit: a commune sees the plans that its district and province issued for it.
 */
export function concernsActor(actor: Actor, path: string): boolean {
  return canReadPath(actor, path) || actor.grants.some((g) => g.unitPath?.startsWith(path));
}

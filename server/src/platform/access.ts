import { AppError, forbidden, outOfScope } from './errors.js';

/**
 * Who a caller is and what they may do. A grant is (user, unit, role). Every question "may this
 * actor do this action on this object?" is answered by `authorize()` / `can()` below, and the
 * answer is yes only when ONE grant both carries the capability the action needs and covers the
 * object. Two half-answers from two grants (a monitor's capability in one commune, a viewer's
 * scope in another) are never combined. Module policies are thin names over these functions.
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
  | 'jobs.manage' // the installation's background job queue
  | 'documents.write' // register, edit, attach files to and link documents
  | 'plans.manage' // create and edit plans
  | 'reports.write' // draft a unit's reports, ask for extensions, record its dissemination
  | 'reports.submit' // submit a unit's report to the level above (the unit head)
  | 'reports.review' // accept or return reports, decide extensions, send escalations (the level above)
  | 'indicators.manage'; // the indicator catalogue and targets; reopen a locked period for a unit

export const ROLE_DEFINITIONS: Record<Role, RoleDefinition> = {
  admin: {
    coversSubtree: true,
    can: new Set([
      'directory.manage',
      'users.manage',
      'audit.read',
      'jobs.manage',
      'documents.write',
      'plans.manage',
      'reports.review',
      'indicators.manage',
    ]),
  },
  monitor: { coversSubtree: true, can: new Set(['documents.write', 'plans.manage', 'reports.review']) },
  viewer: { coversSubtree: true, can: new Set() },
  // A unit head registers and imports its own unit's implementing plan (the cascade's "issue your
  // own plan", issue 7): plans and documents inside the unit's subtree only (docs/followup.md).
  unit_head: {
    coversSubtree: true,
    can: new Set(['reports.write', 'reports.submit', 'documents.write', 'plans.manage']),
  },
  unit_officer: { coversSubtree: true, can: new Set(['reports.write']) },
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

// ---------------------------------------------------------------------------------------------
// Objects: where a thing sits in the organisation tree, which is all the rules look at.

/** The installation as a whole (levels, users, the audit log): only a grant without a unit covers it. */
export interface DirectoryObject {
  type: 'directory';
}
/** "Somewhere": any grant covers it. For list-level questions ("may I create a document at all?"). */
export interface AnywhereObject {
  type: 'anywhere';
}
export interface UnitObject {
  type: 'unit';
  path: string;
}
/** A document: its issuer's path (null: a central document outside the directory) and its territory. */
export interface DocumentObject {
  type: 'document';
  issuerPath: string | null;
  scopePath: string | null;
}
/** A plan: its owner, its territory, and (for writes) every unit its tasks are assigned to. */
export interface PlanObject {
  type: 'plan';
  ownerPath: string;
  scopePath: string;
  assigneePaths?: readonly string[];
}

/**
 * What a unit owes (an obligation, its report, its extension requests): the unit that owes it and
 * the unit that receives it — the plan's owner for a task, the plan's `reports_to` for the plan's
 * own report upward.
 */
export interface ObligationObject {
  type: 'obligation';
  unitPath: string;
  reviewerPath: string;
}

export const DIRECTORY: DirectoryObject = { type: 'directory' };
export const ANYWHERE: AnywhereObject = { type: 'anywhere' };

export const unitObject = (path: string): UnitObject => ({ type: 'unit', path });

interface ObjectOf {
  'unit.read': UnitObject;
  'unit.create': UnitObject | DirectoryObject | AnywhereObject;
  'unit.manage': UnitObject;
  'level.manage': DirectoryObject;
  'document.read': DocumentObject;
  'document.create': DocumentObject | AnywhereObject;
  'document.write': DocumentObject;
  'document.attach': DocumentObject;
  'plan.read': PlanObject;
  'plan.import': AnywhereObject;
  'plan.create': PlanObject | AnywhereObject;
  'plan.manage': PlanObject;
  'user.manage': DirectoryObject;
  'audit.read': DirectoryObject;
  'job.manage': DirectoryObject;
  'report.read': ObligationObject;
  'report.write': ObligationObject;
  'report.submit': ObligationObject;
  'report.review': ObligationObject;
  'extension.request': ObligationObject;
  'extension.decide': ObligationObject;
  'dissemination.write': UnitObject;
  /** A unit's indicator values (and the roll-up of its subtree). */
  'indicator.read': UnitObject;
  /** Type a unit's values (the reports.write of figures); submitting and review are report.* on the obligation. */
  'indicator.enter': UnitObject;
  /** Reopen a locked period for one unit. */
  'indicator.reopen': UnitObject;
  /** The catalogue: categories, data elements, indicators, validation rules, national targets. */
  'indicator.catalogue': DirectoryObject;
  /** A unit's own target for its subtree. */
  'indicator.target': UnitObject | DirectoryObject;
}
export type Action = keyof ObjectOf;
export type AccessObject = ObjectOf[Action];

// ---------------------------------------------------------------------------------------------
// Coverage of one grant.

/** Does the grant cover a unit (by its materialized path)? */
function coversPath(g: Grant, path: string): boolean {
  if (g.unitPath === null) return true;
  return ROLE_DEFINITIONS[g.role].coversSubtree ? path.startsWith(g.unitPath) : path === g.unitPath;
}

/** Does the grant lie inside a territory (a commune's grant lies inside its district)? */
function inside(g: Grant, territoryPath: string): boolean {
  return g.unitPath?.startsWith(territoryPath) ?? false;
}

/** A unit's work concerns the grant: inside its scope, or an ancestor territory of its unit. */
function concerns(g: Grant, path: string): boolean {
  return coversPath(g, path) || inside(g, path);
}

interface Rule<O> {
  /** The capability the grant must carry; null: reading, which every grant carries. */
  capability: Capability | null;
  /** Objects everyone signed in may take this action on, without any grant. */
  open?: (o: O) => boolean;
  /** Does this one grant cover the object? (directory and anywhere objects are handled before.) */
  covers: (g: Grant, o: O) => boolean;
}

/** Keeps a rule's object type while storing it among the others. */
const rule = <O>(r: Rule<O>): Rule<never> => r;

const documentWrite: Rule<DocumentObject> = {
  capability: 'documents.write',
  // A central document (no issuer unit) belongs to no subtree: only a whole-directory grant writes it.
  covers: (g, d) => (d.issuerPath === null ? g.unitPath === null : coversPath(g, d.issuerPath)),
};

const planWrite: Rule<PlanObject> = {
  capability: 'plans.manage',
  // The owner and every unit the plan assigns work to lie inside the same grant.
  covers: (g, p) => coversPath(g, p.ownerPath) && (p.assigneePaths ?? []).every((a) => coversPath(g, a)),
};

/** The unit that owes: its own grants (and grants above it carrying the capability). */
const owedBy = (capability: Capability): Rule<never> =>
  rule<ObligationObject>({ capability, covers: (g, o) => coversPath(g, o.unitPath) });
/**
 * The level that receives: a grant covering the receiving unit, and not one that lies inside the
 * reporting unit itself (a unit never accepts its own report).
 */
const receivedBy: Rule<never> = rule<ObligationObject>({
  capability: 'reports.review',
  covers: (g, o) => coversPath(g, o.reviewerPath) && !(g.unitPath?.startsWith(o.unitPath) ?? false),
});

const unitManage: Rule<UnitObject> = { capability: 'directory.manage', covers: (g, u) => coversPath(g, u.path) };
const directoryOnly = (capability: Capability): Rule<never> => ({ capability, covers: () => false });

/** One rule per action; the object types of `ObjectOf` keep callers honest. */
const RULES: Record<Action, Rule<never>> = {
  'unit.read': rule<UnitObject>({ capability: null, covers: (g, u) => coversPath(g, u.path) }),
  'unit.create': unitManage,
  'unit.manage': unitManage,
  'level.manage': directoryOnly('directory.manage'),
  // Central documents are readable by everyone; a unit's document by whoever reads the issuer,
  // and by everyone inside its territory (a commune reads its district's plan, not another commune's).
  'document.read': rule<DocumentObject>({
    capability: null,
    open: (d) => d.issuerPath === null,
    covers: (g, d) =>
      (d.issuerPath !== null && coversPath(g, d.issuerPath)) || (d.scopePath !== null && concerns(g, d.scopePath)),
  }),
  'document.create': documentWrite,
  'document.write': documentWrite,
  'document.attach': documentWrite,
  // A plan is readable by whoever reads its owner, and by everyone inside its territory.
  'plan.read': rule<PlanObject>({
    capability: null,
    covers: (g, p) => coversPath(g, p.ownerPath) || concerns(g, p.scopePath),
  }),
  'plan.import': directoryOnly('plans.manage'), // asked only of ANYWHERE
  'plan.create': planWrite,
  'plan.manage': planWrite,
  'user.manage': directoryOnly('users.manage'),
  'audit.read': directoryOnly('audit.read'),
  'job.manage': directoryOnly('jobs.manage'),
  // A report is read by whoever reads the unit that owes it and by the level that receives it.
  'report.read': rule<ObligationObject>({
    capability: null,
    covers: (g, o) => coversPath(g, o.unitPath) || coversPath(g, o.reviewerPath),
  }),
  'report.write': owedBy('reports.write'),
  'report.submit': owedBy('reports.submit'),
  'report.review': receivedBy,
  'extension.request': owedBy('reports.write'),
  'extension.decide': receivedBy,
  'dissemination.write': rule<UnitObject>({ capability: 'reports.write', covers: (g, u) => coversPath(g, u.path) }),
  'indicator.read': rule<UnitObject>({ capability: null, covers: (g, u) => coversPath(g, u.path) }),
  'indicator.enter': rule<UnitObject>({ capability: 'reports.write', covers: (g, u) => coversPath(g, u.path) }),
  'indicator.reopen': rule<UnitObject>({ capability: 'indicators.manage', covers: (g, u) => coversPath(g, u.path) }),
  'indicator.catalogue': directoryOnly('indicators.manage'),
  'indicator.target': rule<UnitObject>({ capability: 'indicators.manage', covers: (g, u) => coversPath(g, u.path) }),
};

function carries(g: Grant, capability: Capability | null): boolean {
  return capability === null || ROLE_DEFINITIONS[g.role].can.has(capability);
}

function grantAllows(g: Grant, rule: Rule<never>, object: AccessObject): boolean {
  if (!carries(g, rule.capability)) return false;
  if (object.type === 'anywhere') return true;
  if (object.type === 'directory') return g.unitPath === null;
  return rule.covers(g, object as never);
}

/** May the actor take the action on the object? One grant must carry the capability AND cover the object. */
export function can<A extends Action>(actor: Actor, action: A, object: ObjectOf[A]): boolean {
  const rule = RULES[action];
  if (rule.open && object.type !== 'anywhere' && object.type !== 'directory' && rule.open(object as never)) return true;
  return actor.grants.some((g) => grantAllows(g, rule, object));
}

/**
 * Throws unless `can()`: 403 `out_of_scope` for a read outside every grant, 403 `forbidden`
 * when no grant of the actor carries the capability at all, 403 `not_granted_here` when one
 * does but none of those covers the object.
 */
export function authorize<A extends Action>(actor: Actor, action: A, object: ObjectOf[A]): void {
  if (can(actor, action, object)) return;
  const { capability } = RULES[action];
  if (capability === null) throw outOfScope();
  if (!actor.grants.some((g) => carries(g, capability))) throw forbidden();
  throw new AppError(403, 'not_granted_here');
}

/** The subset of `actions` the actor may take on one object: what an answer's `actions` lists. */
export function allowedActions<A extends Action>(actor: Actor, actions: readonly A[], object: ObjectOf[A]): A[] {
  return actions.filter((a) => can(actor, a, object));
}

/** Actions that are not about one object: shown in /auth/me as the list-level buttons and menu entries. */
export function globalActions(actor: Actor): Action[] {
  const somewhere = (['document.create', 'plan.import', 'plan.create', 'unit.create'] as const).filter((a) =>
    can(actor, a, ANYWHERE),
  );
  const directory = (
    ['level.manage', 'user.manage', 'audit.read', 'job.manage', 'indicator.catalogue'] as const
  ).filter((a) => can(actor, a, DIRECTORY));
  return [...somewhere, ...directory];
}

// ---------------------------------------------------------------------------------------------
// Reading in SQL: the same read rules as a filter (reads need no capability, so any grant's
// coverage suffices and the per-grant conditions can be OR-ed).

/** Path prefixes the actor may read; null means everything. */
export function readablePrefixes(actor: Actor): string[] | null {
  if (actor.grants.some((g) => g.unitPath === null)) return null;
  return actor.grants.map((g) => g.unitPath as string);
}

/** Is a unit inside the actor's scope? Shorthand for `can(actor, 'unit.read', unit)`. */
export function canReadPath(actor: Actor, path: string): boolean {
  return can(actor, 'unit.read', unitObject(path));
}

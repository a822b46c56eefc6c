import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/** The SQL of plan editing (plans.edit.service.ts). Every write runs after `lockPlan`. */

/**
 * The plan row, locked for the rest of the transaction: every edit of a plan (its fields, its
 * nodes, its assignments) takes this lock first, so edits of one plan apply one after the other
 * and always in the same order (plan, then node or assignment) — they never deadlock.
 */
export function lockPlan(db: Db, id: string) {
  return db
    .selectFrom('plan as p')
    .innerJoin('document as d', 'd.id', 'p.document_id')
    .innerJoin('org_unit as u', 'u.id', 'p.owner_unit_id')
    .innerJoin('org_unit as scope', 'scope.id', 'p.scope_unit_id')
    .select([
      'p.id',
      'p.version',
      'p.status',
      'p.objectives',
      'p.reporting_from',
      'p.reporting_until',
      'p.reports_to_unit_id',
      'p.ended_on',
      'p.end_reason',
      'p.replaced_by_plan_id',
      'd.id as document_id',
      'd.title',
      'd.number',
      'd.symbol',
      'd.issued_on',
      'u.path as owner_path',
      'scope.path as scope_path',
    ])
    .where('p.id', '=', id)
    .forUpdate('p')
    .executeTakeFirst();
}

export type LockedPlan = NonNullable<Awaited<ReturnType<typeof lockPlan>>>;

export async function updatePlan(
  db: Db,
  id: string,
  version: number,
  values: {
    objectives?: string;
    reporting_from?: string | null;
    reporting_until?: string | null;
    reports_to_unit_id?: string | null;
    status?: 'active' | 'withdrawn' | 'replaced';
    ended_on?: string | null;
    end_reason?: string | null;
    replaced_by_plan_id?: string | null;
  },
): Promise<boolean> {
  const res = await db
    .updateTable('plan')
    .set({ ...values, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** The earliest deadline among the plan's tasks that still apply. */
export async function earliestDeadline(db: Db, planId: string): Promise<string | null> {
  const row = await db
    .selectFrom('plan_node')
    .select(sql<string | null>`min(deadline)`.as('d'))
    .where('plan_id', '=', planId)
    .where('kind', '=', 'task')
    .where('status', '<>', 'cancelled')
    .executeTakeFirst();
  return row?.d ?? null;
}

const NODE_COLUMNS = [
  'id',
  'plan_id',
  'parent_id',
  'position',
  'kind',
  'label',
  'title',
  'text',
  'deadline',
  'weight',
  'status',
  'cancelled_on',
  'version',
] as const;

export function findNode(db: Db, planId: string, nodeId: string) {
  return db
    .selectFrom('plan_node')
    .select(NODE_COLUMNS)
    .where('id', '=', nodeId)
    .where('plan_id', '=', planId)
    .executeTakeFirst();
}

export type NodeRow = NonNullable<Awaited<ReturnType<typeof findNode>>>;

/** id → parent of every node of the plan (a move must not go under its own subtree). */
export function nodeParents(db: Db, planId: string) {
  return db.selectFrom('plan_node').select(['id', 'parent_id']).where('plan_id', '=', planId).execute();
}

export async function childCount(db: Db, planId: string, parentId: string | null): Promise<number> {
  const row = await db
    .selectFrom('plan_node')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('plan_id', '=', planId)
    .where(sql<boolean>`parent_id is not distinct from ${parentId}`)
    .executeTakeFirstOrThrow();
  return row.n;
}

/** Shifts the siblings at or after `from` by `delta` (a node enters or leaves a place). */
export function shiftSiblings(
  db: Db,
  planId: string,
  parentId: string | null,
  from: number,
  delta: 1 | -1,
  except?: string,
) {
  let q = db
    .updateTable('plan_node')
    .set({ position: sql`position + ${delta}` })
    .where('plan_id', '=', planId)
    .where(sql<boolean>`parent_id is not distinct from ${parentId}`)
    .where('position', '>=', from);
  if (except) q = q.where('id', '<>', except);
  return q.execute();
}

export async function insertNode(
  db: Db,
  row: {
    plan_id: string;
    parent_id: string | null;
    position: number;
    kind: 'section' | 'task';
    label: string;
    title: string | null;
    text: string | null;
    deadline: string | null;
    weight: number;
  },
) {
  return db.insertInto('plan_node').values(row).returning(NODE_COLUMNS).executeTakeFirstOrThrow();
}

export function updateNode(
  db: Db,
  id: string,
  version: number,
  values: {
    parent_id?: string | null;
    position?: number;
    label?: string;
    title?: string | null;
    text?: string | null;
    deadline?: string | null;
    weight?: number;
    status?: 'cancelled';
    cancelled_on?: string;
  },
) {
  return db
    .updateTable('plan_node')
    .set({ ...values, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning(NODE_COLUMNS)
    .executeTakeFirst();
}

const ASSIGNMENT_COLUMNS = [
  'a.id',
  'a.task_id',
  'a.position',
  'a.organization',
  'a.role',
  'a.selector',
  'a.unit_id',
  'a.ended_on',
  'a.version',
  'u.name as unit_name',
] as const;

/** An assignment of one of the plan's tasks (a forged pair finds nothing), locked. */
export function lockAssignment(db: Db, planId: string, assignmentId: string) {
  return db
    .selectFrom('assignment as a')
    .innerJoin('plan_node as t', 't.id', 'a.task_id')
    .leftJoin('org_unit as u', 'u.id', 'a.unit_id')
    .select(ASSIGNMENT_COLUMNS)
    .where('a.id', '=', assignmentId)
    .where('t.plan_id', '=', planId)
    .forUpdate('a')
    .executeTakeFirst();
}

export type AssignmentRow = NonNullable<Awaited<ReturnType<typeof lockAssignment>>>;

export function findAssignment(db: Db, id: string) {
  return db
    .selectFrom('assignment as a')
    .leftJoin('org_unit as u', 'u.id', 'a.unit_id')
    .select(ASSIGNMENT_COLUMNS)
    .where('a.id', '=', id)
    .executeTakeFirstOrThrow();
}

/** The task's assignment of this unit that still applies, if any. */
export function activeAssignmentOf(db: Db, taskId: string, unitId: string) {
  return db
    .selectFrom('assignment')
    .select(['id', 'role'])
    .where('task_id', '=', taskId)
    .where('unit_id', '=', unitId)
    .where('ended_on', 'is', null)
    .executeTakeFirst();
}

export async function nextAssignmentPosition(db: Db, taskId: string): Promise<number> {
  const row = await db
    .selectFrom('assignment')
    .select(sql<number>`coalesce(max(position) + 1, 0)::int`.as('n'))
    .where('task_id', '=', taskId)
    .executeTakeFirstOrThrow();
  return row.n;
}

export async function insertAssignment(
  db: Db,
  row: { task_id: string; position: number; organization: string; role: string; unit_id: string },
) {
  const { id } = await db
    .insertInto('assignment')
    .values({ ...row, selector: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function updateAssignment(
  db: Db,
  id: string,
  version: number,
  values: { role?: string; unit_id?: string; ended_on?: string },
): Promise<boolean> {
  const res = await db
    .updateTable('assignment')
    .set({ ...values, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Assignments still without a unit (the importer's "link later"), in the plan's order. */
export function unlinkedAssignments(db: Db, planId: string, limit: number) {
  return db
    .selectFrom('assignment as a')
    .innerJoin('plan_node as t', 't.id', 'a.task_id')
    .leftJoin('org_unit as u', 'u.id', 'a.unit_id')
    .select([...ASSIGNMENT_COLUMNS, 't.label as task_ref'])
    .where('t.plan_id', '=', planId)
    .where('a.unit_id', 'is', null)
    .where('a.ended_on', 'is', null)
    .orderBy('t.label')
    .orderBy('a.position')
    .limit(limit)
    .execute();
}

export async function countUnlinked(db: Db, planId: string): Promise<number> {
  const row = await db
    .selectFrom('assignment as a')
    .innerJoin('plan_node as t', 't.id', 'a.task_id')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('t.plan_id', '=', planId)
    .where('a.unit_id', 'is', null)
    .where('a.ended_on', 'is', null)
    .executeTakeFirstOrThrow();
  return row.n;
}

export function unitById(db: Db, id: string) {
  return db.selectFrom('org_unit').select(['id', 'path', 'name', 'valid_to']).where('id', '=', id).executeTakeFirst();
}

export function planStatus(db: Db, id: string) {
  return db.selectFrom('plan').select(['id', 'status']).where('id', '=', id).executeTakeFirst();
}

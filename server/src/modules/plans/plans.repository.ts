import { type Expression, type Kysely, type SqlBool, sql, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/** All SQL of the plans module. */

/**
 * Plans whose owner is inside one of `prefixes`, or whose territory contains one of them
 * (null = all plans).
 */
export function listPlans(db: Db, prefixes: string[] | null) {
  let q = db
    .selectFrom('plan as p')
    .innerJoin('document as d', 'd.id', 'p.document_id')
    .innerJoin('org_unit as u', 'u.id', 'p.owner_unit_id')
    .innerJoin('org_unit as scope', 'scope.id', 'p.scope_unit_id')
    .select((eb) => [
      'p.id',
      'p.created_at',
      'd.title',
      'd.symbol',
      'd.type_name',
      'd.issued_on',
      'd.issuer_name',
      'u.id as owner_id',
      'u.name as owner_name',
      'u.path as owner_path',
      'scope.path as scope_path',
      'p.status',
      eb
        .selectFrom('plan_node as t')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('t.plan_id', '=', 'p.id')
        .where('t.kind', '=', 'task')
        .as('task_count'),
    ]);
  if (prefixes) {
    if (prefixes.length === 0) return Promise.resolve([]);
    q = q.where((eb) =>
      eb.or(
        prefixes.flatMap((prefix): Expression<SqlBool>[] => [
          eb('u.path', 'like', `${prefix}%`),
          eb(sql.val(prefix), 'like', sql<string>`scope.path || '%'`),
        ]),
      ),
    );
  }
  return q.orderBy('d.issued_on', 'desc').orderBy('p.created_at', 'desc').execute();
}

export function findPlan(db: Db, id: string) {
  return db
    .selectFrom('plan as p')
    .innerJoin('document as d', 'd.id', 'p.document_id')
    .innerJoin('org_unit as u', 'u.id', 'p.owner_unit_id')
    .innerJoin('org_unit as scope', 'scope.id', 'p.scope_unit_id')
    .select([
      'p.id',
      'p.objectives',
      'scope.path as scope_path',
      'p.parent_plan_id',
      'p.version',
      'p.status',
      'p.ended_on',
      'p.end_reason',
      'p.replaced_by_plan_id',
      'p.reporting_from',
      'p.reporting_until',
      'p.reports_to_unit_id',
      (eb) =>
        eb
          .selectFrom('org_unit as r')
          .select('r.name')
          .whereRef('r.id', '=', 'p.reports_to_unit_id')
          .as('reports_to_name'),
      'd.id as document_id',
      'd.system',
      'd.type_name',
      'd.type_code',
      'd.number',
      'd.symbol',
      'd.issuer_code',
      'd.issuer_name',
      'd.place',
      'd.issued_on',
      'd.title',
      'd.addressees',
      'd.signer',
      'u.id as owner_id',
      'u.name as owner_name',
      'u.path as owner_path',
    ])
    .where('p.id', '=', id)
    .executeTakeFirst();
}

/** Every section and task of a plan (the service nests them by parent and position). */
export function nodesOf(db: Db, planId: string) {
  return db
    .selectFrom('plan_node')
    .select([
      'id',
      'parent_id',
      'position',
      'kind',
      'label',
      'title',
      'text',
      'deadline',
      'recurrence',
      'weight',
      'status',
      'version',
      'cancelled_on',
    ])
    .where('plan_id', '=', planId)
    .execute();
}

/**
 * A plan's assignments summarised: for each (task, role, selector) — selector null for units
 * named one by one — how many (`n`) and the first `perGroup` in order, one index range per
 * group (assignment_task_role_idx), joined to their units. One row per kept assignment.
 */
export function assignmentGroups(db: Db, planId: string, perGroup: number) {
  return db
    .selectFrom((eb) =>
      eb
        .selectFrom('assignment as a')
        .innerJoin('plan_node as n', 'n.id', 'a.task_id')
        .select([
          'a.task_id',
          'a.role',
          'a.selector',
          sql<number>`min(a.position)`.as('first'),
          sql<number>`count(*)::int`.as('n'),
        ])
        .where('n.plan_id', '=', planId)
        .where('a.ended_on', 'is', null)
        .groupBy(['a.task_id', 'a.role', 'a.selector'])
        .as('g'),
    )
    .innerJoinLateral(
      (eb) =>
        eb
          .selectFrom('assignment as x')
          .select(['x.id', 'x.position', 'x.organization', 'x.unit_id', 'x.version'])
          .whereRef('x.task_id', '=', 'g.task_id')
          .whereRef('x.role', '=', 'g.role')
          .whereRef('x.position', '>=', 'g.first')
          .where(sql<boolean>`x.selector is not distinct from g.selector`)
          .where('x.ended_on', 'is', null)
          .orderBy('x.position')
          .limit(perGroup)
          .as('x'),
      (join) => join.onTrue(),
    )
    .leftJoin('org_unit as u', 'u.id', 'x.unit_id')
    .select([
      'x.id',
      'g.task_id',
      'g.n',
      'g.first',
      'x.position',
      'x.organization',
      'g.role',
      'g.selector',
      'x.unit_id',
      'x.version',
      'u.name as unit_name',
    ])
    .orderBy('g.task_id')
    .orderBy('x.position')
    .execute();
}

export function findTaskOfPlan(db: Db, planId: string, taskId: string) {
  return db
    .selectFrom('plan_node')
    .select(['id', 'label'])
    .where('id', '=', taskId)
    .where('plan_id', '=', planId)
    .where('kind', '=', 'task')
    .executeTakeFirst();
}

export interface AssignmentFilter {
  role?: string | undefined;
  /** Folded search terms; each must occur in the unit's search text or the organization as written. */
  terms: string[];
}

function filteredAssignments(db: Db, taskId: string, filter: AssignmentFilter) {
  let q = db
    .selectFrom('assignment as a')
    .leftJoin('org_unit as u', 'u.id', 'a.unit_id')
    .where('a.task_id', '=', taskId)
    .where('a.ended_on', 'is', null);
  if (filter.role) q = q.where('a.role', '=', filter.role);
  for (const term of filter.terms) {
    const pattern = `%${escapeLike(term)}%`;
    q = q.where((eb) => eb.or([eb('u.search_text', 'like', pattern), eb(sql`lower(a.organization)`, 'like', pattern)]));
  }
  return q;
}

/** One page of a task's assignments, in the plan's order. */
export function assignmentsOfTask(
  db: Db,
  taskId: string,
  filter: AssignmentFilter,
  page: { limit: number; offset: number },
) {
  return filteredAssignments(db, taskId, filter)
    .select(['a.id', 'a.organization', 'a.role', 'a.selector', 'a.unit_id', 'a.version', 'u.name as unit_name'])
    .orderBy('a.position')
    .orderBy('a.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function countAssignmentsOfTask(db: Db, taskId: string, filter: AssignmentFilter): Promise<number> {
  const row = await filteredAssignments(db, taskId, filter)
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  return row.n;
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function recipientsOf(db: Db, documentId: string) {
  return db
    .selectFrom('document_recipient as r')
    .leftJoin('org_unit as u', 'u.id', 'r.unit_id')
    .select(['r.as_written', 'r.organization', 'r.purpose', 'r.is_archive', 'r.unit_id', 'u.name as unit_name'])
    .where('r.document_id', '=', documentId)
    .orderBy('r.position')
    .execute();
}

/** A unit's assignments across plans, newest plan first. */
export function assignmentsOfUnit(db: Db, unitId: string) {
  return db
    .selectFrom('assignment as a')
    .innerJoin('plan_node as t', 't.id', 'a.task_id')
    .innerJoin('plan as p', 'p.id', 't.plan_id')
    .innerJoin('document as d', 'd.id', 'p.document_id')
    .innerJoin('org_unit as owner', 'owner.id', 'p.owner_unit_id')
    .innerJoin('org_unit as scope', 'scope.id', 'p.scope_unit_id')
    .select([
      'a.id',
      'a.role',
      'a.organization',
      't.id as task_id',
      't.label as ref',
      't.title as task_title',
      't.text',
      'p.id as plan_id',
      'd.title as plan_title',
      'd.symbol',
      'owner.path as owner_path',
      'scope.path as scope_path',
    ])
    .where('a.unit_id', '=', unitId)
    .where('a.ended_on', 'is', null)
    .orderBy('d.issued_on', 'desc')
    .orderBy('p.created_at', 'desc')
    .orderBy('t.position')
    .execute();
}

export function insertReferences(
  db: Db,
  rows: Array<{
    document_id: string;
    position: number;
    relation: string;
    as_written: string;
    system: string | null;
    type_name: string | null;
    type_code: string | null;
    number: string | null;
    symbol: string | null;
    issuer_code: string | null;
    issuer_name: string | null;
    issued_on: string | null;
  }>,
) {
  if (rows.length === 0) return Promise.resolve();
  return db.insertInto('document_reference').values(rows).execute();
}

export function insertRecipients(
  db: Db,
  rows: Array<{
    document_id: string;
    position: number;
    as_written: string;
    organization: string | null;
    purpose: string | null;
    is_archive: boolean;
    unit_id: string | null;
  }>,
) {
  if (rows.length === 0) return Promise.resolve();
  return db.insertInto('document_recipient').values(rows).execute();
}

export async function insertPlan(
  db: Db,
  plan: {
    document_id: string;
    owner_unit_id: string;
    scope_unit_id: string;
    parent_plan_id: string | null;
    objectives: string[];
  },
) {
  const row = await db
    .insertInto('plan')
    .values({ ...plan, objectives: JSON.stringify(plan.objectives) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export function insertNodes(
  db: Db,
  rows: Array<{
    id: string;
    plan_id: string;
    parent_id: string | null;
    position: number;
    kind: 'section' | 'task';
    label: string;
    title: string | null;
    text: string | null;
    deadline: string | null;
    recurrence: string | null;
  }>,
) {
  if (rows.length === 0) return Promise.resolve();
  return db.insertInto('plan_node').values(rows).execute();
}

export function insertAssignments(
  db: Db,
  rows: Array<{
    task_id: string;
    position: number;
    organization: string;
    role: string;
    unit_id: string | null;
    selector: string | null;
  }>,
) {
  return (async () => {
    // 6 parameters a row; PostgreSQL takes at most 65,535 in one statement.
    for (let i = 0; i < rows.length; i += 5000) {
      await db
        .insertInto('assignment')
        .values(rows.slice(i, i + 5000))
        .execute();
    }
  })();
}

/** The plan of the first document this one implements (or follows) that has a plan. */
export async function planOfImplementedDocument(db: Db, documentId: string): Promise<string | null> {
  const row = await db
    .selectFrom('document_link as l')
    .innerJoin('plan as p', 'p.document_id', 'l.to_document_id')
    .select('p.id')
    .where('l.from_document_id', '=', documentId)
    .where('l.relation', 'in', ['implements', 'basis'])
    .orderBy(sql`case l.relation when 'implements' then 0 else 1 end`)
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}

export function existingUnitIds(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('org_unit').select(['id', 'path']).where('id', 'in', ids).execute();
}

export function findUnitPath(db: Db, unitId: string) {
  return db.selectFrom('org_unit').select(['id', 'path']).where('id', '=', unitId).executeTakeFirst();
}

export function countPlans(db: Db) {
  return db.selectFrom('plan').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
}

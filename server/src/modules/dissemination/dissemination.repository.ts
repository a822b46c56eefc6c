import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/** All SQL of the dissemination module. Counts and sums are made here, never in memory. */

const PARTICIPANTS = ['cadres', 'party_members', 'association_members', 'people'] as const;

/** `path` lies inside one of the prefixes (null: everywhere; []: nowhere). */
function within<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  column: string,
  prefixes: string[] | null,
): Expression<SqlBool> {
  if (prefixes === null) return sql<SqlBool>`true`;
  if (prefixes.length === 0) return sql<SqlBool>`false`;
  return eb.or(prefixes.map((p) => eb(sql.ref(column), 'like', `${escapeLike(p)}%`)));
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A plan's life-cycle state: sessions are recorded only for a plan in force. */
export function planState(db: Db, planId: string) {
  return db.selectFrom('plan').select(['status', 'ended_on']).where('id', '=', planId).executeTakeFirst();
}

export function findUnit(db: Db, id: string) {
  return db
    .selectFrom('org_unit')
    .select(['id', 'name', 'path', 'valid_from', 'valid_to'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function unitsByIds(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('org_unit').select(['id', 'name', 'path']).where('id', 'in', ids).execute();
}

const sessionColumns = [
  's.id',
  's.plan_id',
  's.unit_id',
  'u.name as unit_name',
  'u.path as unit_path',
  's.held_on',
  's.form',
  's.title',
  's.cadres',
  's.party_members',
  's.association_members',
  's.people',
  's.materials',
  's.note',
  's.created_at',
  's.created_by',
  'cu.display_name as created_by_name',
  's.updated_at',
  's.withdrawn_at',
  's.withdrawn_by',
  'wu.display_name as withdrawn_by_name',
  's.withdraw_reason',
  's.version',
] as const;

function sessions(db: Db) {
  return db
    .selectFrom('dissemination_session as s')
    .innerJoin('org_unit as u', 'u.id', 's.unit_id')
    .leftJoin('app_user as cu', 'cu.id', 's.created_by')
    .leftJoin('app_user as wu', 'wu.id', 's.withdrawn_by');
}

export type SessionRow = NonNullable<Awaited<ReturnType<typeof findSession>>>;

export function findSession(db: Db, id: string, lock = false) {
  const q = sessions(db).select(sessionColumns).where('s.id', '=', id);
  return (lock ? q.forUpdate('s') : q).executeTakeFirst();
}

export interface SessionFilter {
  planId: string;
  unitId?: string | undefined;
  includeWithdrawn: boolean;
  /** The viewer's readable prefixes (null: everything). */
  prefixes: string[] | null;
}

function filtered(db: Db, f: SessionFilter) {
  let q = sessions(db)
    .where('s.plan_id', '=', f.planId)
    .where((eb) => within(eb, 'u.path', f.prefixes));
  if (f.unitId) q = q.where('s.unit_id', '=', f.unitId);
  if (!f.includeWithdrawn) q = q.where('s.withdrawn_at', 'is', null);
  return q;
}

/** One page of a plan's sessions, latest first. */
export function listSessions(db: Db, f: SessionFilter, page: { limit: number; offset: number }) {
  return filtered(db, f)
    .select(sessionColumns)
    .orderBy('s.held_on', 'desc')
    .orderBy('s.created_at', 'desc')
    .orderBy('s.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function countSessions(db: Db, f: SessionFilter): Promise<number> {
  return (await filtered(db, f).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;
}

export type NewSession = {
  plan_id: string;
  unit_id: string;
  held_on: string;
  form: 'conference' | 'online' | 'loudspeaker' | 'printed' | 'other';
  title: string;
  cadres: number;
  party_members: number;
  association_members: number;
  people: number;
  materials: string | null;
  note: string | null;
  created_by: string | null;
  updated_by: string | null;
  created_at: Date;
  updated_at: Date;
};

export async function createSession(db: Db, row: NewSession): Promise<string> {
  return (await db.insertInto('dissemination_session').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export type SessionChange = Partial<
  Pick<
    NewSession,
    'held_on' | 'form' | 'title' | 'cadres' | 'party_members' | 'association_members' | 'people' | 'materials' | 'note'
  >
> & {
  updated_at: Date;
  updated_by: string | null;
  withdrawn_at?: Date;
  withdrawn_by?: string | null;
  withdraw_reason?: string | null;
};

/** Writes a change from `version`; false when the row moved on (the caller holds the row lock). */
export async function updateSession(db: Db, id: string, version: number, change: SessionChange): Promise<boolean> {
  const result = await db
    .updateTable('dissemination_session')
    .set({ ...change, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

const sums = [
  sql<number>`count(*)::int`.as('sessions'),
  ...PARTICIPANTS.map((c) => sql<number>`coalesce(sum(s.${sql.ref(c)}), 0)::float8`.as(c)),
];

/** Every live session of the plan whose unit the viewer reads, each once. */
export function totalsOfPlan(db: Db, planId: string, prefixes: string[] | null) {
  return db
    .selectFrom('dissemination_session as s')
    .innerJoin('org_unit as u', 'u.id', 's.unit_id')
    .select(sums)
    .where('s.plan_id', '=', planId)
    .where('s.withdrawn_at', 'is', null)
    .where((eb) => within(eb, 'u.path', prefixes))
    .executeTakeFirstOrThrow();
}

/**
 * The roll-up: each live session counted at its unit and at every ancestor of its unit inside
 * the plan's territory (the ancestors are the ids of the unit's materialized path, found by
 * primary key), so a district area's total holds its communes' sessions, each session once.
 * Only units the viewer reads are listed. Tree order (by path), one page.
 */
function rollupRows(db: Db, planId: string, scopePath: string, prefixes: string[] | null) {
  return (
    db
      .selectFrom('dissemination_session as s')
      .innerJoin('org_unit as su', 'su.id', 's.unit_id')
      .innerJoin('org_unit as a', (join) =>
        join.on(sql<SqlBool>`a.id = any(string_to_array(trim(both '/' from su.path), '/')::uuid[])`),
      )
      .where('s.plan_id', '=', planId)
      .where('s.withdrawn_at', 'is', null)
      // Ancestors inside the plan's territory; a unit outside it (assigned a task) has its own row.
      .where((eb) => eb.or([eb('a.path', 'like', `${escapeLike(scopePath)}%`), eb('a.id', '=', eb.ref('su.id'))]))
      .where((eb) => within(eb, 'a.path', prefixes))
  );
}

export function rollup(
  db: Db,
  planId: string,
  scopePath: string,
  prefixes: string[] | null,
  page: { limit: number; offset: number },
) {
  return rollupRows(db, planId, scopePath, prefixes)
    .select([
      'a.id',
      'a.name',
      'a.kind',
      'a.depth',
      'a.parent_id',
      'a.path',
      ...sums,
      sql<number>`(count(*) filter (where s.unit_id = a.id))::int`.as('own_sessions'),
      ...PARTICIPANTS.map((c) =>
        sql<number>`coalesce(sum(s.${sql.ref(c)}) filter (where s.unit_id = a.id), 0)::float8`.as(`own_${c}`),
      ),
    ])
    .groupBy(['a.id', 'a.name', 'a.kind', 'a.depth', 'a.parent_id', 'a.path'])
    .orderBy('a.path')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function countRollup(db: Db, planId: string, scopePath: string, prefixes: string[] | null) {
  return (
    await rollupRows(db, planId, scopePath, prefixes)
      .select(sql<number>`count(distinct a.id)::int`.as('n'))
      .executeTakeFirstOrThrow()
  ).n;
}

/**
 * The units expected to disseminate the plan: the units its tasks are assigned to and the
 * units the cascade expects to answer its document (`cascadeIds`), active on `today`, that the
 * viewer reads — each once. `done`: a live session of the plan was recorded by the unit or by a
 * unit inside it.
 */
/** `u.id` is one of the ids: one array parameter, however many (an `in` list is bounded by 65,535 parameters). */
const anyOf = (ids: string[]) => sql<SqlBool>`u.id = any(${ids}::uuid[])`;

function expected(db: Db, planId: string, cascadeIds: string[], today: string, prefixes: string[] | null) {
  return db
    .selectFrom('org_unit as u')
    .select((eb) => [
      eb
        .exists(
          eb
            .selectFrom('assignment as x')
            .innerJoin('plan_node as n', 'n.id', 'x.task_id')
            .select(sql`1`.as('one'))
            .whereRef('x.unit_id', '=', 'u.id')
            .where('n.plan_id', '=', planId),
        )
        .as('assigned'),
      anyOf(cascadeIds).as('cascade'),
      eb
        .exists(
          eb
            .selectFrom('dissemination_session as s')
            .innerJoin('org_unit as su', 'su.id', 's.unit_id')
            .select(sql`1`.as('one'))
            .where('s.plan_id', '=', planId)
            .where('s.withdrawn_at', 'is', null)
            .where(sql<SqlBool>`su.path like u.path || '%'` /* paths hold only ids and slashes */),
        )
        .as('done'),
    ])
    .where((eb) =>
      eb.or([
        eb(
          'u.id',
          'in',
          eb
            .selectFrom('assignment as a')
            .innerJoin('plan_node as n', 'n.id', 'a.task_id')
            .select('a.unit_id')
            .where('n.plan_id', '=', planId)
            .where('a.unit_id', 'is not', null),
        ),
        anyOf(cascadeIds),
      ]),
    )
    .where((eb) => eb.or([eb('u.valid_from', 'is', null), eb('u.valid_from', '<=', today)]))
    .where((eb) => eb.or([eb('u.valid_to', 'is', null), eb('u.valid_to', '>', today)]))
    .where((eb) => within(eb, 'u.path', prefixes));
}

export async function countExpected(
  db: Db,
  planId: string,
  cascadeIds: string[],
  today: string,
  prefixes: string[] | null,
) {
  const row = await db
    .selectFrom(expected(db, planId, cascadeIds, today, prefixes).select(['u.id']).as('e'))
    .select([sql<number>`count(*)::int`.as('total'), sql<number>`(count(*) filter (where e.done))::int`.as('done')])
    .executeTakeFirstOrThrow();
  return row;
}

/** One page of the expected units that have not disseminated yet, by name. */
export function pending(
  db: Db,
  planId: string,
  cascadeIds: string[],
  today: string,
  prefixes: string[] | null,
  page: { limit: number; offset: number },
) {
  return db
    .selectFrom(expected(db, planId, cascadeIds, today, prefixes).select(['u.id', 'u.name', 'u.path']).as('e'))
    .selectAll('e')
    .where('e.done', '=', false)
    .orderBy('e.name')
    .orderBy('e.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

/** Expected units (any state) the viewer reads, for choosing whom to record for; bounded. */
export function expectedUnits(
  db: Db,
  planId: string,
  cascadeIds: string[],
  today: string,
  prefixes: string[] | null,
  limit: number,
) {
  return db
    .selectFrom(expected(db, planId, cascadeIds, today, prefixes).select(['u.id', 'u.name', 'u.path']).as('e'))
    .select(['e.id', 'e.name', 'e.path'])
    .orderBy('e.name')
    .orderBy('e.id')
    .limit(limit)
    .execute();
}

/** Is the unit assigned a task of the plan? */
export async function isAssigned(db: Db, planId: string, unitId: string): Promise<boolean> {
  const row = await db
    .selectFrom('assignment as a')
    .innerJoin('plan_node as n', 'n.id', 'a.task_id')
    .select('a.id')
    .where('n.plan_id', '=', planId)
    .where('a.unit_id', '=', unitId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

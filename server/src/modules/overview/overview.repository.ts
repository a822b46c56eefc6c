import { type Expression, type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

type Db = Kysely<Database>;

/**
 * All SQL of the monitor's overview and the progress roll-up. Every count is made by the
 * database (`count(*) filter (…)` grouped by level, state, unit or task); no function here
 * returns the plan's rows to be counted in JavaScript.
 *
 * The rules (docs/followup.md "Overview"):
 * - an obligation is OWED unless it ended on or before its period's cut-off
 *   (`ended_on <= period_end`);
 * - its deadline is the granted one when there is one (`coalesce(extended_due_on, due_on)`);
 * - its report's first submission is dated in Vietnam (UTC+7, no daylight saving);
 * - its STATE is exactly one of `returned`, `cannot_do`, `accepted`, `submitted`, `overdue`,
 *   `not_due` (see `STATE` below); LATE is a separate flag: first submitted after the deadline.
 */

/** The date of the first submission in Vietnam. */
const SUBMITTED_ON = sql<string>`((r.first_submitted_at at time zone 'UTC') + interval '7 hours')::date`;
const DEADLINE = sql<string>`coalesce(o.extended_due_on, o.due_on)`;

/** The one state of an obligation on `today`, in this order of precedence. */
export function stateExpr(today: string): RawBuilder<string> {
  return sql<string>`case
    when r.review_state = 'returned' or (r.review_state = 'draft' and r.first_submitted_at is not null) then 'returned'
    when r.review_state in ('submitted', 'accepted') and r.status = 'cannot_do' then 'cannot_do'
    when r.review_state = 'accepted' then 'accepted'
    when r.review_state = 'submitted' then 'submitted'
    when ${DEADLINE} < ${today}::date then 'overdue'
    else 'not_due' end`;
}

/** The states in the order the overview sorts and shows them (most urgent first). */
export const STATES = ['overdue', 'returned', 'submitted', 'not_due', 'cannot_do', 'accepted'] as const;
export type State = (typeof STATES)[number];

const stateRank = (today: string) =>
  sql<number>`case ${stateExpr(today)} ${sql.join(
    STATES.map((s, i) => sql`when ${s} then ${i}`),
    sql` `,
  )} end`;

/** First submitted after the (granted) deadline. */
const LATE = sql<boolean>`(r.first_submitted_at is not null and ${SUBMITTED_ON} > ${DEADLINE})`;
/** First submitted after the original deadline (an extension does not excuse it). */
const LATE_ORIGINAL = sql<boolean>`(r.first_submitted_at is not null and ${SUBMITTED_ON} > o.due_on)`;
/**
 * W21-QL01's denominator: the obligation counts as expected once its deadline has passed, or
 * earlier when it was already submitted (an early report counts on both sides, so the rate
 * never passes 100 % and a period still running does not lower it).
 */
const expected = (today: string) => sql<boolean>`(${DEADLINE} < ${today}::date or r.first_submitted_at is not null)`;
/** …and its numerator: first submitted by the deadline, and standing (submitted or accepted, not sent back). */
const ON_TIME = sql<boolean>`(r.first_submitted_at is not null and ${SUBMITTED_ON} <= ${DEADLINE} and r.review_state in ('submitted', 'accepted'))`;
const ON_TIME_ORIGINAL = sql<boolean>`(r.first_submitted_at is not null and ${SUBMITTED_ON} <= o.due_on and r.review_state in ('submitted', 'accepted'))`;

/** Which obligations of a plan the viewer reads (the `report.read` rule in set form). */
export interface Scope {
  /** Path prefixes the viewer reads; null: everything. */
  prefixes: string[] | null;
  /** The viewer reads the plan's owner (the reviewer of every task obligation). */
  readsOwner: boolean;
  /** The viewer reads the unit the plan's own report goes to. */
  readsReportsTo: boolean;
  /** Only units inside this path (the drill-down by a parent unit). */
  under?: string | undefined;
}

export interface Filter {
  level?: string | undefined;
  state?: State | 'late' | 'on_time' | undefined;
  taskId?: string | undefined;
  /** Folded terms; each must occur in the unit's search text. */
  terms: string[];
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The owed obligations of a plan the viewer may read, with their unit and report. */
function owed(db: Db, planId: string, scope: Scope) {
  let q = db
    .selectFrom('obligation as o')
    .innerJoin('org_unit as u', 'u.id', 'o.unit_id')
    .leftJoin('report as r', 'r.obligation_id', 'o.id')
    .where('o.plan_id', '=', planId)
    .where((eb) => eb.or([eb('o.ended_on', 'is', null), eb('o.ended_on', '>', eb.ref('o.period_end'))]));
  const { prefixes } = scope;
  if (prefixes !== null && !(scope.readsOwner && scope.readsReportsTo)) {
    q = q.where((eb) => {
      const ors: Expression<SqlBool>[] = prefixes.map((p) => eb('u.path', 'like', `${escapeLike(p)}%`));
      if (scope.readsOwner) ors.push(eb('o.task_id', 'is not', null));
      if (scope.readsReportsTo) ors.push(eb('o.task_id', 'is', null));
      return ors.length === 0 ? sql<boolean>`false` : eb.or(ors);
    });
  }
  if (scope.under !== undefined) q = q.where('u.path', 'like', `${escapeLike(scope.under)}%`);
  return q;
}

function filtered(db: Db, planId: string, period: string, scope: Scope, filter: Filter, today: string) {
  let q = owed(db, planId, scope).where('o.period_key', '=', period);
  if (filter.level) q = q.where('o.level', '=', filter.level);
  if (filter.taskId) q = q.where('o.task_id', '=', filter.taskId);
  if (filter.state === 'late') q = q.where(LATE);
  else if (filter.state === 'on_time') q = q.where(ON_TIME);
  else if (filter.state) q = q.where(stateExpr(today), '=', filter.state);
  for (const term of filter.terms) q = q.where('u.search_text', 'like', `%${escapeLike(term)}%`);
  return q;
}

/** The periods in which the plan has obligations the viewer reads, with their counts. */
export function periods(db: Db, planId: string, scope: Scope, today: string) {
  return owed(db, planId, scope)
    .select([
      'o.period_key',
      sql<string>`min(o.period_start)`.as('period_start'),
      sql<string>`max(o.period_end)`.as('period_end'),
      sql<string>`min(o.due_on)`.as('first_due_on'),
      sql<string>`max(o.due_on)`.as('last_due_on'),
      sql<number>`count(*)::int`.as('total'),
      sql<number>`(count(*) filter (where r.first_submitted_at is not null))::int`.as('submitted'),
      sql<number>`(count(*) filter (where ${stateExpr(today)} = 'accepted'))::int`.as('accepted'),
      sql<number>`(count(*) filter (where ${stateExpr(today)} = 'overdue'))::int`.as('overdue'),
    ])
    .groupBy('o.period_key')
    .orderBy(sql`min(o.period_start)`)
    .orderBy('o.period_key')
    .execute();
}

/** Counts of one period by level and state (one row per pair), late among them, filters applied. */
export function countsByLevelAndState(
  db: Db,
  planId: string,
  period: string,
  scope: Scope,
  filter: Filter,
  today: string,
) {
  const rows = filtered(db, planId, period, scope, filter, today).select([
    'o.level',
    stateExpr(today).as('state'),
    LATE.as('late'),
    LATE_ORIGINAL.as('late_original'),
  ]);
  return db
    .selectFrom(rows.as('x'))
    .leftJoin('org_level as l', 'l.code', 'x.level')
    .select([
      'x.level',
      'x.state',
      'l.name_vi',
      'l.name_en',
      'l.rank',
      sql<number>`count(*)::int`.as('n'),
      sql<number>`(count(*) filter (where x.late))::int`.as('late'),
      sql<number>`(count(*) filter (where x.late_original))::int`.as('late_original'),
    ])
    .groupBy(['x.level', 'x.state', 'l.name_vi', 'l.name_en', 'l.rank'])
    .execute();
}

/** Units reached in the period (distinct), per level, with the filters applied. */
export function unitsByLevel(db: Db, planId: string, period: string, scope: Scope, filter: Filter, today: string) {
  return filtered(db, planId, period, scope, filter, today)
    .select(['o.level', sql<number>`(count(distinct o.unit_id))::int`.as('units')])
    .groupBy('o.level')
    .execute();
}

export type Sort = 'name' | 'deadline' | 'state' | 'rate';

/**
 * Per unit, over the plan's periods so far (every period, as of `today`): obligations expected
 * and those met on time (W21-QL01), against the granted and against the original deadline.
 */
function rates(db: Db, planId: string, scope: Scope, today: string) {
  return owed(db, planId, scope)
    .select([
      'o.unit_id',
      sql<number>`(count(*) filter (where ${expected(today)}))::int`.as('expected'),
      sql<number>`(count(*) filter (where ${ON_TIME}))::int`.as('on_time'),
      sql<number>`(count(*) filter (where ${ON_TIME_ORIGINAL}))::int`.as('on_time_original'),
    ])
    .groupBy('o.unit_id');
}

/** The on-time counts of the given units (the units of one page). */
export function ratesOf(db: Db, planId: string, scope: Scope, today: string, unitIds: string[]) {
  if (unitIds.length === 0) return Promise.resolve([]);
  return rates(db, planId, scope, today).where('o.unit_id', 'in', unitIds).execute();
}

/**
 * One page of the period's obligations, each with its unit, task and report. Sorted by the
 * on-time rate, the rates of every unit in scope are computed in the same query (a grouped
 * subquery); otherwise the page is cut first and `ratesOf` asks for its units only.
 */
export function page(
  db: Db,
  planId: string,
  period: string,
  scope: Scope,
  filter: Filter,
  today: string,
  order: { sort: Sort; desc: boolean; limit: number; offset: number },
) {
  const dir = order.desc ? sql`desc` : sql`asc`;
  let q = filtered(db, planId, period, scope, filter, today)
    .leftJoin('plan_node as t', 't.id', 'o.task_id')
    .leftJoin('org_unit as parent', 'parent.id', 'u.parent_id')
    .select([
      'o.id',
      'o.task_id',
      'o.role',
      'o.level',
      'o.due_on',
      'o.extended_due_on',
      'u.id as unit_id',
      'u.name as unit_name',
      'parent.id as parent_id',
      'parent.name as parent_name',
      't.label as task_label',
      't.title as task_title',
      't.text as task_text',
      'r.status as report_status',
      'r.review_state',
      'r.progress',
      'r.first_submitted_at',
      stateExpr(today).as('state'),
      LATE.as('late'),
      LATE_ORIGINAL.as('late_original'),
    ]);
  if (order.sort === 'rate') {
    q = q
      .innerJoin(rates(db, planId, scope, today).as('rt'), 'rt.unit_id', 'o.unit_id')
      .orderBy(sql`(rt.on_time::float / nullif(rt.expected, 0)) ${dir} nulls last`)
      .orderBy('u.search_text');
  } else if (order.sort === 'name') {
    q = q.orderBy(sql`u.search_text ${dir}`).orderBy(sql`t.position ${dir}`);
  } else if (order.sort === 'deadline') {
    q = q.orderBy(sql`${DEADLINE} ${dir}`).orderBy('u.search_text');
  } else {
    q = q
      .orderBy(sql`${stateRank(today)} ${dir}`)
      .orderBy(DEADLINE)
      .orderBy('u.search_text');
  }
  return q.orderBy('o.id').limit(order.limit).offset(order.offset).execute();
}

/** How many obligations the filters leave (the page's total). */
export async function countFiltered(
  db: Db,
  planId: string,
  period: string,
  scope: Scope,
  filter: Filter,
  today: string,
): Promise<number> {
  const row = await filtered(db, planId, period, scope, filter, today)
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  return row.n;
}

/** Per task: the period's owed obligations by state, and how many reported the work done. */
export function taskCounts(db: Db, planId: string, period: string, scope: Scope, today: string) {
  return owed(db, planId, scope)
    .where('o.period_key', '=', period)
    .where('o.task_id', 'is not', null)
    .select([
      'o.task_id',
      sql<number>`count(*)::int`.as('owed'),
      sql<number>`(count(*) filter (where r.status = 'done' and r.review_state = 'accepted'))::int`.as('done'),
      sql<number>`(count(*) filter (where r.status = 'done' and r.review_state = 'submitted'))::int`.as(
        'done_awaiting',
      ),
      sql<number>`(count(*) filter (where r.status in ('in_progress', 'done', 'cannot_do')))::int`.as('started'),
      sql<number>`(count(*) filter (where ${stateExpr(today)} = 'cannot_do'))::int`.as('cannot_do'),
      sql<number>`(count(*) filter (where ${stateExpr(today)} = 'overdue'))::int`.as('overdue'),
      sql<number>`(count(*) filter (where ${stateExpr(today)} = 'returned'))::int`.as('returned'),
    ])
    .groupBy('o.task_id')
    .execute();
}

export function nodesOf(db: Db, planId: string) {
  return db
    .selectFrom('plan_node')
    .select(['id', 'parent_id', 'kind', 'label', 'title', 'weight', 'status'])
    .where('plan_id', '=', planId)
    .orderBy('position')
    .execute();
}

export function findPlanPlace(db: Db, planId: string) {
  return db
    .selectFrom('plan as p')
    .innerJoin('org_unit as owner', 'owner.id', 'p.owner_unit_id')
    .innerJoin('org_unit as scope', 'scope.id', 'p.scope_unit_id')
    .leftJoin('org_unit as up', 'up.id', 'p.reports_to_unit_id')
    .select(['p.id', 'owner.path as owner_path', 'scope.path as scope_path', 'up.path as reports_to_path'])
    .where('p.id', '=', planId)
    .executeTakeFirst();
}

export function findUnit(db: Db, id: string) {
  return db.selectFrom('org_unit').select(['id', 'name', 'path']).where('id', '=', id).executeTakeFirst();
}

export function findTask(db: Db, planId: string, taskId: string) {
  return db
    .selectFrom('plan_node')
    .select('id')
    .where('plan_id', '=', planId)
    .where('id', '=', taskId)
    .where('kind', '=', 'task')
    .executeTakeFirst();
}

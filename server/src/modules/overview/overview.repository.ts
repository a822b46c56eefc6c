import { type Expression, type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
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

/** First submitted after the (granted) deadline. */
const LATE = sql<boolean>`(r.first_submitted_at is not null and ${SUBMITTED_ON} > ${DEADLINE})`;
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

/**
 * The owed obligations of a plan the viewer may read, with their unit and report. `lateral`
 * fetches each report by its unique index (a few hundred rows: the rates of one page's units)
 * instead of hashing the report table (a whole period).
 */
function owed(db: Db, planId: string, scope: Scope, lateral = false) {
  const from = db.selectFrom('obligation as o').innerJoin('org_unit as u', 'u.id', 'o.unit_id');
  const hashed = from.leftJoin('report as r', 'r.obligation_id', 'o.id');
  let q = lateral
    ? // The same columns under the same alias; only the join strategy differs.
      (from.leftJoinLateral(
        (eb) => eb.selectFrom('report').selectAll().whereRef('report.obligation_id', '=', 'o.id').as('r'),
        (join) => join.onTrue(),
      ) as unknown as typeof hashed)
    : hashed;
  q = q
    .where('o.plan_id', '=', planId)
    .where((eb) => eb.or([eb('o.ended_on', 'is', null), eb('o.ended_on', '>', eb.ref('o.period_end'))]));
  const { prefixes } = scope;
  if (prefixes !== null && !(scope.readsOwner && scope.readsReportsTo)) {
    q = q.where((eb) => {
      const ors: Expression<SqlBool>[] = prefixes.map((p) => eb('u.path', 'like', `${escapeLike(p)}%`));
      // Figures (docs/indicators.md "Approval") go to the owner's level: its readers see them;
      // the reports_to's readers see the plan's own line only.
      if (scope.readsOwner) ors.push(eb.or([eb('o.task_id', 'is not', null), eb('o.role', '=', 'figures')]));
      if (scope.readsReportsTo) ors.push(eb('o.role', '=', 'plan'));
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
  const rows = owed(db, planId, scope).select([
    'o.period_key',
    'o.period_start',
    'o.period_end',
    'o.due_on',
    sql<boolean>`r.first_submitted_at is not null`.as('submitted'),
    stateExpr(today).as('state'),
  ]);
  return db
    .selectFrom(rows.as('x'))
    .select([
      'x.period_key',
      sql<string>`min(x.period_start)`.as('period_start'),
      sql<string>`max(x.period_end)`.as('period_end'),
      sql<string>`min(x.due_on)`.as('first_due_on'),
      sql<string>`max(x.due_on)`.as('last_due_on'),
      sql<number>`count(*)::int`.as('total'),
      sql<number>`(count(*) filter (where x.submitted))::int`.as('submitted'),
      sql<number>`(count(*) filter (where x.state = 'accepted'))::int`.as('accepted'),
      sql<number>`(count(*) filter (where x.state = 'overdue'))::int`.as('overdue'),
    ])
    .groupBy('x.period_key')
    .orderBy(sql`min(x.period_start)`)
    .orderBy('x.period_key')
    .execute();
}

/**
 * A plan's periods as its obligations give them (keys and dates, no counts): one index range,
 * no join — what the overview needs to pick and describe its period.
 */
export function periodDates(db: Db, planId: string, key?: string) {
  let q = db
    .selectFrom('obligation')
    .select([
      'period_key',
      sql<string>`min(period_start)`.as('period_start'),
      sql<string>`max(period_end)`.as('period_end'),
      sql<string>`min(due_on)`.as('first_due_on'),
      sql<string>`max(due_on)`.as('last_due_on'),
    ])
    .where('plan_id', '=', planId);
  if (key !== undefined) q = q.where('period_key', '=', key);
  return q.groupBy('period_key').orderBy(sql`min(period_start)`).orderBy('period_key').execute();
}

export function levels(db: Db) {
  return db.selectFrom('org_level').select(['code', 'name_vi', 'name_en', 'rank']).execute();
}

export type Sort = 'name' | 'deadline' | 'state' | 'rate';

/**
 * Per unit, over the plan's periods so far (every period, as of `today`): obligations expected
 * and those met on time (W21-QL01), against the granted and against the original deadline.
 */
function rates(db: Db, planId: string, scope: Scope, today: string, lateral = false) {
  return owed(db, planId, scope, lateral)
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
  return rates(db, planId, scope, today, true).where('o.unit_id', 'in', unitIds).execute();
}

/**
 * The overview of one period in ONE statement: the period's visible, filtered obligations are
 * joined to their unit and report and classified once (a materialized CTE), then counted — per
 * (level, state) with the late flags, and the distinct units per level — and cut into one sorted
 * page, each part returned as a JSON array. Sorted by the on-time rate, the rates of every unit
 * in scope are a grouped subquery; otherwise `ratesOf` asks for the page's units only.
 * Ties are broken on the folded name in the "C" collation (it is ASCII: fast, and the same on
 * both backends).
 */
export async function overview(
  db: Db,
  planId: string,
  period: string,
  scope: Scope,
  filter: Filter,
  today: string,
  order: { sort: Sort; desc: boolean; limit: number; offset: number },
) {
  // Narrow rows: what counting and sorting need; the page's other columns are joined to its rows only.
  const rows = filtered(db, planId, period, scope, filter, today).select([
    'o.id',
    'o.level',
    'o.unit_id',
    'o.task_id',
    'o.due_on',
    DEADLINE.as('deadline'),
    'u.search_text',
    stateExpr(today).as('state'),
    sql<string | null>`${SUBMITTED_ON}`.as('submitted_on'),
  ]);
  const dir = order.desc ? sql`desc` : sql`asc`;
  const rank = sql`case x.state ${sql.join(
    STATES.map((s, i) => sql`when ${s} then ${i}`),
    sql` `,
  )} end`;
  const name = sql`x.search_text collate "C"`;
  const row = await db
    .with(
      (cte) => cte('x').materialized(),
      () => rows,
    )
    .selectNoFrom((eb) => {
      let sorted = eb.selectFrom('x').leftJoin('plan_node as t', 't.id', 'x.task_id');
      let key: RawBuilder<unknown>;
      if (order.sort === 'rate') {
        sorted = sorted.leftJoin(rates(db, planId, scope, today).as('rt'), 'rt.unit_id', 'x.unit_id') as typeof sorted;
        key = sql`(rt.on_time::float / nullif(rt.expected, 0)) ${dir} nulls last, ${name}, x.id`;
      } else if (order.sort === 'name') {
        key = sql`${name} ${dir}, t.position ${dir}, x.id`;
      } else if (order.sort === 'deadline') {
        key = sql`x.deadline ${dir}, ${name}, x.id`;
      } else {
        key = sql`${rank} ${dir}, x.deadline, ${name}, x.id`;
      }
      // ORDER BY … LIMIT first (a top-N sort), then number the page's rows in that order.
      const cut = sorted
        .select(['x.id', 'x.state', 'x.submitted_on', 'x.deadline', 'x.due_on'])
        .orderBy(key)
        .limit(order.limit)
        .offset(order.offset)
        .as('cut');
      const pageIds = eb.selectFrom(cut).selectAll('cut').select(sql<number>`row_number() over ()`.as('pos')).as('pg');
      const page = eb
        .selectFrom(pageIds)
        .innerJoin('obligation as o', 'o.id', 'pg.id')
        .innerJoin('org_unit as u', 'u.id', 'o.unit_id')
        .leftJoin('report as r', 'r.obligation_id', 'o.id')
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
          'pg.state',
          sql<boolean>`coalesce(pg.submitted_on > pg.deadline, false)`.as('late'),
          sql<boolean>`coalesce(pg.submitted_on > pg.due_on, false)`.as('late_original'),
        ])
        .orderBy('pg.pos');
      return [
        jsonArrayFrom(
          eb
            .selectFrom('x')
            .select([
              'x.level',
              'x.state',
              sql<number>`count(*)::int`.as('n'),
              sql<number>`(count(*) filter (where x.submitted_on > x.deadline))::int`.as('late'),
              sql<number>`(count(*) filter (where x.submitted_on > x.due_on))::int`.as('late_original'),
            ])
            .groupBy(['x.level', 'x.state']),
        ).as('counts'),
        jsonArrayFrom(
          eb
            .selectFrom(eb.selectFrom('x').select(['x.level', 'x.unit_id']).distinct().as('d'))
            .select(['d.level', sql<number>`count(*)::int`.as('units')])
            .groupBy('d.level'),
        ).as('units'),
        jsonArrayFrom(page).as('page'),
      ];
    })
    .executeTakeFirstOrThrow();
  return row;
}

/** Per task: the period's owed obligations by state, and how many reported the work done. */
export function taskCounts(db: Db, planId: string, period: string, scope: Scope, today: string) {
  const rows = owed(db, planId, scope)
    .where('o.period_key', '=', period)
    .where('o.task_id', 'is not', null)
    .select(['o.task_id', 'r.status', 'r.review_state', stateExpr(today).as('state')]);
  return db
    .selectFrom(rows.as('x'))
    .select([
      'x.task_id',
      sql<number>`count(*)::int`.as('owed'),
      sql<number>`(count(*) filter (where x.status = 'done' and x.review_state = 'accepted'))::int`.as('done'),
      sql<number>`(count(*) filter (where x.status = 'done' and x.review_state = 'submitted'))::int`.as(
        'done_awaiting',
      ),
      sql<number>`(count(*) filter (where x.status in ('in_progress', 'done', 'cannot_do')))::int`.as('started'),
      sql<number>`(count(*) filter (where x.state = 'cannot_do'))::int`.as('cannot_do'),
      sql<number>`(count(*) filter (where x.state = 'overdue'))::int`.as('overdue'),
      sql<number>`(count(*) filter (where x.state = 'returned'))::int`.as('returned'),
    ])
    .groupBy('x.task_id')
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

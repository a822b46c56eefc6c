import { type Kysely, sql } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

/** All SQL of the obligation rule and of "what I owe" (docs/followup.md "Obligations"). */
type Db = Kysely<Database>;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export function planForSync(db: Db, planId: string) {
  return db
    .selectFrom('plan as p')
    .innerJoin('document as d', 'd.id', 'p.document_id')
    .innerJoin('org_unit as o', 'o.id', 'p.owner_unit_id')
    .innerJoin('org_unit as s', 's.id', 'p.scope_unit_id')
    .select([
      'p.id',
      'p.regime',
      'p.reports_to_unit_id',
      'p.reporting_from',
      'p.reporting_until',
      'p.status',
      'p.ended_on',
      'p.version',
      'p.owner_unit_id',
      'p.scope_unit_id',
      'd.issued_on',
      sql<string>`to_char(p.created_at at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD')`.as('created_on'),
      'o.path as owner_path',
      's.path as scope_path',
    ])
    .where('p.id', '=', planId)
    .executeTakeFirst();
}

export function tasksOf(db: Db, planId: string) {
  return db
    .selectFrom('plan_node')
    .select(['id', 'regime', 'recurrence', 'status'])
    .where('plan_id', '=', planId)
    .where('kind', '=', 'task')
    .orderBy('id')
    .execute();
}

export function assignmentsOfPlan(db: Db, planId: string) {
  return db
    .selectFrom('assignment as a')
    .innerJoin('plan_node as n', 'n.id', 'a.task_id')
    .select(['a.task_id', 'a.unit_id', 'a.role', 'a.selector', 'a.position'])
    .where('n.plan_id', '=', planId)
    .orderBy('a.task_id')
    .orderBy('a.position')
    .execute();
}

export function unitsByIds(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('org_unit')
    .select(['id', 'parent_id', 'path', 'name', 'short_name', 'aliases', 'kind', 'level', 'valid_from', 'valid_to'])
    .where('id', 'in', ids)
    .execute();
}

export function unitsUnder(db: Db, path: string) {
  return db
    .selectFrom('org_unit')
    .select(['id', 'parent_id', 'path', 'name', 'short_name', 'aliases', 'kind', 'level', 'valid_from', 'valid_to'])
    .where('path', 'like', `${escapeLike(path)}%`)
    .execute();
}

export function successorsOf(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('org_succession')
    .select(['predecessor_id', 'successor_id', 'effective_on'])
    .where('predecessor_id', 'in', ids)
    .execute();
}

export async function levelRanks(db: Db): Promise<Map<string, number>> {
  const rows = await db.selectFrom('org_level').select(['code', 'rank']).execute();
  return new Map(rows.map((r) => [r.code, r.rank]));
}

/** The plan's obligations whose cut-off is on or after a date (the ones a sync may still change). */
export function obligationsOfPlan(db: Db, planId: string, endingFrom: string) {
  return db
    .selectFrom('obligation')
    .select(['id', 'task_id', 'unit_id', 'role', 'period_key', 'period_start', 'period_end', 'ended_on'])
    .where('plan_id', '=', planId)
    .where('period_end', '>=', endingFrom)
    .execute();
}

/**
 * The start of the plan's latest period that has obligations; null: none yet. Figures obligations
 * (their own periods, from their own first year) are counted apart: `figures` true.
 */
export async function lastPeriodStart(db: Db, planId: string, figures = false): Promise<string | null> {
  const row = await db
    .selectFrom('obligation')
    .select((eb) => eb.fn.max('period_start').as('last'))
    .where('plan_id', '=', planId)
    .where('role', figures ? '=' : '<>', 'figures')
    .executeTakeFirst();
  return (row?.last as string | null | undefined) ?? null;
}

export type NewObligation = {
  plan_id: string;
  task_id: string | null;
  unit_id: string;
  role: 'lead' | 'coordinate' | 'plan' | 'figures';
  period_key: string;
  period_start: string;
  period_end: string;
  level: string;
  due_on: string;
  /** Figures only: the unit that reviews them (the owner, or the plan's reports_to at its level). */
  reviewer_unit_id?: string | null;
};

/** Inserts what is missing; a row another transaction made first is left as it is. */
export async function insertObligations(db: Db, rows: NewObligation[]): Promise<number> {
  let n = 0;
  // 10 columns a row: 5,000 rows stay well under PostgreSQL's 65,535 parameters.
  for (let i = 0; i < rows.length; i += 5000) {
    const chunk = rows.slice(i, i + 5000).map((r) => ({ ...r, reviewer_unit_id: r.reviewer_unit_id ?? null }));
    const done = await db
      .insertInto('obligation')
      .values(chunk)
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .execute();
    n += done.length;
  }
  return n;
}

/** Marks rows as no longer applying from a date; an `ended_on` already set is never rewritten. */
export async function endObligations(db: Db, ids: string[], endedOn: string): Promise<number> {
  let n = 0;
  for (let i = 0; i < ids.length; i += 1000) {
    const res = await db
      .updateTable('obligation')
      .set({ ended_on: endedOn, version: sql`version + 1` })
      .where('id', 'in', ids.slice(i, i + 1000))
      .where('ended_on', 'is', null)
      .executeTakeFirst();
    n += Number(res.numUpdatedRows);
  }
  return n;
}

/** The plan's figures collection (indicators module, docs/indicators.md "Approval"); undefined: none. */
export function figuresCollectionOf(db: Db, planId: string) {
  return db
    .selectFrom('figures_collection')
    .select(['frequency', 'from_year', 'indicator_codes'])
    .where('plan_id', '=', planId)
    .executeTakeFirst();
}

export function fillReportsTo(db: Db, planId: string, unitId: string) {
  return db
    .updateTable('plan')
    .set({ reports_to_unit_id: unitId })
    .where('id', '=', planId)
    .where('reports_to_unit_id', 'is', null)
    .execute();
}

export async function planIds(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('plan').select('id').orderBy('id').execute();
  return rows.map((r) => r.id);
}

// ---------------------------------------------------------------------------------------------
// Regime settings

export function planForUpdate(db: Db, planId: string) {
  return db
    .selectFrom('plan as p')
    .innerJoin('org_unit as o', 'o.id', 'p.owner_unit_id')
    .innerJoin('org_unit as s', 's.id', 'p.scope_unit_id')
    .leftJoin('org_unit as r', 'r.id', 'p.reports_to_unit_id')
    .select([
      'p.id',
      'p.regime',
      'p.reports_to_unit_id',
      'r.name as reports_to_name',
      'p.reporting_from',
      'p.reporting_until',
      'p.version',
      'o.path as owner_path',
      's.path as scope_path',
    ])
    .where('p.id', '=', planId)
    .forUpdate('p')
    .executeTakeFirst();
}

export function taskForUpdate(db: Db, planId: string, taskId: string) {
  return db
    .selectFrom('plan_node')
    .select(['id', 'regime', 'recurrence', 'version', 'label'])
    .where('plan_id', '=', planId)
    .where('id', '=', taskId)
    .where('kind', '=', 'task')
    .forUpdate()
    .executeTakeFirst();
}

export async function updatePlanReporting(
  db: Db,
  planId: string,
  version: number,
  patch: {
    regime: string | null;
    reports_to_unit_id: string | null;
    reporting_from: string | null;
    reporting_until: string | null;
  },
): Promise<boolean> {
  const res = await db
    .updateTable('plan')
    .set({ ...patch, version: sql`version + 1` })
    .where('id', '=', planId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function updateTaskRegime(db: Db, taskId: string, version: number, regime: string | null) {
  const res = await db
    .updateTable('plan_node')
    .set({ regime, version: sql`version + 1` })
    .where('id', '=', taskId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export function unitPath(db: Db, id: string) {
  return db.selectFrom('org_unit').select(['id', 'path', 'name']).where('id', '=', id).executeTakeFirst();
}

// ---------------------------------------------------------------------------------------------
// What I owe, a leader's home

export const STATES = ['due', 'overdue', 'returned', 'submitted', 'accepted'] as const;
export type OwedState = (typeof STATES)[number];

/** The state of an obligation for the one who owes it, in SQL (needs `o` obligation and `r` report). */
const stateSql = (today: string) => sql<OwedState>`case
  when r.review_state = 'accepted' then 'accepted'
  when r.review_state = 'submitted' then 'submitted'
  when r.review_state = 'returned' then 'returned'
  when ${today}::date > coalesce(o.extended_due_on, o.due_on) then 'overdue'
  else 'due' end`;

export interface OwedFilter {
  /** Path prefixes of the units; null: every unit. */
  prefixes: string[] | null;
  /** Or exactly these units. */
  unitIds?: string[];
  state?: OwedState | undefined;
  today: string;
}

function owedBase(db: Db, f: OwedFilter) {
  let q = db
    .selectFrom('obligation as o')
    .innerJoin('org_unit as u', 'u.id', 'o.unit_id')
    .innerJoin('plan as p', 'p.id', 'o.plan_id')
    .innerJoin('document as d', 'd.id', 'p.document_id')
    .leftJoin('report as r', 'r.obligation_id', 'o.id')
    .leftJoin('plan_node as t', 't.id', 'o.task_id')
    // Ended obligations (ended_on on or before the cut-off) are not owed.
    .where((eb) => eb.or([eb('o.ended_on', 'is', null), eb('o.ended_on', '>', eb.ref('o.period_end'))]));
  if (f.unitIds)
    q = q.where('o.unit_id', 'in', f.unitIds.length > 0 ? f.unitIds : ['00000000-0000-0000-0000-000000000000']);
  if (f.prefixes) {
    const prefixes = f.prefixes;
    q = q.where((eb) =>
      prefixes.length === 0 ? eb.val(false) : eb.or(prefixes.map((p) => eb('u.path', 'like', `${escapeLike(p)}%`))),
    );
  }
  if (f.state) q = q.where(stateSql(f.today), '=', f.state);
  return q;
}

export function owedPage(db: Db, f: OwedFilter, limit: number, offset: number, urgentOnly = false) {
  let q = owedBase(db, f);
  if (urgentOnly) q = q.where(stateSql(f.today), 'in', ['due', 'overdue', 'returned']);
  // What is still owed (due, overdue, returned) first, in deadline order; then what was handed in
  // (submitted, accepted), the latest first: a unit's history never pushes what it owes off the
  // first page.
  const handedIn = sql`r.review_state in ('submitted', 'accepted')`;
  return q
    .select([
      'o.id',
      'o.plan_id',
      'o.task_id',
      'o.unit_id',
      'o.role',
      'o.period_key',
      'o.period_start',
      'o.period_end',
      'o.level',
      'o.due_on',
      'o.extended_due_on',
      'u.name as unit_name',
      'd.symbol as plan_symbol',
      'd.title as plan_title',
      't.label as task_label',
      't.text as task_text',
      'r.review_state',
      'r.review_comment',
      'r.status as report_status',
      stateSql(f.today).as('state'),
    ])
    .orderBy(sql`case when ${handedIn} then 1 else 0 end`)
    .orderBy(sql`case when ${handedIn} then null else coalesce(o.extended_due_on, o.due_on) end`)
    .orderBy(sql`coalesce(o.extended_due_on, o.due_on)`, 'desc')
    .orderBy('u.name')
    .orderBy('o.id')
    .limit(limit)
    .offset(offset)
    .execute();
}

export async function owedCount(db: Db, f: OwedFilter, urgentOnly = false): Promise<number> {
  let q = owedBase(db, f);
  if (urgentOnly) q = q.where(stateSql(f.today), 'in', ['due', 'overdue', 'returned']);
  const row = await q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function owedCountsByState(db: Db, f: OwedFilter): Promise<Record<OwedState, number>> {
  const rows = await owedBase(db, { ...f, state: undefined })
    .select([stateSql(f.today).as('state'), (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy(sql`1`)
    .execute();
  const out = Object.fromEntries(STATES.map((s) => [s, 0])) as Record<OwedState, number>;
  for (const r of rows) out[r.state] = Number(r.n);
  return out;
}

/** The units a user answers for: the units a grant covers (their subtree), or by id. */
export function unitsCovered(db: Db, prefixes: string[]) {
  if (prefixes.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('org_unit')
    .select(['id', 'path', 'name', 'kind', 'level'])
    .where((eb) => eb.or(prefixes.map((p) => eb('path', 'like', `${escapeLike(p)}%`))))
    .execute();
}

/** Documents with a plan issued for an area above one of these paths: what a unit may have to answer. */
export function plannedDocumentsAbove(db: Db, areaIds: string[]) {
  if (areaIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('document as d')
    .innerJoin('plan as p', 'p.document_id', 'd.id')
    .select(['d.id', 'd.symbol', 'd.title', 'd.issued_on', 'p.id as plan_id'])
    .where('d.scope_unit_id', 'in', areaIds)
    .where('p.status', '=', 'active')
    .execute();
}

/**
 * The plans a directory change can concern: those whose territory holds one of the units
 * (selectors), that name one of them in an assignment, or that it owns or reports to.
 */
export async function plansConcerning(db: Db, unitIds: string[]): Promise<string[]> {
  if (unitIds.length === 0) return [];
  // No plan yet (a directory being built, or a database between migrations): nothing to follow.
  if (!(await db.selectFrom('plan').select('id').limit(1).executeTakeFirst())) return [];
  const rows = await db
    .selectFrom('plan as p')
    .innerJoin('org_unit as s', 's.id', 'p.scope_unit_id')
    .select('p.id')
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('org_unit as u')
            .select(sql`1`.as('one'))
            .where('u.id', 'in', unitIds)
            .where(sql<boolean>`u.path like s.path || '%'`),
        ),
        eb.exists(
          eb
            .selectFrom('assignment as a')
            .innerJoin('plan_node as n', 'n.id', 'a.task_id')
            .select(sql`1`.as('one'))
            .whereRef('n.plan_id', '=', 'p.id')
            .where('a.unit_id', 'in', unitIds),
        ),
        eb('p.owner_unit_id', 'in', unitIds),
        eb('p.reports_to_unit_id', 'in', unitIds),
      ]),
    )
    .orderBy('p.id')
    .execute();
  return rows.map((r) => r.id);
}

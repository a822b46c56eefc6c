import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/** The SQL of approval (docs/indicators.md "Approval"): a plan's figures collection, gates, review queue. */

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The plan with the paths its policy reads; locked when `forUpdate`. */
export function planPlaced(db: Db, planId: string, forUpdate = false) {
  let q = db
    .selectFrom('plan as p')
    .innerJoin('org_unit as o', 'o.id', 'p.owner_unit_id')
    .innerJoin('org_unit as s', 's.id', 'p.scope_unit_id')
    .select(['p.id', 'p.status', 'o.path as owner_path', 's.path as scope_path'])
    .where('p.id', '=', planId);
  if (forUpdate) q = q.forUpdate('p');
  return q.executeTakeFirst();
}

export function collectionOf(db: Db, planId: string) {
  return db
    .selectFrom('figures_collection')
    .select(['plan_id', 'frequency', 'from_year', 'indicator_codes', 'lock_after_days', 'version'])
    .where('plan_id', '=', planId)
    .executeTakeFirst();
}
export type CollectionRow = NonNullable<Awaited<ReturnType<typeof collectionOf>>>;

export interface CollectionWrite {
  frequency: 'annual' | 'semiannual';
  from_year: number;
  indicator_codes: string[];
  lock_after_days: number;
}

export async function insertCollection(db: Db, planId: string, w: CollectionWrite): Promise<boolean> {
  const rows = await db
    .insertInto('figures_collection')
    .values({ plan_id: planId, ...w })
    .onConflict((oc) => oc.column('plan_id').doNothing())
    .returning('plan_id')
    .execute();
  return rows.length === 1;
}

export async function updateCollection(db: Db, planId: string, version: number, w: CollectionWrite): Promise<boolean> {
  const res = await db
    .updateTable('figures_collection')
    .set({ ...w, version: sql`version + 1` })
    .where('plan_id', '=', planId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Live indicator codes among `codes`. */
export async function knownIndicatorCodes(db: Db, codes: string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db
    .selectFrom('indicator')
    .select('code')
    .where('code', 'in', codes)
    .where('archived_at', 'is', null)
    .execute();
  return new Set(rows.map((r) => r.code));
}

/** A unit with the path of its territory (its own area, or the area it belongs to) and its level's rank. */
export function unitPlace(db: Db, unitId: string) {
  return db
    .selectFrom('org_unit as u')
    .leftJoin('org_unit as a', 'a.id', 'u.parent_id')
    .innerJoin('org_level as l', 'l.code', 'u.level')
    .select([
      'u.id',
      'u.name',
      'u.path',
      'u.kind',
      'l.rank',
      sql<string>`case when u.kind = 'area' or a.path is null then u.path else a.path end`.as('area_path'),
    ])
    .where('u.id', '=', unitId)
    .executeTakeFirst();
}

/**
 * Figures obligations of a period held by units below a level inside a territory that still
 * apply and are not accepted: what a level's acceptance waits for. The first `limit`, and the count.
 */
export async function childrenPending(db: Db, areaPath: string, rank: number, periodKey: string, limit = 5) {
  const base = db
    .selectFrom('obligation as o')
    .innerJoin('org_unit as u', 'u.id', 'o.unit_id')
    .innerJoin('org_level as l', 'l.code', 'u.level')
    .leftJoin('report as r', 'r.obligation_id', 'o.id')
    .where('o.role', '=', 'figures')
    .where('o.period_key', '=', periodKey)
    .where('o.ended_on', 'is', null)
    .where('u.path', 'like', `${escapeLike(areaPath)}%`)
    .where('l.rank', '>', rank)
    .where(sql<boolean>`coalesce(r.review_state, 'draft') <> 'accepted'`);
  const [rows, count] = await Promise.all([
    base
      .select([
        'o.id',
        'u.id as unit_id',
        'u.name as unit_name',
        sql<string>`coalesce(r.review_state, 'draft')`.as('state'),
      ])
      .orderBy('u.path')
      .limit(limit)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirst(),
  ]);
  return { rows, count: Number(count?.n ?? 0) };
}

/** The figures obligation of a unit for a period (the first that applies), with its reviewer's path. */
export function figuresObligationOf(db: Db, unitId: string, periodKey: string) {
  return db
    .selectFrom('obligation as o')
    .innerJoin('org_unit as u', 'u.id', 'o.unit_id')
    .innerJoin('org_unit as rv', 'rv.id', 'o.reviewer_unit_id')
    .innerJoin('plan as p', 'p.id', 'o.plan_id')
    .innerJoin('document as d', 'd.id', 'p.document_id')
    .leftJoin('report as r', 'r.obligation_id', 'o.id')
    .select([
      'o.id',
      'o.plan_id',
      'o.due_on',
      'o.extended_due_on',
      'o.period_end',
      'o.ended_on',
      'u.path as unit_path',
      'rv.id as reviewer_unit_id',
      'rv.name as reviewer_unit_name',
      'rv.path as reviewer_path',
      'd.title as plan_title',
      sql<string>`coalesce(r.review_state, 'draft')`.as('review_state'),
      'r.review_comment',
      'r.submitted_at',
      'r.reviewed_at',
      sql<number>`coalesce(r.version, 0)`.as('report_version'),
    ])
    .where('o.unit_id', '=', unitId)
    .where('o.period_key', '=', periodKey)
    .where('o.role', '=', 'figures')
    .where('o.ended_on', 'is', null)
    .orderBy('o.due_on')
    .executeTakeFirst();
}

/**
 * Figures obligations received by units under these paths (null: everywhere), optionally of one
 * period: the candidates of a review queue (the service keeps those the caller may review).
 */
export function figuresToReview(db: Db, reviewerPrefixes: string[] | null, periodKey: string | null, limit: number) {
  let q = db
    .selectFrom('obligation as o')
    .innerJoin('org_unit as u', 'u.id', 'o.unit_id')
    .innerJoin('org_unit as rv', 'rv.id', 'o.reviewer_unit_id')
    .leftJoin('report as r', 'r.obligation_id', 'o.id')
    .select([
      'o.id',
      'o.unit_id',
      'o.period_key',
      'o.due_on',
      'o.extended_due_on',
      'u.name as unit_name',
      'u.path as unit_path',
      'rv.id as reviewer_unit_id',
      'rv.name as reviewer_unit_name',
      'rv.path as reviewer_path',
      sql<string>`coalesce(r.review_state, 'draft')`.as('review_state'),
      'r.submitted_at',
    ])
    .where('o.role', '=', 'figures')
    .where('o.ended_on', 'is', null);
  if (reviewerPrefixes) {
    const prefixes = reviewerPrefixes;
    q = q.where((eb) =>
      prefixes.length === 0 ? eb.val(false) : eb.or(prefixes.map((p) => eb('rv.path', 'like', `${escapeLike(p)}%`))),
    );
  }
  if (periodKey) q = q.where('o.period_key', '=', periodKey);
  return q
    .orderBy(
      sql`case coalesce(r.review_state, 'draft') when 'submitted' then 0 when 'returned' then 1 when 'draft' then 2 else 3 end`,
    )
    .orderBy('o.period_key', 'desc')
    .orderBy('u.path')
    .limit(limit)
    .execute();
}

/** The periods that have figures obligations received under these paths, latest first. */
export async function reviewPeriods(db: Db, reviewerPrefixes: string[] | null): Promise<string[]> {
  let q = db
    .selectFrom('obligation as o')
    .innerJoin('org_unit as rv', 'rv.id', 'o.reviewer_unit_id')
    .select('o.period_key')
    .distinct()
    .where('o.role', '=', 'figures')
    .where('o.ended_on', 'is', null);
  if (reviewerPrefixes) {
    const prefixes = reviewerPrefixes;
    q = q.where((eb) =>
      prefixes.length === 0 ? eb.val(false) : eb.or(prefixes.map((p) => eb('rv.path', 'like', `${escapeLike(p)}%`))),
    );
  }
  const rows = await q.orderBy('o.period_key', 'desc').limit(40).execute();
  return rows.map((r) => r.period_key);
}

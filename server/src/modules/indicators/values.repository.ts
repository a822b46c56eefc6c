import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/** The SQL of a unit's values: cells, their history, locks and the figures obligation. */

export interface StoredCell {
  element_id: string;
  combo: string;
  value: number | null;
  not_available: boolean;
  comment: string | null;
  version: number;
  updated_at: Date;
  updated_by_name: string | null;
}

export function findUnit(db: Db, id: string) {
  return db
    .selectFrom('org_unit')
    .select(['id', 'name', 'path', 'kind', 'level', 'parent_id', 'valid_from', 'valid_to'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function cellsOf(db: Db, unitId: string, periodKey: string): Promise<StoredCell[]> {
  return db
    .selectFrom('data_value as v')
    .leftJoin('app_user as u', 'u.id', 'v.updated_by')
    .select([
      'v.element_id',
      'v.combo',
      sql<number | null>`v.value::float8`.as('value'),
      'v.not_available',
      'v.comment',
      'v.version',
      'v.updated_at',
      'u.display_name as updated_by_name',
    ])
    .where('v.unit_id', '=', unitId)
    .where('v.period_key', '=', periodKey)
    .execute();
}

/** Element totals of a unit in a period (numbers only), by element id. */
export async function totalsOf(db: Db, unitId: string, periodKey: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('data_value')
    .select(['element_id', sql<number>`sum(value)::float8`.as('total')])
    .where('unit_id', '=', unitId)
    .where('period_key', '=', periodKey)
    .where('value', 'is not', null)
    .groupBy('element_id')
    .execute();
  return new Map(rows.map((r) => [r.element_id, r.total]));
}

/** Serialises writers of one unit's form for one period (rules span cells: validate, then write). */
export async function lockForm(trx: Transaction<Database>, unitId: string, periodKey: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`trienkhai.data_value:${unitId}:${periodKey}`}))`.execute(trx);
}

/** The unit's figures obligations for the period that still apply, with their review state. */
export function figuresObligations(db: Db, unitId: string, periodKey: string) {
  return db
    .selectFrom('obligation as o')
    .leftJoin('report as r', 'r.obligation_id', 'o.id')
    .leftJoin('figures_collection as f', 'f.plan_id', 'o.plan_id')
    .select([
      'o.id',
      'o.plan_id',
      'o.due_on',
      'o.extended_due_on',
      'o.reviewer_unit_id',
      'r.review_state',
      'r.version as report_version',
      'f.lock_after_days',
    ])
    .where('o.unit_id', '=', unitId)
    .where('o.period_key', '=', periodKey)
    .where('o.role', '=', 'figures')
    .where('o.ended_on', 'is', null)
    .orderBy('o.due_on')
    .execute();
}

/** An administrator's reopening still in force on `today`. */
export function openException(db: Db, unitId: string, periodKey: string, today: string) {
  return db
    .selectFrom('data_lock_exception')
    .select(['id', 'open_until', 'reason'])
    .where('unit_id', '=', unitId)
    .where('period_key', '=', periodKey)
    .where('open_until', '>=', today)
    .orderBy('open_until', 'desc')
    .executeTakeFirst();
}

export interface CellWrite {
  element_id: string;
  combo: string;
  value: number | null;
  not_available: boolean;
  comment: string | null;
}

export async function upsertCell(
  trx: Transaction<Database>,
  unitId: string,
  periodKey: string,
  w: CellWrite,
  actorId: string | null,
  at: Date,
): Promise<number> {
  const row = await trx
    .insertInto('data_value')
    .values({
      unit_id: unitId,
      period_key: periodKey,
      element_id: w.element_id,
      combo: w.combo,
      value: w.value,
      not_available: w.not_available,
      comment: w.comment,
      updated_at: at,
      updated_by: actorId,
    })
    .onConflict((oc) =>
      oc.columns(['unit_id', 'period_key', 'element_id', 'combo']).doUpdateSet({
        value: w.value,
        not_available: w.not_available,
        comment: w.comment,
        updated_at: at,
        updated_by: actorId,
        version: sql`data_value.version + 1`,
      }),
    )
    .returning('version')
    .executeTakeFirstOrThrow();
  return row.version;
}

export async function deleteCell(
  trx: Transaction<Database>,
  unitId: string,
  periodKey: string,
  elementId: string,
  combo: string,
): Promise<void> {
  await trx
    .deleteFrom('data_value')
    .where('unit_id', '=', unitId)
    .where('period_key', '=', periodKey)
    .where('element_id', '=', elementId)
    .where('combo', '=', combo)
    .execute();
}

export async function insertHistory(
  trx: Transaction<Database>,
  rows: Database['data_value_history'] extends infer T ? Omit<import('kysely').Insertable<T>, 'id'>[] : never,
): Promise<void> {
  if (rows.length > 0) await trx.insertInto('data_value_history').values(rows).execute();
}

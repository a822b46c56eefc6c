import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/** The SQL of part B (entry): a cell's history, the units in a caller's scope, reopenings. */

export async function historyOf(db: Db, unitId: string, periodKey: string, elementId: string, combo: string) {
  return db
    .selectFrom('data_value_history as h')
    .leftJoin('app_user as u', 'u.id', 'h.changed_by')
    .select([
      'h.id',
      sql<number | null>`h.old_value::float8`.as('old_value'),
      'h.old_not_available',
      sql<number | null>`h.new_value::float8`.as('new_value'),
      'h.new_not_available',
      'h.comment',
      'h.reason',
      'h.supplement',
      'h.source',
      'h.changed_at',
      'u.display_name as changed_by_name',
    ])
    .where('h.unit_id', '=', unitId)
    .where('h.period_key', '=', periodKey)
    .where('h.element_id', '=', elementId)
    .where('h.combo', '=', combo)
    .orderBy('h.changed_at', 'desc')
    .orderBy('h.id', 'desc')
    .limit(500)
    .execute();
}

/**
 * Units active at `on` (valid_from ≤ on < valid_to) of the given kinds, under one of the paths
 * (null: everywhere). The caller filters by policy; the paths only narrow the query.
 */
export async function unitsInScope(db: Db, paths: (string | null)[], kinds: string[], on: string) {
  if (kinds.length === 0 || paths.length === 0) return [];
  let q = db
    .selectFrom('org_unit')
    .select(['id', 'name', 'path', 'kind', 'level'])
    .where('kind', 'in', kinds)
    .where((eb) => eb.or([eb('valid_from', 'is', null), eb('valid_from', '<=', on)]))
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', on)]));
  if (!paths.includes(null)) {
    const prefixes = paths.filter((p): p is string => p !== null);
    q = q.where((eb) => eb.or(prefixes.map((p) => eb('path', 'like', `${p.replace(/[\\%_]/g, '\\$&')}%`))));
  }
  return q.orderBy('path').limit(5000).execute();
}

/** Per unit and element: cells holding a number or "not available" in the period. */
export async function filledCounts(db: Db, unitIds: string[], periodKey: string) {
  if (unitIds.length === 0) return [];
  return db
    .selectFrom('data_value')
    .select(['unit_id', 'element_id', sql<number>`count(*)::int`.as('n')])
    .where('unit_id', 'in', unitIds)
    .where('period_key', '=', periodKey)
    .where((eb) => eb.or([eb('value', 'is not', null), eb('not_available', '=', true)]))
    .groupBy(['unit_id', 'element_id'])
    .execute();
}

/** The figures obligations of many units for one period (not ended), with their review state. */
export async function obligationsOf(db: Db, unitIds: string[], periodKey: string) {
  if (unitIds.length === 0) return [];
  return db
    .selectFrom('obligation as o')
    .leftJoin('report as r', 'r.obligation_id', 'o.id')
    .select(['o.id', 'o.unit_id', 'o.due_on', 'o.extended_due_on', 'r.review_state'])
    .where('o.unit_id', 'in', unitIds)
    .where('o.period_key', '=', periodKey)
    .where('o.role', '=', 'figures')
    .where('o.ended_on', 'is', null)
    .orderBy('o.due_on')
    .execute();
}

export async function insertException(
  trx: Transaction<Database>,
  row: { unit_id: string; period_key: string; open_until: string; reason: string; created_by: string | null; at: Date },
) {
  return trx
    .insertInto('data_lock_exception')
    .values({
      unit_id: row.unit_id,
      period_key: row.period_key,
      open_until: row.open_until,
      reason: row.reason,
      created_by: row.created_by,
      created_at: row.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function exceptions(db: Db, filter: { unitId?: string | undefined; periodKey?: string | undefined }) {
  let q = db
    .selectFrom('data_lock_exception as x')
    .innerJoin('org_unit as u', 'u.id', 'x.unit_id')
    .leftJoin('app_user as a', 'a.id', 'x.created_by')
    .select([
      'x.id',
      'x.unit_id',
      'u.name as unit_name',
      'u.path as unit_path',
      'x.period_key',
      'x.open_until',
      'x.reason',
      'x.created_at',
      'a.display_name as created_by_name',
    ]);
  if (filter.unitId) q = q.where('x.unit_id', '=', filter.unitId);
  if (filter.periodKey) q = q.where('x.period_key', '=', filter.periodKey);
  return q.orderBy('x.created_at', 'desc').limit(1000).execute();
}

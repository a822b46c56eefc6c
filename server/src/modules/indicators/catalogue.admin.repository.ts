import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

/** SQL of the catalogue administration (part A). */

type Db = Kysely<Database> | Transaction<Database>;

export const listCategories = (db: Db) => db.selectFrom('indicator_category').selectAll().orderBy('position').execute();

export const listElements = (db: Db, archived: boolean) =>
  db
    .selectFrom('data_element as e')
    .selectAll('e')
    .select((eb) =>
      eb
        .exists(eb.selectFrom('data_value as v').select(sql`1`.as('one')).whereRef('v.element_id', '=', 'e.id'))
        .as('has_values'),
    )
    .$if(!archived, (q) => q.where('e.archived_at', 'is', null))
    .orderBy('e.position')
    .execute();

export const listIndicators = (db: Db, archived: boolean) =>
  db
    .selectFrom('indicator')
    .selectAll()
    .$if(!archived, (q) => q.where('archived_at', 'is', null))
    .orderBy('position')
    .execute();

export const listRules = (db: Db, archived: boolean) =>
  db
    .selectFrom('validation_rule')
    .selectAll()
    .$if(!archived, (q) => q.where('archived_at', 'is', null))
    .orderBy('code')
    .execute();

export const listTargets = (db: Db) =>
  db
    .selectFrom('indicator_target as t')
    .leftJoin('org_unit as u', 'u.id', 't.unit_id')
    .selectAll('t')
    .select(['u.name as unit_name', 'u.path as unit_path'])
    .orderBy('t.year')
    .orderBy('u.path')
    .execute();

export const listKinds = (db: Db) => db.selectFrom('org_kind').selectAll().orderBy('code').execute();

/** Serialises catalogue writes: an edit is checked against the catalogue as the previous one left it. */
export async function lockCatalogue(trx: Transaction<Database>): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('indicator_catalogue'))`.execute(trx);
}

export const findCategory = (db: Db, code: string) =>
  db.selectFrom('indicator_category').selectAll().where('code', '=', code).forUpdate().executeTakeFirst();
export const findElement = (db: Db, id: string) =>
  db.selectFrom('data_element').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
export const findIndicator = (db: Db, id: string) =>
  db.selectFrom('indicator').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
export const findRule = (db: Db, id: string) =>
  db.selectFrom('validation_rule').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
export const findTarget = (db: Db, id: string) =>
  db.selectFrom('indicator_target').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
export const findTargetByIdentity = (db: Db, indicatorId: string, year: number, unitId: string | null) =>
  db
    .selectFrom('indicator_target')
    .selectAll()
    .where('indicator_id', '=', indicatorId)
    .where('year', '=', year)
    .where((eb) => (unitId === null ? eb('unit_id', 'is', null) : eb('unit_id', '=', unitId)))
    .forUpdate()
    .executeTakeFirst();

export const findUnit = (db: Db, id: string) =>
  db.selectFrom('org_unit').select(['id', 'name', 'path']).where('id', '=', id).executeTakeFirst();

export async function codeTaken(db: Db, table: 'data_element' | 'indicator' | 'validation_rule', code: string) {
  const row = await db.selectFrom(table).select('code').where('code', '=', code).executeTakeFirst();
  return row !== undefined;
}

export async function elementHasValues(db: Db, elementId: string): Promise<boolean> {
  const row = await db
    .selectFrom('data_value')
    .select('element_id')
    .where('element_id', '=', elementId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Does a stored figure carry this option of the category? (combo 'AGE:duoi40|ETH:kinh') */
export async function optionHasValues(db: Db, category: string, option: string): Promise<boolean> {
  const elementIds = db.selectFrom('data_element').select('id').where(sql<boolean>`${category} = any(categories)`);
  const row = await db
    .selectFrom('data_value')
    .select('element_id')
    .where('element_id', 'in', elementIds)
    .where(sql<boolean>`('|' || combo || '|') like ${`%|${category}:${option}|%`.replaceAll('_', '\\_')}`)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function existingKinds(db: Db, codes: string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db.selectFrom('org_kind').select('code').where('code', 'in', codes).execute();
  return new Set(rows.map((r) => r.code));
}

export async function nextPosition(
  db: Db,
  table: 'data_element' | 'indicator' | 'indicator_category',
): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.max('position').as('p'))
    .executeTakeFirst();
  return Number(row?.p ?? -1) + 1;
}

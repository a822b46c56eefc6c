import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export function listUsers(db: Db) {
  return db
    .selectFrom('app_user as u')
    .leftJoin('org_unit as h', 'h.id', 'u.home_unit_id')
    .select([
      'u.id',
      'u.username',
      'u.display_name',
      'u.is_active',
      'u.is_demo',
      'u.home_unit_id',
      'h.name as home_unit_name',
    ])
    .orderBy('u.username')
    .execute();
}

export function listGrants(db: Db) {
  return db
    .selectFrom('role_grant as g')
    .leftJoin('org_unit as u', 'u.id', 'g.unit_id')
    .select(['g.id', 'g.user_id', 'g.role', 'g.unit_id', 'u.name as unit_name'])
    .execute();
}

export function findUserByUsername(db: Db, username: string) {
  return db.selectFrom('app_user').select(['id', 'username']).where('username', '=', username).executeTakeFirst();
}

export async function insertUser(
  db: Db,
  user: {
    username: string;
    display_name: string;
    password_hash: string;
    home_unit_id: string | null;
    is_demo: boolean;
  },
) {
  const row = await db
    .insertInto('app_user')
    .values(user)
    .returning(['id', 'username', 'display_name'])
    .executeTakeFirstOrThrow();
  return row;
}

export async function insertGrant(db: Db, grant: { user_id: string; unit_id: string | null; role: string }) {
  return db
    .insertInto('role_grant')
    .values(grant)
    .returning(['id', 'user_id', 'unit_id', 'role'])
    .executeTakeFirstOrThrow();
}

export function unitExists(db: Db, id: string) {
  return db.selectFrom('org_unit').select('id').where('id', '=', id).executeTakeFirst();
}

export async function countAdmins(db: Db): Promise<number> {
  const rows = await db.selectFrom('role_grant').select('id').where('role', '=', 'admin').execute();
  return rows.length;
}

export function findUser(db: Db, id: string) {
  return db
    .selectFrom('app_user')
    .select(['id', 'username', 'display_name', 'home_unit_id', 'is_active', 'password_hash'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function updateUser(
  db: Db,
  id: string,
  patch: { display_name?: string; home_unit_id?: string | null; is_active?: boolean },
) {
  return db.updateTable('app_user').set(patch).where('id', '=', id).execute();
}

export function setPasswordHash(db: Db, id: string, passwordHash: string) {
  return db.updateTable('app_user').set({ password_hash: passwordHash }).where('id', '=', id).execute();
}

/** Ends the user's sessions, all of them or all but one (the caller's own). */
export function deleteSessionsOf(db: Db, userId: string, keepTokenHash?: string) {
  let q = db.deleteFrom('user_session').where('user_id', '=', userId);
  if (keepTokenHash) q = q.where('token_hash', '!=', keepTokenHash);
  return q.execute();
}

export function grantsOf(db: Db, userId: string) {
  return db
    .selectFrom('role_grant as g')
    .leftJoin('org_unit as u', 'u.id', 'g.unit_id')
    .select(['g.id', 'g.user_id', 'g.role', 'g.unit_id', 'u.name as unit_name'])
    .where('g.user_id', '=', userId)
    .execute();
}

export function findGrant(db: Db, userId: string, role: string, unitId: string | null) {
  let q = db.selectFrom('role_grant').select('id').where('user_id', '=', userId).where('role', '=', role);
  q = unitId === null ? q.where('unit_id', 'is', null) : q.where('unit_id', '=', unitId);
  return q.executeTakeFirst();
}

export function deleteGrant(db: Db, grantId: string) {
  return db.deleteFrom('role_grant').where('id', '=', grantId).execute();
}

/** Active administrators, locking their rows so two concurrent removals cannot both pass. */
export async function activeAdminIds(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('role_grant as g')
    .innerJoin('app_user as u', 'u.id', 'g.user_id')
    .select('u.id')
    .where('g.role', '=', 'admin')
    .where('u.is_active', '=', true)
    .forUpdate()
    .execute();
  return [...new Set(rows.map((r) => r.id))];
}

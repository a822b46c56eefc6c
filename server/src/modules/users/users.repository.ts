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

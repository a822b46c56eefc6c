import { type Kysely, sql } from 'kysely';

/**
 * A user holds a role on a unit at most once: concurrent "give grant" requests cannot both
 * insert it (the service answers 409 `grant_exists`). The administrator's grant has no unit.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`delete from role_grant a using role_grant b
      where a.user_id = b.user_id and a.role = b.role
        and coalesce(a.unit_id::text, '') = coalesce(b.unit_id::text, '') and a.id > b.id`.execute(db);
  await sql`create unique index role_grant_identity_idx
      on role_grant (user_id, role, coalesce(unit_id::text, ''))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists role_grant_identity_idx`.execute(db);
}

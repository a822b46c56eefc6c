import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { fold } from '../../platform/text.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Columns of a user as answered (with the home unit's name). */
const USER_COLUMNS = [
  'u.id',
  'u.username',
  'u.display_name',
  'u.is_active',
  'u.is_demo',
  'u.home_unit_id',
  'u.email',
  'u.version',
  'h.name as home_unit_name',
] as const;

/**
 * Folding in SQL, the same as platform/text.ts `fold` for Latin letters: every precomposed
 * letter with a diacritic (Vietnamese included, đ → d, upper case too) is translated to its
 * base letter, then ASCII is lowered. Plain `translate` and `lower` exist on both backends and
 * lower-case ASCII whatever the database locale; no extension, no stored column needed.
 */
const FOLD_FROM: string[] = [];
const FOLD_TO: string[] = [];
for (const [start, end] of [
  [0xc0, 0x24f],
  [0x1e00, 0x1eff],
]) {
  for (let cp = start ?? 0; cp <= (end ?? 0); cp++) {
    const c = String.fromCodePoint(cp);
    const folded = fold(c);
    if (folded !== c && /^[a-z]$/.test(folded)) {
      FOLD_FROM.push(c);
      FOLD_TO.push(folded);
    }
  }
}
const folded = (column: string) =>
  sql<string>`lower(translate(${sql.ref(column)}, ${FOLD_FROM.join('')}, ${FOLD_TO.join('')}))`;

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export interface UserFilter {
  /** Folded search terms (platform/text.ts searchTerms); each must be found somewhere. */
  terms: string[];
}

/**
 * Users matching every term in their username, display name, home unit or a granted unit's
 * name (org_unit.search_text is already folded and trigram-indexed).
 */
function filteredUsers(db: Db, filter: UserFilter) {
  let q = db.selectFrom('app_user as u').leftJoin('org_unit as h', 'h.id', 'u.home_unit_id');
  for (const term of filter.terms) {
    const like = `%${escapeLike(term)}%`;
    q = q.where((eb) =>
      eb.or([
        eb('u.username', 'like', like),
        eb(folded('u.display_name'), 'like', like),
        eb('h.search_text', 'like', like),
        eb.exists(
          eb
            .selectFrom('role_grant as g')
            .innerJoin('org_unit as gu', 'gu.id', 'g.unit_id')
            .select('g.id')
            .whereRef('g.user_id', '=', 'u.id')
            .where('gu.search_text', 'like', like),
        ),
      ]),
    );
  }
  return q;
}

/** One page of users in a stable order (username is unique): paging reaches every user. */
export function listUsers(db: Db, filter: UserFilter & { limit: number; offset: number }) {
  return filteredUsers(db, filter)
    .select(USER_COLUMNS)
    .orderBy('u.username')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
}

export async function countUsers(db: Db, filter: UserFilter): Promise<number> {
  const row = await filteredUsers(db, filter)
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function userById(db: Db, id: string) {
  return db
    .selectFrom('app_user as u')
    .leftJoin('org_unit as h', 'h.id', 'u.home_unit_id')
    .select(USER_COLUMNS)
    .where('u.id', '=', id)
    .executeTakeFirst();
}

/** The grants of the given users (one query for a page). */
export function grantsOfUsers(db: Db, userIds: string[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('role_grant as g')
    .leftJoin('org_unit as u', 'u.id', 'g.unit_id')
    .select(['g.id', 'g.user_id', 'g.role', 'g.unit_id', 'u.name as unit_name'])
    .where('g.user_id', 'in', userIds)
    .orderBy('g.role')
    .orderBy('u.name')
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
    email?: string | null;
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
    .select(['id', 'username', 'display_name', 'home_unit_id', 'is_active', 'email', 'password_hash', 'version'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The user's row, locked until the transaction ends: its version cannot change meanwhile. */
export function findUserForUpdate(db: Db, id: string) {
  return db
    .selectFrom('app_user')
    .select(['id', 'username', 'display_name', 'home_unit_id', 'is_active', 'email', 'version'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export function updateUser(
  db: Db,
  id: string,
  patch: { display_name?: string; home_unit_id?: string | null; is_active?: boolean; email?: string | null },
) {
  return db
    .updateTable('app_user')
    .set({ ...patch, version: sql`version + 1` })
    .where('id', '=', id)
    .execute();
}

/** A write to the user's grants is a write to the user: its version moves on. */
export function bumpVersion(db: Db, id: string) {
  return db.updateTable('app_user').set({ version: sql`version + 1` }).where('id', '=', id).execute();
}

export function setPasswordHash(db: Db, id: string, passwordHash: string) {
  return db
    .updateTable('app_user')
    .set({ password_hash: passwordHash, version: sql`version + 1` })
    .where('id', '=', id)
    .execute();
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

import { createHash, randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Actor, Grant, Role } from '../access.js';
import type { Database } from '../db/schema.js';

/** Server-side sessions: the cookie holds a random token; the database holds its hash. */
export const SESSION_COOKIE = 'tk_session';
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

export interface SessionInfo {
  actor: Actor;
  csrfToken: string;
  tokenHash: string;
}

export async function createSession(
  db: Kysely<Database>,
  userId: string,
  meta: { ip?: string | undefined; userAgent?: string | undefined },
  now: Date = new Date(),
): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await db
    .insertInto('user_session')
    .values({
      token_hash: sha256(token),
      user_id: userId,
      csrf_token: csrfToken,
      expires_at: expiresAt,
      ip: meta.ip ?? null,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  // Expired sessions are swept on each login: cheap, and no job runner is needed for it.
  await db.deleteFrom('user_session').where('expires_at', '<', now).execute();
  return { token, csrfToken, expiresAt };
}

export async function deleteSession(db: Kysely<Database>, tokenHash: string): Promise<void> {
  await db.deleteFrom('user_session').where('token_hash', '=', tokenHash).execute();
}

export async function loadActor(db: Kysely<Database>, userId: string): Promise<Actor | null> {
  const user = await db
    .selectFrom('app_user')
    .select(['id', 'username', 'display_name', 'home_unit_id', 'is_active'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user?.is_active) return null;
  const grants = await db
    .selectFrom('role_grant as g')
    .leftJoin('org_unit as u', 'u.id', 'g.unit_id')
    .select(['g.role', 'g.unit_id', 'u.path', 'u.name'])
    .where('g.user_id', '=', userId)
    .execute();
  return {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    homeUnitId: user.home_unit_id,
    grants: grants.map((g): Grant => ({ role: g.role as Role, unitId: g.unit_id, unitPath: g.path, unitName: g.name })),
  };
}

/**
 * The session, its user and the user's grants in one query (one round trip per request): the
 * grants travel as a JSON array aggregated beside the session row.
 */
export async function findSession(
  db: Kysely<Database>,
  token: string,
  now: Date = new Date(),
): Promise<SessionInfo | null> {
  const tokenHash = sha256(token);
  const row = await db
    .selectFrom('user_session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .select([
      's.csrf_token',
      's.expires_at',
      'u.id',
      'u.username',
      'u.display_name',
      'u.home_unit_id',
      'u.is_active',
      sql<SessionGrantRow[]>`coalesce((
        select json_agg(json_build_object('role', g.role, 'unit_id', g.unit_id, 'path', o.path, 'name', o.name))
        from role_grant g left join org_unit o on o.id = g.unit_id
        where g.user_id = u.id), '[]'::json)`.as('grants'),
    ])
    .where('s.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row || row.expires_at.getTime() < now.getTime() || !row.is_active) return null;
  const grants = typeof row.grants === 'string' ? (JSON.parse(row.grants) as SessionGrantRow[]) : row.grants;
  return {
    actor: {
      userId: row.id,
      username: row.username,
      displayName: row.display_name,
      homeUnitId: row.home_unit_id,
      grants: grants.map(
        (g): Grant => ({ role: g.role as Role, unitId: g.unit_id, unitPath: g.path, unitName: g.name }),
      ),
    },
    csrfToken: row.csrf_token,
    tokenHash,
  };
}

interface SessionGrantRow {
  role: string;
  unit_id: string | null;
  path: string | null;
  name: string | null;
}

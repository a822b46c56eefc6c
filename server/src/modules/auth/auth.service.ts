import type { Kysely } from 'kysely';
import { type Actor, globalActions, ROLE_DEFINITIONS } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit.js';
import { dummyHash, verifyPassword } from '../../platform/auth/password.js';
import { createSession, deleteSession, loadActor } from '../../platform/auth/session.js';
import { type Clock, systemClock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { LoginThrottle } from './login-throttle.js';

export function presentMe(actor: Actor, homeUnitName: string | null) {
  const capabilities = new Set(actor.grants.flatMap((g) => [...ROLE_DEFINITIONS[g.role].can]));
  return {
    id: actor.userId,
    username: actor.username,
    displayName: actor.displayName,
    homeUnit: actor.homeUnitId ? { id: actor.homeUnitId, name: homeUnitName ?? '' } : null,
    grants: actor.grants.map((g) => ({ role: g.role, unitId: g.unitId, unitName: g.unitName })),
    capabilities: [...capabilities].sort(),
    /** What the user may do that is not about one object: list-level create buttons, menu entries. */
    actions: globalActions(actor),
  };
}

/** Attempts a minute per client address, and per username tried (from any address). */
export const LOGIN_LIMITS = { perAddress: 10, perUsername: 20 } as const;

/** Who tried to sign in, for the audit row of a failed attempt. Never the password. */
const anonymous = (username: string): Actor => ({
  userId: '',
  username: 'anonymous',
  displayName: username,
  homeUnitId: null,
  grants: [],
});

export class AuthService {
  private readonly throttle = new LoginThrottle();
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock = systemClock,
  ) {}

  async login(username: string, password: string, meta: { ip: string; userAgent?: string | undefined }) {
    const name = username.trim().toLowerCase();
    // Reserve the attempt before anything is awaited: parallel attempts are counted as they arrive.
    const reservation = this.throttle.reserve([
      { key: `ip:${meta.ip}`, limit: LOGIN_LIMITS.perAddress },
      { key: `user:${name}`, limit: LOGIN_LIMITS.perUsername },
    ]);
    if (!reservation.ok) {
      await this.recordFailure(name, null, 'throttled', meta);
      const wait = reservation.retryAfter;
      throw new AppError(429, 'too_many_attempts', { seconds: wait }, { retryAfter: wait });
    }
    const user = await this.db
      .selectFrom('app_user')
      .select(['id', 'password_hash', 'is_active'])
      .where('username', '=', name)
      .executeTakeFirst();
    const ok = await verifyPassword(user?.password_hash ?? (await dummyHash()), password);
    if (!user || !ok || !user.is_active) {
      await this.recordFailure(
        name,
        user?.id ?? null,
        !user ? 'unknown_user' : !ok ? 'wrong_password' : 'inactive',
        meta,
      );
      throw new AppError(401, 'invalid_credentials');
    }
    reservation.release();
    const session = await createSession(this.db, user.id, meta, this.clock.now());
    const actor = await loadActor(this.db, user.id);
    if (!actor) throw new AppError(401, 'invalid_credentials');
    await recordAudit(this.db, { actor, ip: meta.ip }, { action: 'auth.login', entityType: 'user', entityId: user.id });
    return { ...session, actor };
  }

  /** A failed sign-in: the username tried, why it failed, from where. Never the password. */
  private async recordFailure(
    username: string,
    userId: string | null,
    reason: 'unknown_user' | 'wrong_password' | 'inactive' | 'throttled',
    meta: { ip: string; userAgent?: string | undefined },
  ) {
    await recordAudit(
      this.db,
      { actor: anonymous(username), ip: meta.ip },
      {
        action: 'auth.login_failed',
        entityType: 'user',
        entityId: userId,
        after: { username: username.slice(0, 100), reason, userAgent: meta.userAgent?.slice(0, 300) ?? null },
      },
    );
  }

  async logout(actor: Actor, tokenHash: string, ip: string) {
    await this.db.transaction().execute(async (trx) => {
      await deleteSession(trx, tokenHash);
      await recordAudit(trx, { actor, ip }, { action: 'auth.logout', entityType: 'user', entityId: actor.userId });
    });
  }

  async me(actor: Actor) {
    const home = actor.homeUnitId
      ? await this.db.selectFrom('org_unit').select('name').where('id', '=', actor.homeUnitId).executeTakeFirst()
      : undefined;
    return presentMe(actor, home?.name ?? null);
  }
}

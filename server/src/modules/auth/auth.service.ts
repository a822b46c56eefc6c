import type { Kysely } from 'kysely';
import { type Actor, ROLE_DEFINITIONS } from '../../platform/access.js';
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
  };
}

export class AuthService {
  private readonly throttle = new LoginThrottle();
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock = systemClock,
  ) {}

  async login(username: string, password: string, meta: { ip: string; userAgent?: string | undefined }) {
    const wait = this.throttle.retryAfter(meta.ip);
    if (wait > 0) throw new AppError(429, 'too_many_attempts', { seconds: wait }, { retryAfter: wait });
    const user = await this.db
      .selectFrom('app_user')
      .select(['id', 'password_hash', 'is_active'])
      .where('username', '=', username.trim().toLowerCase())
      .executeTakeFirst();
    const ok = await verifyPassword(user?.password_hash ?? (await dummyHash()), password);
    if (!user || !ok || !user.is_active) {
      this.throttle.fail(meta.ip);
      throw new AppError(401, 'invalid_credentials');
    }
    const session = await createSession(this.db, user.id, meta, this.clock.now());
    const actor = await loadActor(this.db, user.id);
    if (!actor) throw new AppError(401, 'invalid_credentials');
    await recordAudit(this.db, { actor, ip: meta.ip }, { action: 'auth.login', entityType: 'user', entityId: user.id });
    return { ...session, actor };
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

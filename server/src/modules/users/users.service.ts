import type { Kysely, Transaction } from 'kysely';
import type { Ctx, Role } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit.js';
import { hashPassword, verifyPassword } from '../../platform/auth/password.js';
import { staleVersion } from '../../platform/db/conflicts.js';
import type { Database } from '../../platform/db/schema.js';
import { AppError, notFound } from '../../platform/errors.js';
import { normalizeName, searchTerms } from '../../platform/text.js';
import { LoginThrottle } from '../auth/login-throttle.js';
import { assertStrongPassword } from './password-policy.js';
import { usersPolicy as policy } from './users.policy.js';
import * as repo from './users.repository.js';

export interface NewUserInput {
  username: string;
  displayName: string;
  password: string;
  homeUnitId?: string | null | undefined;
  email?: string | null | undefined;
  grants: { role: Role; unitId: string | null }[];
  isDemo?: boolean;
}

export interface UserPatch {
  /** The version the edit was made from; a different current version answers 409 stale_version. */
  version?: number | undefined;
  displayName?: string | undefined;
  homeUnitId?: string | null | undefined;
  email?: string | null | undefined;
  isActive?: boolean | undefined;
}

type Trx = Transaction<Database>;

export interface UserListQuery {
  q?: string | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

type UserRow = NonNullable<Awaited<ReturnType<typeof repo.userById>>>;

/** PostgreSQL's unique_violation, on both backends. */
const isUniqueViolation = (e: unknown) => (e as { code?: string } | null)?.code === '23505';

/** Wrong "current password" answers a minute per user before 429: a stolen session cannot guess it. */
export const CURRENT_PASSWORD_LIMIT = 5;

export class UsersService {
  private readonly currentPasswordThrottle = new LoginThrottle();
  constructor(private readonly db: Kysely<Database>) {}

  /** One page of users, searched on the server (username, name, home and granted units). */
  async list(ctx: Ctx, query: UserListQuery = {}) {
    policy.assertCanManage(ctx.actor);
    const filter = { terms: query.q ? searchTerms(query.q) : [] };
    const [rows, total] = await Promise.all([
      repo.listUsers(this.db, { ...filter, limit: query.limit ?? 50, offset: query.offset ?? 0 }),
      repo.countUsers(this.db, filter),
    ]);
    return { items: await this.present(ctx, this.db, rows), total };
  }

  async get(ctx: Ctx, id: string) {
    policy.assertCanManage(ctx.actor);
    return this.getIn(ctx, this.db, id);
  }

  private async getIn(ctx: Ctx, db: Kysely<Database> | Trx, id: string) {
    const row = await repo.userById(db, id);
    if (!row) throw notFound('user');
    const [user] = await this.present(ctx, db, [row]);
    if (!user) throw notFound('user');
    return user;
  }

  private async present(ctx: Ctx, db: Kysely<Database> | Trx, rows: UserRow[]) {
    const grants = await repo.grantsOfUsers(
      db,
      rows.map((u) => u.id),
    );
    const actions = policy.actions(ctx.actor);
    return rows.map((u) => ({
      id: u.id,
      username: u.username,
      displayName: u.display_name,
      isActive: u.is_active,
      isDemo: u.is_demo,
      homeUnit: u.home_unit_id ? { id: u.home_unit_id, name: u.home_unit_name ?? '' } : null,
      email: u.email,
      grants: grants
        .filter((g) => g.user_id === u.id)
        .map((g) => ({ id: g.id, role: g.role, unitId: g.unit_id, unitName: g.unit_name })),
      version: u.version,
      actions,
    }));
  }

  async create(ctx: Ctx, input: NewUserInput) {
    policy.assertCanManage(ctx.actor);
    const username = input.username.trim().toLowerCase();
    if (!input.isDemo) assertStrongPassword(input.password, username);
    const seen = new Set<string>();
    for (const g of input.grants) {
      this.assertGrantShape(g);
      const key = `${g.role}|${g.unitId ?? ''}`;
      if (seen.has(key)) throw new AppError(409, 'grant_exists');
      seen.add(key);
    }
    const passwordHash = await hashPassword(input.password);
    try {
      return await this.db.transaction().execute(async (trx) => {
        if (await repo.findUserByUsername(trx, username)) throw new AppError(409, 'username_taken', { username });
        for (const unitId of [input.homeUnitId, ...input.grants.map((g) => g.unitId)])
          await this.assertUnit(trx, unitId);
        const user = await repo.insertUser(trx, {
          username,
          display_name: normalizeName(input.displayName),
          password_hash: passwordHash,
          home_unit_id: input.homeUnitId ?? null,
          is_demo: input.isDemo ?? false,
          email: input.email ?? null,
        });
        const grants = [];
        for (const g of input.grants)
          grants.push(await repo.insertGrant(trx, { user_id: user.id, unit_id: g.unitId, role: g.role }));
        // The password hash never enters the audit log.
        await recordAudit(trx, ctx, {
          action: 'user.create',
          entityType: 'user',
          entityId: user.id,
          after: { ...user, homeUnitId: input.homeUnitId ?? null, grants },
        });
        return user;
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppError(409, 'username_taken', { username });
      throw e;
    }
  }

  /**
   * Name, home unit, active or not. Deactivating ends the user's sessions. With `version`, an
   * edit made from an older version answers 409 stale_version with the current user.
   */
  async update(ctx: Ctx, id: string, patch: UserPatch) {
    policy.assertCanManage(ctx.actor);
    return this.db.transaction().execute(async (trx) => {
      // Deactivation locks the administrators first, the order every writer of grants takes
      // (removeGrant), then the user: two writers never wait on each other in a circle.
      const admins = patch.isActive === false ? await repo.activeAdminIds(trx) : null;
      const user = await repo.findUserForUpdate(trx, id);
      if (!user) throw notFound('user');
      if (patch.version !== undefined && patch.version !== user.version) {
        throw staleVersion('user', patch.version, await this.getIn(ctx, trx, id));
      }
      if (patch.isActive === false && id === ctx.actor.userId) throw new AppError(400, 'cannot_deactivate_self');
      if (patch.homeUnitId !== undefined) await this.assertUnit(trx, patch.homeUnitId);
      if (admins && user.is_active && admins.includes(id) && admins.length <= 1) {
        throw new AppError(409, 'last_admin');
      }
      const before = {
        display_name: user.display_name,
        home_unit_id: user.home_unit_id,
        is_active: user.is_active,
        email: user.email,
      };
      const set: { display_name?: string; home_unit_id?: string | null; is_active?: boolean; email?: string | null } =
        {};
      if (patch.email !== undefined) set.email = patch.email;
      if (patch.displayName !== undefined) set.display_name = normalizeName(patch.displayName);
      if (patch.homeUnitId !== undefined) set.home_unit_id = patch.homeUnitId;
      if (patch.isActive !== undefined) set.is_active = patch.isActive;
      if (Object.keys(set).length > 0) {
        await repo.updateUser(trx, id, set);
        if (patch.isActive === false) await repo.deleteSessionsOf(trx, id);
        const action =
          patch.isActive === false && user.is_active
            ? 'user.deactivate'
            : patch.isActive === true && !user.is_active
              ? 'user.reactivate'
              : 'user.update';
        await recordAudit(trx, ctx, { action, entityType: 'user', entityId: id, before, after: { ...before, ...set } });
      }
      // Read in the same transaction: the answer's body and version belong together.
      return this.getIn(ctx, trx, id);
    });
  }

  async addGrant(ctx: Ctx, userId: string, grant: { role: Role; unitId: string | null }) {
    policy.assertCanManage(ctx.actor);
    this.assertGrantShape(grant);
    try {
      return await this.db.transaction().execute(async (trx) => {
        if (!(await repo.findUser(trx, userId))) throw notFound('user');
        await this.assertUnit(trx, grant.unitId);
        if (await repo.findGrant(trx, userId, grant.role, grant.unitId)) throw new AppError(409, 'grant_exists');
        const row = await repo.insertGrant(trx, { user_id: userId, unit_id: grant.unitId, role: grant.role });
        await repo.bumpVersion(trx, userId);
        await recordAudit(trx, ctx, {
          action: 'user.grant',
          entityType: 'user',
          entityId: userId,
          after: { role: row.role, unit_id: row.unit_id },
        });
        const unit = (await repo.grantsOf(trx, userId)).find((g) => g.id === row.id);
        return { id: row.id, role: row.role, unitId: row.unit_id, unitName: unit?.unit_name ?? null };
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppError(409, 'grant_exists');
      throw e;
    }
  }

  async removeGrant(ctx: Ctx, userId: string, grantId: string) {
    policy.assertCanManage(ctx.actor);
    await this.db.transaction().execute(async (trx) => {
      const grants = await repo.grantsOf(trx, userId);
      const grant = grants.find((g) => g.id === grantId);
      if (!grant) throw notFound('grant');
      if (grant.role === 'admin' && !grants.some((g) => g.id !== grantId && g.role === 'admin')) {
        await this.assertNotLastAdmin(trx, userId);
      }
      await repo.deleteGrant(trx, grantId);
      await repo.bumpVersion(trx, userId);
      await recordAudit(trx, ctx, {
        action: 'user.revoke',
        entityType: 'user',
        entityId: userId,
        before: { role: grant.role, unit_id: grant.unit_id },
      });
    });
  }

  /** An administrator sets a new password; every session of the user ends. */
  async resetPassword(ctx: Ctx, userId: string, password: string) {
    policy.assertCanManage(ctx.actor);
    const user = await repo.findUser(this.db, userId);
    if (!user) throw notFound('user');
    assertStrongPassword(password, user.username);
    const hash = await hashPassword(password);
    await this.db.transaction().execute(async (trx) => {
      await repo.setPasswordHash(trx, userId, hash);
      await repo.deleteSessionsOf(trx, userId);
      await recordAudit(trx, ctx, { action: 'user.reset_password', entityType: 'user', entityId: userId });
    });
  }

  /** Every user changes their own password with the current one; their other sessions end. */
  async changeOwnPassword(ctx: Ctx, currentTokenHash: string, current: string, next: string) {
    const reservation = this.currentPasswordThrottle.reserve([
      { key: `user:${ctx.actor.userId}`, limit: CURRENT_PASSWORD_LIMIT },
    ]);
    if (!reservation.ok) {
      const wait = reservation.retryAfter;
      throw new AppError(429, 'too_many_attempts', { seconds: wait }, { retryAfter: wait });
    }
    const user = await repo.findUser(this.db, ctx.actor.userId);
    if (!user) throw notFound('user');
    if (!(await verifyPassword(user.password_hash, current))) throw new AppError(400, 'wrong_current_password');
    reservation.release();
    assertStrongPassword(next, user.username);
    if (await verifyPassword(user.password_hash, next)) throw new AppError(400, 'password_unchanged');
    const hash = await hashPassword(next);
    await this.db.transaction().execute(async (trx) => {
      await repo.setPasswordHash(trx, user.id, hash);
      await repo.deleteSessionsOf(trx, user.id, currentTokenHash);
      await recordAudit(trx, ctx, { action: 'user.change_password', entityType: 'user', entityId: user.id });
    });
  }

  async countAdmins(): Promise<number> {
    return repo.countAdmins(this.db);
  }

  private assertGrantShape(grant: { role: Role; unitId: string | null }) {
    if (grant.role === 'admin' && grant.unitId !== null) throw new AppError(400, 'admin_grant_has_no_unit');
    if (grant.role !== 'admin' && grant.unitId === null) {
      throw new AppError(400, 'grant_unit_required');
    }
  }

  private async assertUnit(trx: Trx, unitId: string | null | undefined) {
    if (unitId && !(await repo.unitExists(trx, unitId))) {
      throw new AppError(400, 'unknown_reference', { entity: 'unit', value: unitId });
    }
  }

  private async assertNotLastAdmin(trx: Trx, userId: string) {
    const admins = await repo.activeAdminIds(trx);
    if (admins.includes(userId) && admins.length <= 1) throw new AppError(409, 'last_admin');
  }
}

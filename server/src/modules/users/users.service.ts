import type { Kysely } from 'kysely';
import type { Ctx, Role } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit.js';
import { hashPassword } from '../../platform/auth/password.js';
import type { Database } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { normalizeName } from '../../platform/text.js';
import { usersPolicy as policy } from './users.policy.js';
import * as repo from './users.repository.js';

export interface NewUserInput {
  username: string;
  displayName: string;
  password: string;
  homeUnitId?: string | null | undefined;
  grants: { role: Role; unitId: string | null }[];
  isDemo?: boolean;
}

export class UsersService {
  constructor(private readonly db: Kysely<Database>) {}

  async list(ctx: Ctx) {
    policy.assertCanManage(ctx.actor);
    const [users, grants] = await Promise.all([repo.listUsers(this.db), repo.listGrants(this.db)]);
    return users.map((u) => ({
      id: u.id,
      username: u.username,
      displayName: u.display_name,
      isActive: u.is_active,
      isDemo: u.is_demo,
      homeUnit: u.home_unit_id ? { id: u.home_unit_id, name: u.home_unit_name ?? '' } : null,
      grants: grants
        .filter((g) => g.user_id === u.id)
        .map((g) => ({ id: g.id, role: g.role, unitId: g.unit_id, unitName: g.unit_name })),
    }));
  }

  async create(ctx: Ctx, input: NewUserInput) {
    policy.assertCanManage(ctx.actor);
    const username = input.username.trim().toLowerCase();
    const passwordHash = await hashPassword(input.password);
    return this.db.transaction().execute(async (trx) => {
      if (await repo.findUserByUsername(trx, username)) throw new AppError(409, 'username_taken', { username });
      for (const unitId of [input.homeUnitId, ...input.grants.map((g) => g.unitId)]) {
        if (unitId && !(await repo.unitExists(trx, unitId))) {
          throw new AppError(400, 'unknown_reference', { entity: 'unit', value: unitId });
        }
      }
      const user = await repo.insertUser(trx, {
        username,
        display_name: normalizeName(input.displayName),
        password_hash: passwordHash,
        home_unit_id: input.homeUnitId ?? null,
        is_demo: input.isDemo ?? false,
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
  }

  async countAdmins(): Promise<number> {
    return repo.countAdmins(this.db);
  }
}

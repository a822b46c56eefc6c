import { z } from 'zod';
import { ROLES } from '../../platform/access.js';
import { Name, QueryText, Uuid } from '../../platform/schemas.js';

/** Strength is checked by the service (password-policy.ts), with a Vietnamese reason. */
const Password = z.string().min(1).max(200);

export const GrantInput = z.object({ role: z.enum(ROLES), unitId: Uuid.nullable() }).strict();

export const NewUserBody = z
  .object({
    username: z.string().regex(/^[a-z0-9][a-z0-9._-]{1,49}$/i),
    displayName: Name(200),
    password: Password,
    homeUnitId: Uuid.nullish(),
    /** Where e-mail reminders go (modules/reminders); null: in-app only. */
    email: z.email().max(254).nullish(),
    grants: z.array(GrantInput).max(50),
  })
  .strict();

export const UserPatchBody = z
  .object({
    /** The version the edit was made from (answers carry it); another current version → 409. */
    version: z.number().int().min(1).max(2_147_483_647).optional(),
    displayName: Name(200).optional(),
    homeUnitId: Uuid.nullable().optional(),
    email: z.email().max(254).nullable().optional(),
    isActive: z.boolean().optional(),
  })
  .strict();

export const ResetPasswordBody = z.object({ password: Password }).strict();
export const ChangePasswordBody = z.object({ currentPassword: Password, newPassword: Password }).strict();
export const GrantParams = z.object({ id: Uuid, grantId: Uuid });

export const GrantOut = z.object({
  id: z.string(),
  role: z.string(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
});

export const UserOut = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  isActive: z.boolean(),
  isDemo: z.boolean(),
  homeUnit: z.object({ id: z.string(), name: z.string() }).nullable(),
  email: z.string().nullable(),
  grants: z.array(GrantOut),
  /** Optimistic concurrency: send it back with an edit (409 stale_version when it changed). */
  version: z.number().int(),
  /** What the viewer may do with this user (platform/access.ts). */
  actions: z.array(z.string()),
});

export const UserListQuery = z.object({
  /** Words found, without regard to diacritics or case, in the username, name or units. */
  q: QueryText(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const UserPage = z.object({ items: z.array(UserOut), total: z.number().int() });

export const CreatedUser = z.object({ id: z.string(), username: z.string(), display_name: z.string() });

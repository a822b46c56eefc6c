import { z } from 'zod';
import { ROLES } from '../../platform/access.js';
import { ctxOf } from '../../platform/auth/plugin.js';
import { Uuid } from '../../platform/schemas.js';
import type { App, Deps } from '../../platform/types.js';
import { UsersService } from './users.service.js';

const tags = ['users'];

const UserGrant = z.object({ id: Uuid, role: z.string(), unitId: Uuid.nullable(), unitName: z.string().nullable() });
const UserRow = z.object({
  id: Uuid,
  username: z.string(),
  displayName: z.string(),
  isActive: z.boolean(),
  isDemo: z.boolean(),
  homeUnit: z.object({ id: Uuid, name: z.string() }).nullable(),
  grants: z.array(UserGrant),
});
const CreatedUser = z.object({ id: Uuid, username: z.string(), displayName: z.string() });

export function usersRoutes(app: App, { db }: Deps): void {
  const service = new UsersService(db);
  app.get(
    '/api/v1/users',
    {
      schema: {
        tags,
        summary: 'Người dùng và quyền (quản trị)',
        response: { 200: z.object({ items: z.array(UserRow) }) },
      },
    },
    async (req) => ({ items: await service.list(ctxOf(req)) }),
  );
  app.post(
    '/api/v1/users',
    {
      schema: {
        tags,
        summary: 'Tạo người dùng (quản trị)',
        body: z
          .object({
            username: z.string().regex(/^[a-z0-9][a-z0-9._-]{1,49}$/i),
            displayName: z.string().trim().min(1).max(200),
            password: z.string().min(10).max(200),
            homeUnitId: Uuid.nullish(),
            grants: z.array(z.object({ role: z.enum(ROLES), unitId: Uuid.nullable() })).max(50),
          })
          .strict(),
        response: { 201: CreatedUser },
      },
    },
    async (req, reply) => {
      const user = await service.create(ctxOf(req), req.body);
      return reply.status(201).send({ id: user.id, username: user.username, displayName: user.display_name });
    },
  );
}

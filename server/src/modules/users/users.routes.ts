import { z } from 'zod';
import { ROLES } from '../../platform/access.js';
import { ctxOf } from '../../platform/auth/plugin.js';
import { Name, Uuid } from '../../platform/schemas.js';
import type { App, Deps } from '../../platform/types.js';
import { UsersService } from './users.service.js';

const tags = ['users'];

export function usersRoutes(app: App, { db }: Deps): void {
  const service = new UsersService(db);
  app.get('/api/v1/users', { schema: { tags, summary: 'Người dùng và quyền (quản trị)' } }, async (req) => ({
    items: await service.list(ctxOf(req)),
  }));
  app.post(
    '/api/v1/users',
    {
      schema: {
        tags,
        summary: 'Tạo người dùng (quản trị)',
        body: z
          .object({
            username: z.string().regex(/^[a-z0-9][a-z0-9._-]{1,49}$/i),
            displayName: Name(200),
            password: z.string().min(10).max(200),
            homeUnitId: Uuid.nullish(),
            grants: z.array(z.object({ role: z.enum(ROLES), unitId: Uuid.nullable() })).max(50),
          })
          .strict(),
      },
    },
    async (req, reply) => reply.status(201).send(await service.create(ctxOf(req), req.body)),
  );
}

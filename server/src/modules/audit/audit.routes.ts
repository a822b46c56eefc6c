import { z } from 'zod';
import { actorOf } from '../../platform/auth/plugin.js';
import { IsoDate } from '../../platform/schemas.js';
import type { App, Deps } from '../../platform/types.js';
import { auditPolicy } from './audit.policy.js';
import { countAudit, listAudit } from './audit.repository.js';

const AuditQuery = z.object({
  entityType: z.string().max(50).optional(),
  entityId: z.string().max(100).optional(),
  action: z.string().max(100).optional(),
  actor: z.string().max(100).optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

const AuditRow = z.object({
  id: z.string(),
  at: z.iso.datetime(),
  actorName: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  ip: z.string().nullable(),
});

export function auditRoutes(app: App, { db }: Deps): void {
  app.get(
    '/api/v1/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Nhật ký thay đổi (quản trị)',
        querystring: AuditQuery,
        response: { 200: z.object({ items: z.array(AuditRow), total: z.number() }) },
      },
    },
    async (req) => {
      auditPolicy.assertCanRead(actorOf(req));
      const [rows, total] = await Promise.all([listAudit(db, req.query), countAudit(db, req.query)]);
      return {
        total,
        items: rows.map((r) => ({
          id: r.id,
          at: new Date(r.at).toISOString(),
          actorName: r.actor_name,
          action: r.action,
          entityType: r.entity_type,
          entityId: r.entity_id,
          before: r.before,
          after: r.after,
          ip: r.ip,
        })),
      };
    },
  );
}

import { z } from 'zod';
import { actorOf } from '../../platform/auth/plugin.js';
import { IsoDate, QueryText } from '../../platform/schemas.js';
import type { App, Deps } from '../../platform/types.js';
import { auditPolicy } from './audit.policy.js';
import { countAudit, listAudit } from './audit.repository.js';

const AuditQuery = z.object({
  entityType: QueryText(50).optional(),
  entityId: QueryText(100).optional(),
  action: QueryText(100).optional(),
  actor: QueryText(100).optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export function auditRoutes(app: App, { db }: Deps): void {
  app.get(
    '/api/v1/audit',
    { schema: { tags: ['audit'], summary: 'Nhật ký thay đổi (quản trị)', querystring: AuditQuery } },
    async (req) => {
      auditPolicy.assertCanRead(actorOf(req));
      const [rows, total] = await Promise.all([listAudit(db, req.query), countAudit(db, req.query)]);
      return {
        total,
        items: rows.map((r) => ({
          id: r.id,
          at: r.at,
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

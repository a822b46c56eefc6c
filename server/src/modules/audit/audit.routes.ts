import { z } from 'zod';
import { actorOf } from '../../platform/auth/plugin.js';
import { IsoDate, QueryText } from '../../platform/schemas.js';
import type { App, Deps } from '../../platform/types.js';
import { auditPolicy } from './audit.policy.js';
import { changesOf, labelUnits, unitIdsOf } from './audit.present.js';
import { countAudit, listAudit, unitNames } from './audit.repository.js';

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

const Change = z.object({
  field: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  beforeLabel: z.string().optional(),
  afterLabel: z.string().optional(),
});

const AuditPage = z.object({
  total: z.number(),
  items: z.array(
    z.object({
      id: z.string(),
      at: z.iso.datetime(),
      actorName: z.string(),
      /** The actor's display name today; null for the system and for failed sign-ins. */
      actorDisplayName: z.string().nullable(),
      action: z.string(),
      entityType: z.string(),
      entityId: z.string().nullable(),
      /** The entity's name or title today (unit, user, document, plan, level). */
      entityName: z.string().nullable(),
      before: z.unknown(),
      after: z.unknown(),
      /** The changed fields only. */
      changes: z.array(Change),
      /** Names of the units whose ids appear in the changes (e.g. inside a list of grants). */
      unitNames: z.record(z.string(), z.string()),
      ip: z.string().nullable(),
    }),
  ),
});

export function auditRoutes(app: App, { db }: Deps): void {
  app.get(
    '/api/v1/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Nhật ký thay đổi (quản trị)',
        querystring: AuditQuery,
        response: { 200: AuditPage },
      },
    },
    async (req) => {
      auditPolicy.assertCanRead(actorOf(req));
      const [rows, total] = await Promise.all([listAudit(db, req.query), countAudit(db, req.query)]);
      const changes = rows.map((r) => changesOf(r.before, r.after));
      const names = await unitNames(db, [...new Set(changes.flatMap(unitIdsOf))]);
      return {
        total,
        items: rows.map((r, i) => ({
          id: String(r.id),
          at: new Date(r.at).toISOString(),
          actorName: r.actor_name,
          actorDisplayName: r.actor_display_name,
          action: r.action,
          entityType: r.entity_type,
          entityId: r.entity_id,
          entityName: r.entity_name,
          before: r.before,
          after: r.after,
          changes: labelUnits(changes[i] ?? [], names),
          unitNames: Object.fromEntries(
            unitIdsOf(changes[i] ?? []).flatMap((id) => {
              const name = names.get(id);
              return name ? [[id, name]] : [];
            }),
          ),
          ip: r.ip,
        })),
      };
    },
  );
}
